package org.maecenas.payments.internal;

import com.stripe.StripeClient;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import java.time.Duration;

/**
 * The Stripe client with what the SDK leaves to us: it retries connection errors, timeouts, 409s
 * and 5xx itself (with the same idempotency key), but not a 429 without Stripe's "retry" header.
 * Those are retried here, with backoff and again the same key: Stripe saves no result for a
 * rate-limited request, so the retry is the first real try.
 */
public class StripeApi {

    /** Our keys become Stripe idempotency keys with this prefix (one key space per Stripe account). */
    static final String KEY_PREFIX = "maecenas-";

    /** The metadata field carrying our idempotency key on PaymentIntents and Refunds. */
    static final String KEY_METADATA = "maecenas_key";

    private final StripeClient client;
    private final int rateLimitRetries;
    private final Duration backoff;

    StripeApi(StripeClient client, int rateLimitRetries, Duration backoff) {
        this.client = client;
        this.rateLimitRetries = rateLimitRetries;
        this.backoff = backoff;
    }

    /** A call to Stripe. */
    @FunctionalInterface
    interface Call<T> {
        T on(StripeClient client) throws StripeException;
    }

    <T> T call(Call<T> call) throws StripeException {
        for (int retry = 0; ; retry++) {
            try {
                return call.on(client);
            } catch (RateLimitException limited) {
                if (retry >= rateLimitRetries) {
                    throw limited;
                }
                pause(backoff.multipliedBy(1L << Math.min(retry, 6)));
            }
        }
    }

    /** The request options for a call made on behalf of one of our keys. */
    static RequestOptions idempotent(String purpose, String key) {
        return RequestOptions.builder()
                .setIdempotencyKey(KEY_PREFIX + purpose + key)
                .build();
    }

    private static void pause(Duration duration) throws RateLimitException {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RateLimitException("interrupted while waiting out a rate limit", null, null, null, 429, e);
        }
    }
}
