package org.maecenas.payments.internal;

import java.time.Clock;
import org.maecenas.payments.PaymentGateway;
import org.maecenas.payments.SandboxSwitch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class PaymentsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PaymentsConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(PaymentGateway.class)
    SandboxGateway sandboxGateway(JdbcClient jdbc, SandboxSwitch behaviour, Clock clock) {
        log.info("Payments go through the sandbox gateway (test mode: no real money moves)");
        return new SandboxGateway(jdbc, behaviour, clock);
    }
}
