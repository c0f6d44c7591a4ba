package org.maecenas.payments.internal;

import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.PaymentMethod;
import com.stripe.param.CustomerCreateParams;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One Stripe customer per patron: their saved cards hang on it and off-session charges name it. */
class StripeCustomers {

    private final StripeApi stripe;
    private final JdbcClient jdbc;
    private final Clock clock;

    StripeCustomers(StripeApi stripe, JdbcClient jdbc, Clock clock) {
        this.stripe = stripe;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<String> of(long userId) {
        return jdbc.sql("select customer_id from stripe_customers where user_id = :user")
                .param("user", userId)
                .query(String.class)
                .optional();
    }

    Optional<Long> userOf(String customerId) {
        return jdbc.sql("select user_id from stripe_customers where customer_id = :customer")
                .param("customer", customerId)
                .query(Long.class)
                .optional();
    }

    /**
     * The patron's customer, created on first need. Two requests at once send the same idempotency
     * key, so Stripe makes one customer and both rows agree.
     */
    String ensure(long userId) throws StripeException {
        Optional<String> known = of(userId);
        if (known.isPresent()) {
            return known.get();
        }
        Customer created = stripe.call(c -> c.v1().customers()
                .create(
                        CustomerCreateParams.builder()
                                .putMetadata("maecenas_user_id", Long.toString(userId))
                                .build(),
                        StripeApi.idempotent("customer-", Long.toString(userId))));
        jdbc.sql("""
                        insert into stripe_customers (user_id, customer_id, created_at) values (:user, :customer, :at)
                        on conflict (user_id) do nothing
                        """)
                .param("user", userId)
                .param("customer", created.getId())
                .param("at", Timestamp.from(clock.instant()))
                .update();
        return of(userId).orElseThrow();
    }

    /**
     * The customer a saved card hangs on: ours, from the card's row, or else Stripe's word (a card
     * saved on another instance, say). Null when Stripe knows no such card or it hangs on none.
     */
    @Nullable
    String ofMethod(String paymentMethod) throws StripeException {
        Optional<String> local = jdbc.sql("""
                        select c.customer_id from payment_methods m join stripe_customers c on c.user_id = m.user_id
                         where m.gateway = :gateway and m.token = :token
                         limit 1
                        """)
                .param("gateway", StripeGateway.NAME)
                .param("token", paymentMethod)
                .query(String.class)
                .optional();
        if (local.isPresent()) {
            return local.get();
        }
        try {
            PaymentMethod method = stripe.call(c -> c.v1().paymentMethods().retrieve(paymentMethod));
            return method.getCustomer();
        } catch (InvalidRequestException missing) {
            return null;
        }
    }
}
