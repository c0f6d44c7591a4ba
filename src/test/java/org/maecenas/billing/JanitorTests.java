package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.maecenas.billing.BillingFixtures.LOSES_RESPONSE;
import static org.maecenas.billing.BillingFixtures.TIMES_OUT;
import static org.maecenas.billing.BillingFixtures.at;
import static org.maecenas.billing.BillingFixtures.sandboxFee;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.SandboxCards;
import org.maecenas.pledges.Cadence;
import org.maecenas.pledges.Pledge;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Payments whose outcome we never heard: the attempt stays unresolved, nothing is charged again, and
 * the janitor settles it from the gateway's own record, once.
 */
@MaecenasTest
class JanitorTests {

    @Autowired
    BillingFixtures fixtures;

    @Autowired
    Collections collections;

    @Autowired
    InvariantCheck invariants;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @AfterEach
    void reset() {
        clock.reset();
        fixtures.switches().reset();
    }

    @Test
    void aLostResponseStaysUnknownUntilTheJanitorSettlesItOnceFromTheGatewaysRecordAfterTheGrace() {
        clock.freezeAt(at("2038-02-10T12:00:00Z"));
        Creator creator = fixtures.creator("lost", "USD", BillingModel.MONTHLY, 0);
        User patron = fixtures.patron("lost-patron");
        Checkout.Outcome2 joined = fixtures.joinAllowingFailure(
                patron, creator, "6.00", Cadence.MONTHLY, null, fixtures.card(patron, LOSES_RESPONSE));

        assertThat(joined.ok()).isFalse();
        assertThat(joined.pending()).as(joined.message()).isTrue();
        Pledge pledge = joined.pledge();
        assertThat(pledge.status()).isEqualTo(Pledge.Status.INCOMPLETE);
        long invoice = invoiceOf(patron);
        assertThat(attempts(invoice)).containsExactly("UNKNOWN null");
        assertThat(fixtures.gatewayCharges(patron)).as("the sandbox did charge").isEqualTo(1);

        Collections.Result again = collections.collect(invoice);
        assertThat(again.message()).isEqualTo("a payment is already in progress");
        clock.advance(Duration.ofMinutes(1));
        collections.retryDue();
        collections.janitor();
        assertThat(attempts(invoice)).as("within the grace nothing moves").containsExactly("UNKNOWN null");
        assertThat(fixtures.gatewayCharges(patron)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        collections.janitor();

        String charge = sandboxChargeOf(patron);
        assertThat(attempts(invoice)).containsExactly("SUCCEEDED " + charge);
        assertThat(invoiceStatus(invoice)).isEqualTo("PAID");
        Pledge active = fixtures.pledge(pledge.id());
        assertThat(active.status()).isEqualTo(Pledge.Status.ACTIVE);
        assertThat(active.nextChargeOn()).isEqualTo(LocalDate.parse("2038-03-10"));
        assertThat(fixtures.balance(creator)).isEqualTo(Map.of("USD", 600 - sandboxFee(600)));

        clock.advance(Duration.ofMinutes(10));
        collections.janitor();
        collections.resolveAll();
        collections.collect(invoice);
        assertThat(attempts(invoice)).containsExactly("SUCCEEDED " + charge);
        assertThat(settlements(invoice)).isEqualTo(1);
        assertThat(fixtures.balance(creator)).isEqualTo(Map.of("USD", 600 - sandboxFee(600)));
        assertThat(fixtures.gatewayCharges(patron)).isEqualTo(1);
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void resolveAllSettlesALostResponseAtOnceAndOnlyOnce() {
        clock.freezeAt(at("2038-03-10T12:00:00Z"));
        Creator creator = fixtures.creator("lost-all", "EUR", BillingModel.MONTHLY, 0);
        User patron = fixtures.patron("lost-all-patron");
        Checkout.Outcome2 joined = fixtures.joinAllowingFailure(
                patron, creator, "9.00", Cadence.MONTHLY, null, fixtures.card(patron, LOSES_RESPONSE));
        long invoice = invoiceOf(patron);
        assertThat(attempts(invoice)).containsExactly("UNKNOWN null");

        collections.janitor();
        assertThat(attempts(invoice)).as("younger than the grace").containsExactly("UNKNOWN null");
        collections.resolveAll();
        collections.resolveAll();

        assertThat(attempts(invoice)).containsExactly("SUCCEEDED " + sandboxChargeOf(patron));
        assertThat(settlements(invoice)).isEqualTo(1);
        assertThat(fixtures.pledge(joined.pledge().id()).status()).isEqualTo(Pledge.Status.ACTIVE);
        assertThat(fixtures.balance(creator)).isEqualTo(Map.of("EUR", 900 - sandboxFee(900)));
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void aTimeoutBeforeChargingResolvesToNotReceivedAndTheNextCollectChargesOnce() {
        clock.freezeAt(at("2038-04-10T12:00:00Z"));
        Creator creator = fixtures.creator("timeout", "USD", BillingModel.MONTHLY, 0);
        User patron = fixtures.patron("timeout-patron");
        PaymentMethod card = fixtures.card(patron, TIMES_OUT);
        Checkout.Outcome2 joined = fixtures.joinAllowingFailure(patron, creator, "5.00", Cadence.MONTHLY, null, card);
        assertThat(joined.pending()).isTrue();
        long invoice = invoiceOf(patron);
        assertThat(attempts(invoice)).containsExactly("UNKNOWN null");
        assertThat(fixtures.gatewayCharges(patron)).isZero();

        clock.advance(Duration.ofMinutes(3));
        collections.janitor();
        assertThat(attemptCodes(invoice)).containsExactly("DECLINED not_received");
        assertThat(invoiceStatus(invoice)).isEqualTo("OPEN");
        assertThat(fixtures.pledge(joined.pledge().id()).status()).isEqualTo(Pledge.Status.INCOMPLETE);

        // the bank is reachable again
        fixtures.switches().next(BillingFixtures.token(TIMES_OUT), SandboxCards.Behaviour.SUCCEED);
        collections.retryDue();
        collections.retryDue();

        assertThat(attemptCodes(invoice)).containsExactly("DECLINED not_received", "SUCCEEDED null");
        assertThat(fixtures.gatewayCharges(patron)).isEqualTo(1);
        assertThat(invoiceStatus(invoice)).isEqualTo("PAID");
        assertThat(fixtures.pledge(joined.pledge().id()).status()).isEqualTo(Pledge.Status.ACTIVE);
        assertThat(fixtures.balance(creator)).isEqualTo(Map.of("USD", 500 - sandboxFee(500)));
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void theDatabaseRefusesASecondUnresolvedOrSuccessfulAttempt() {
        clock.freezeAt(at("2038-05-10T12:00:00Z"));
        Creator creator = fixtures.creator("unique", "USD", BillingModel.MONTHLY, 0);
        User patron = fixtures.patron("unique-patron");
        fixtures.joinAllowingFailure(
                patron, creator, "5.00", Cadence.MONTHLY, null, fixtures.card(patron, LOSES_RESPONSE));
        long invoice = invoiceOf(patron);

        assertThatThrownBy(() -> insertAttempt(invoice, 2, "PENDING"))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("payment_attempts_one_unresolved");
        collections.resolveAll();
        assertThatThrownBy(() -> insertAttempt(invoice, 2, "SUCCEEDED"))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("payment_attempts_one_success");
        assertThat(attempts(invoice)).hasSize(1);
    }

    /** Inserts an attempt behind the engine's back, in a transaction that is rolled back either way. */
    private void insertAttempt(long invoice, int number, String status) {
        transactions.executeWithoutResult(tx -> {
            tx.setRollbackOnly();
            insertAttemptNow(invoice, number, status);
        });
    }

    private void insertAttemptNow(long invoice, int number, String status) {
        jdbc.sql("""
                        insert into payment_attempts (invoice_id, attempt_no, idempotency_key, gateway, status,
                               amount_minor, currency, created_at)
                        values (:invoice, :no, :key, 'sandbox', :status, 500, 'USD', :at)
                        """)
                .param("invoice", invoice)
                .param("no", number)
                .param("key", "inv-" + invoice + "-" + number)
                .param("status", status)
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    private long invoiceOf(User patron) {
        return jdbc.sql("select id from invoices where patron_user_id = :p")
                .param("p", patron.id().value())
                .query(Long.class)
                .single();
    }

    private String invoiceStatus(long invoice) {
        return jdbc.sql("select status from invoices where id = :id")
                .param("id", invoice)
                .query(String.class)
                .single();
    }

    private List<String> attempts(long invoice) {
        return jdbc.sql("""
                        select status || ' ' || coalesce(gateway_charge_id, 'null') from payment_attempts
                         where invoice_id = :id order by attempt_no
                        """).param("id", invoice).query(String.class).list();
    }

    private List<String> attemptCodes(long invoice) {
        return jdbc.sql("""
                        select status || ' ' || coalesce(decline_code, 'null') from payment_attempts
                         where invoice_id = :id order by attempt_no
                        """).param("id", invoice).query(String.class).list();
    }

    private String sandboxChargeOf(User patron) {
        return jdbc.sql("""
                        select s.charge_id from sandbox_charges s join payment_attempts a
                          on a.idempotency_key = s.idempotency_key join invoices i on i.id = a.invoice_id
                         where i.patron_user_id = :p
                        """).param("p", patron.id().value()).query(String.class).single();
    }

    private int settlements(long invoice) {
        return jdbc.sql("""
                        select count(*) from journal_entries e join payment_attempts a on e.reference = 'settle-' || a.id
                         where a.invoice_id = :id
                        """).param("id", invoice).query(Integer.class).single();
    }
}
