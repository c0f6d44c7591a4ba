package org.maecenas.payments;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Real payments through Stripe. With no secret key the sandbox gateway is used instead.
 *
 * @param secretKey {@code STRIPE_SECRET_KEY}: turns Stripe on
 * @param publishableKey {@code STRIPE_PUBLISHABLE_KEY}: for Stripe.js in the patron's browser
 * @param webhookSecret {@code STRIPE_WEBHOOK_SECRET}: the endpoint's signing secret; several may be
 *     given, comma-separated (the platform endpoint's and the Connect endpoint's)
 * @param apiBase where the Stripe API is (tests point it at a local server)
 * @param maxNetworkRetries the SDK's own retries of connection errors, timeouts, 409s and 5xx
 * @param rateLimitRetries our retries of a 429, with the same idempotency key
 * @param rateLimitBackoff the first wait after a 429, doubled on each further one
 * @param webhookTolerance how old a webhook's signed timestamp may be
 */
@ConfigurationProperties("maecenas.stripe")
public record StripeProperties(
        @Nullable String secretKey,
        @Nullable String publishableKey,
        @Nullable String webhookSecret,
        @DefaultValue("https://api.stripe.com") String apiBase,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("2") int maxNetworkRetries,
        @DefaultValue("3") int rateLimitRetries,
        @DefaultValue("1s") Duration rateLimitBackoff,
        @DefaultValue("300s") Duration webhookTolerance) {

    /** The property that turns Stripe on, for conditions that cannot bind this record. */
    public static final String SECRET_KEY = "maecenas.stripe.secret-key";

    public boolean configured() {
        return secretKey != null && !secretKey.isBlank();
    }

    public List<String> webhookSecrets() {
        return webhookSecret == null
                ? List.of()
                : Arrays.stream(webhookSecret.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }
}
