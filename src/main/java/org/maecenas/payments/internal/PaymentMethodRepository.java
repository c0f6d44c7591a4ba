package org.maecenas.payments.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.maecenas.payments.PaymentGateway.SavedMethod;
import org.maecenas.payments.PaymentMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class PaymentMethodRepository {

    private static final String SELECT = """
            select id, user_id, gateway, token, brand, last4, exp_month, exp_year, is_default, created_at
              from payment_methods
            """;

    private final JdbcClient jdbc;

    PaymentMethodRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Saves a method (or finds the same one saved before) and makes it the default. */
    public long save(long userId, String gateway, SavedMethod method, Instant now) {
        jdbc.sql("update payment_methods set is_default = false where user_id = :user and is_default")
                .param("user", userId)
                .update();
        return jdbc.sql("""
                        insert into payment_methods (user_id, gateway, token, brand, last4, exp_month, exp_year,
                               is_default, created_at)
                        values (:user, :gateway, :token, :brand, :last4, :month, :year, true, :now)
                        on conflict (gateway, token, user_id) do update
                           set is_default = true, removed_at = null, exp_month = excluded.exp_month,
                               exp_year = excluded.exp_year
                        returning id
                        """)
                .params(params(userId, gateway, method, now))
                .query(Long.class)
                .single();
    }

    /**
     * Saves a method told of by the gateway on its own (a webhook): nothing if this patron has it
     * already, or removed it; the default only if they have none.
     */
    public boolean saveIfAbsent(long userId, String gateway, SavedMethod method, Instant now) {
        return jdbc.sql("""
                        insert into payment_methods (user_id, gateway, token, brand, last4, exp_month, exp_year,
                               is_default, created_at)
                        select :user, :gateway, :token, :brand, :last4, :month, :year,
                               not exists (select 1 from payment_methods
                                            where user_id = :user and is_default and removed_at is null), :now
                        on conflict (gateway, token, user_id) do nothing
                        """).params(params(userId, gateway, method, now)).update() == 1;
    }

    private static java.util.Map<String, Object> params(long userId, String gateway, SavedMethod method, Instant now) {
        return java.util.Map.of(
                "user", userId,
                "gateway", gateway,
                "token", method.token(),
                "brand", method.brand(),
                "last4", method.last4(),
                "month", method.expMonth(),
                "year", method.expYear(),
                "now", Timestamp.from(now));
    }

    public List<PaymentMethod> of(long userId) {
        return jdbc.sql(SELECT + " where user_id = :user and removed_at is null order by is_default desc, id desc")
                .param("user", userId)
                .query(PaymentMethodRepository::method)
                .list();
    }

    /** The methods on file of many users, in the order {@link #of} lists each user's. */
    public List<PaymentMethod> ofAll(Long[] userIds) {
        return jdbc.sql(
                        SELECT
                                + " where user_id = any(:users) and removed_at is null order by user_id, is_default desc, id desc")
                .param("users", userIds)
                .query(PaymentMethodRepository::method)
                .list();
    }

    public Optional<PaymentMethod> find(long id) {
        return jdbc.sql(SELECT + " where id = :id")
                .param("id", id)
                .query(PaymentMethodRepository::method)
                .optional();
    }

    /** A method that has not been removed. */
    public Optional<PaymentMethod> findLive(long id) {
        return jdbc.sql(SELECT + " where id = :id and removed_at is null")
                .param("id", id)
                .query(PaymentMethodRepository::method)
                .optional();
    }

    public int remove(long userId, long id, Instant now) {
        return jdbc.sql("""
                        update payment_methods set removed_at = :now, is_default = false
                         where id = :id and user_id = :user and removed_at is null
                        """)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .param("user", userId)
                .update();
    }

    public void makeDefault(long userId, long id) {
        // two statements: the one-default index is checked row by row, so one statement that sets the
        // new default before clearing the old one would break it
        jdbc.sql("update payment_methods set is_default = false where user_id = :user and is_default and id <> :id")
                .param("id", id)
                .param("user", userId)
                .update();
        jdbc.sql(
                        "update payment_methods set is_default = true where id = :id and user_id = :user and removed_at is null")
                .param("id", id)
                .param("user", userId)
                .update();
    }

    static PaymentMethod method(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new PaymentMethod(
                rs.getLong("id"),
                rs.getLong("user_id"),
                rs.getString("gateway"),
                rs.getString("token"),
                rs.getString("brand"),
                rs.getString("last4"),
                rs.getInt("exp_month"),
                rs.getInt("exp_year"),
                rs.getBoolean("is_default"),
                rs.getTimestamp("created_at").toInstant());
    }
}
