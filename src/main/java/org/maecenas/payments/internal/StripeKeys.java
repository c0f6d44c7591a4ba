package org.maecenas.payments.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Our keys and the Stripe objects they made. A key is written, committed on its own, before Stripe
 * is called; the object's id after it answers. So a key whose answer was lost (a timeout, a crash)
 * is known to have been sent, with the customer or PaymentIntent among whose objects to look for it.
 */
class StripeKeys {

    private final JdbcClient jdbc;
    private final TransactionTemplate own;

    StripeKeys(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    record Charge(
            String key,
            String customerId,
            String paymentMethod,
            @Nullable String paymentIntentId,
            Instant at) {}

    record Refund(
            String key, String paymentIntentId, @Nullable String refundId, Instant at) {}

    void charging(String key, String customerId, String paymentMethod, Instant now) {
        own.executeWithoutResult(tx -> jdbc.sql("""
                        insert into stripe_charges (idempotency_key, customer_id, payment_method, created_at)
                        values (:key, :customer, :method, :at) on conflict (idempotency_key) do nothing
                        """)
                .param("key", key)
                .param("customer", customerId)
                .param("method", paymentMethod)
                .param("at", Timestamp.from(now))
                .update());
    }

    void charged(String key, String paymentIntentId) {
        own.executeWithoutResult(tx ->
                jdbc.sql("""
                        update stripe_charges set payment_intent_id = :pi
                         where idempotency_key = :key and payment_intent_id is null
                        """).param("key", key).param("pi", paymentIntentId).update());
    }

    Optional<Charge> charge(String key) {
        return jdbc.sql("""
                        select idempotency_key, customer_id, payment_method, payment_intent_id, created_at
                          from stripe_charges where idempotency_key = :key
                        """)
                .param("key", key)
                .query((rs, n) -> new Charge(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .optional();
    }

    void refunding(String key, String paymentIntentId, Instant now) {
        own.executeWithoutResult(tx -> jdbc.sql("""
                        insert into stripe_refunds (idempotency_key, payment_intent_id, created_at)
                        values (:key, :pi, :at) on conflict (idempotency_key) do nothing
                        """)
                .param("key", key)
                .param("pi", paymentIntentId)
                .param("at", Timestamp.from(now))
                .update());
    }

    void refunded(String key, String refundId) {
        own.executeWithoutResult(
                tx -> jdbc.sql("""
                        update stripe_refunds set refund_id = :refund
                         where idempotency_key = :key and refund_id is null
                        """).param("key", key).param("refund", refundId).update());
    }

    Optional<Refund> refund(String key) {
        return jdbc.sql("""
                        select idempotency_key, payment_intent_id, refund_id, created_at
                          from stripe_refunds where idempotency_key = :key
                        """)
                .param("key", key)
                .query((rs, n) -> new Refund(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .optional();
    }
}
