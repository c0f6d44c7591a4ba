package org.maecenas.payments.internal;

import java.time.Clock;
import org.maecenas.payments.PaymentGateway;
import org.maecenas.payments.SandboxSwitch;
import org.maecenas.payments.StripeConditions;
import org.maecenas.payments.StripeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StripeProperties.class)
class PaymentsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PaymentsConfiguration.class);

    @Bean
    @Conditional(StripeConditions.NotConfigured.class)
    @ConditionalOnMissingBean(PaymentGateway.class)
    SandboxGateway sandboxGateway(JdbcClient jdbc, SandboxSwitch behaviour, Clock clock) {
        log.info("Payments go through the sandbox gateway (test mode: no real money moves);"
                + " set STRIPE_SECRET_KEY to take real payments with Stripe");
        return new SandboxGateway(jdbc, behaviour, clock);
    }
}
