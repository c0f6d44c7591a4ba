package org.maecenas.payments.internal;

import com.stripe.StripeClient;
import java.time.Clock;
import org.maecenas.payments.StripeConditions;
import org.maecenas.payments.StripeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Real payments: everything Stripe, present only when {@code STRIPE_SECRET_KEY} is set. */
@Configuration(proxyBeanMethods = false)
@Conditional(StripeConditions.Configured.class)
class StripeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StripeConfiguration.class);

    /** One client per application (never the SDK's static key), so tests can point one elsewhere. */
    @Bean
    StripeClient stripeClient(StripeProperties properties) {
        log.info(
                "Payments go through Stripe ({} mode, API at {})",
                properties.secretKey().startsWith("sk_live")
                                || properties.secretKey().startsWith("rk_live")
                        ? "live"
                        : "test",
                properties.apiBase());
        if (properties.webhookSecrets().isEmpty()) {
            log.warn("STRIPE_WEBHOOK_SECRET is not set: every webhook will be refused");
        }
        return clientFor(properties);
    }

    static StripeClient clientFor(StripeProperties properties) {
        return StripeClient.builder()
                .setApiKey(properties.secretKey())
                .setApiBase(properties.apiBase())
                .setConnectTimeout((int) properties.connectTimeout().toMillis())
                .setReadTimeout((int) properties.readTimeout().toMillis())
                .setMaxNetworkRetries(properties.maxNetworkRetries())
                .build();
    }

    @Bean
    StripeApi stripeApi(StripeClient client, StripeProperties properties) {
        return new StripeApi(client, properties.rateLimitRetries(), properties.rateLimitBackoff());
    }

    @Bean
    StripeCustomers stripeCustomers(StripeApi stripe, JdbcClient jdbc, Clock clock) {
        return new StripeCustomers(stripe, jdbc, clock);
    }

    @Bean
    StripeGateway stripeGateway(
            StripeApi stripe,
            StripeCustomers customers,
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            Clock clock) {
        return new StripeGateway(stripe, customers, new StripeKeys(jdbc, transactions), clock);
    }

    @Bean
    StripeSetup stripeSetup(StripeApi stripe, StripeCustomers customers) {
        return new StripeSetup(stripe, customers);
    }

    @Bean
    StripeWebhooks stripeWebhooks(
            StripeProperties properties,
            StripeApi stripe,
            StripeSetup setup,
            PaymentMethodRepository methods,
            StripeEventStore store,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            Clock clock) {
        StripeEventHandlers handlers = new StripeEventHandlers(stripe, setup, methods, store, events, clock);
        return new StripeWebhooks(properties, store, handlers, transactions, clock);
    }
}
