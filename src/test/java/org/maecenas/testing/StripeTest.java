package org.maecenas.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application with Stripe turned on, talking to {@link FakeStripe} on a local port. One
 * more shared Spring context (its own embedded PostgreSQL) for every class annotated so.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@MaecenasTest
@TestPropertySource(
        properties = {
            "maecenas.stripe.secret-key=sk_test_maecenas",
            "maecenas.stripe.publishable-key=" + StripeTest.PUBLISHABLE_KEY,
            "maecenas.stripe.webhook-secret=whsec_other_endpoint, " + StripeTest.WEBHOOK_SECRET,
            "maecenas.stripe.read-timeout=5s",
            "maecenas.stripe.max-network-retries=1",
            "maecenas.stripe.rate-limit-backoff=10ms"
        })
@ContextConfiguration(initializers = StripeTest.PointedAtFakeStripe.class)
public @interface StripeTest {

    String PUBLISHABLE_KEY = "pk_test_maecenas";
    String WEBHOOK_SECRET = "whsec_test_maecenas";

    /** Points the Stripe client at the fake, whose port is known only once it runs. */
    class PointedAtFakeStripe implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of("maecenas.stripe.api-base=" + FakeStripe.get().baseUrl())
                    .applyTo(context);
        }
    }
}
