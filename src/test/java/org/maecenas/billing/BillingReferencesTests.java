package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.maecenas.billing.BillingFixtures.GOOD_CARD;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.pledges.Cadence;
import org.maecenas.pledges.Pledge;
import org.maecenas.posts.Post;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accruals, invoice lines, attempts, plan items and invoices' patrons carry no foreign keys (checked row by row, they cost half of
 * a big post's accruals and a tenth of a billing day); what the keys guarded holds by other means:
 * their parents are never deleted, and {@code ledger verify} names a row whose reference is broken.
 */
@MaecenasTest
class BillingReferencesTests {

    @Autowired
    BillingFixtures fixtures;

    @Autowired
    InvariantCheck invariants;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void membershipsAndPostsAreNeverDeletedAndAnAccrualNamingAnotherCampaignsPostIsReported() {
        clock.freezeAt(Instant.parse("2072-03-03T10:00:00Z"));
        Creator creator = fixtures.creator("refs", "USD", BillingModel.PER_CREATION, 0);
        Creator other = fixtures.creator("refs-other", "USD", BillingModel.PER_CREATION, 0);
        User patron = fixtures.patron("refs-patron");
        Pledge pledge = fixtures.join(patron, creator, "2.00", null, null, fixtures.card(patron, GOOD_CARD));
        Post post = fixtures.paidPost(creator, "Accrued");
        fixtures.awaitAccruals(post, 1);
        Post elsewhere = fixtures.paidPost(other, "Someone else's");

        assertThatThrownBy(() -> jdbc.sql("delete from memberships where id = :id")
                        .param("id", pledge.id())
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("memberships rows are never deleted");
        assertThatThrownBy(() -> jdbc.sql("delete from posts where id = :id")
                        .param("id", post.id().value())
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("posts rows are never deleted");

        String[] broken = new String[1];
        String report = transactions.execute(tx -> {
            long campaign = jdbc.sql("""
                            update accruals set post_id = :elsewhere where membership_id = :membership
                            returning campaign_id
                            """)
                    .param("elsewhere", elsewhere.id().value())
                    .param("membership", pledge.id())
                    .query(Long.class)
                    .single();
            tx.setRollbackOnly();
            broken[0] = "accrual of campaign " + campaign + " names membership " + pledge.id() + " and post "
                    + elsewhere.id().value();
            return invariants.check().text();
        });
        assertThat(report)
                .contains("every accrual's membership (with its campaign and patron) and post exist: " + broken[0]);
        assertThat(invariants.check().text()).doesNotContain(broken[0]);
    }

    @Test
    void invoicesAndTheirLinesAreNeverDeletedAndALineOrAttemptNamingNoInvoiceIsReported() {
        clock.freezeAt(Instant.parse("2072-04-04T10:00:00Z"));
        Creator creator = fixtures.creator("refs-monthly", "USD", BillingModel.MONTHLY, 0);
        User patron = fixtures.patron("refs-monthly-patron");
        fixtures.join(patron, creator, "5.00", Cadence.MONTHLY, null, fixtures.card(patron, GOOD_CARD));
        long invoice = jdbc.sql("select id from invoices where patron_user_id = :p")
                .param("p", patron.id().value())
                .query(Long.class)
                .single();

        assertThatThrownBy(() -> jdbc.sql("delete from invoice_lines where invoice_id = :id")
                        .param("id", invoice)
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("invoice_lines rows are never deleted");
        assertThatThrownBy(() -> jdbc.sql("delete from invoices where id = :id")
                        .param("id", invoice)
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("invoices rows are never deleted");

        User stranger = fixtures.patron("refs-stranger");
        long strangersCard = fixtures.card(stranger, GOOD_CARD).id();
        assertThatThrownBy(() -> jdbc.sql("delete from payment_methods where id = :id")
                        .param("id", strangersCard)
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("payment_methods rows are never deleted");

        assertThatThrownBy(() -> jdbc.sql("delete from users where id = :id")
                        .param("id", stranger.id().value())
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("users rows are never deleted");
        assertThatThrownBy(
                        () -> jdbc.sql("delete from billing_runs where id < 0").update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("billing_runs rows are never deleted");

        String charge = jdbc.sql("select gateway_charge_id from payment_attempts where invoice_id = :id")
                .param("id", invoice)
                .query(String.class)
                .single();
        assertThat(charge).isNotBlank();
        transactions.executeWithoutResult(tx -> {
            tx.setRollbackOnly();
            assertThatThrownBy(() -> jdbc.sql("""
                                    insert into payment_attempts (invoice_id, attempt_no, idempotency_key, gateway,
                                           status, amount_minor, currency, gateway_charge_id, created_at)
                                    select invoice_id, 2, 'inv-' || invoice_id || '-2', gateway, 'DECLINED',
                                           amount_minor, currency, gateway_charge_id, created_at
                                      from payment_attempts where invoice_id = :id
                                    """).param("id", invoice).update())
                    .as("a second attempt with the first one's charge id")
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining("payment_attempts_one_per_charge");
        });

        String report = transactions.execute(tx -> {
            tx.setRollbackOnly();
            jdbc.sql("update invoices set payment_method_id = :card where id = :id")
                    .param("card", strangersCard)
                    .param("id", invoice)
                    .update();
            jdbc.sql("update invoice_lines set invoice_id = -:id where invoice_id = :id")
                    .param("id", invoice)
                    .update();
            jdbc.sql("""
                            update payment_attempts set invoice_id = -invoice_id,
                                   idempotency_key = 'inv-' || -invoice_id || '-' || attempt_no
                             where invoice_id = :id
                            """).param("id", invoice).update();
            return invariants.check().text();
        });
        assertThat(report)
                .contains("every invoice line's invoice and membership (of the line's campaign) exist: line ")
                .contains(" names invoice -" + invoice)
                .contains(
                        "every payment attempt's invoice, invoiced accrual's line and plan chunk's run exist: attempt ")
                .contains("every invoice's patron exists, and its card, when it names one, is the patron's: invoice "
                        + invoice + " names patron " + patron.id().value() + " and card " + strangersCard);
        assertThat(invariants.check().text()).doesNotContain("names invoice -" + invoice);

        String ghosts = transactions.execute(tx -> {
            tx.setRollbackOnly();
            jdbc.sql("update invoices set patron_user_id = -patron_user_id, payment_method_id = null where id = :id")
                    .param("id", invoice)
                    .update();
            jdbc.sql("""
                            insert into billing_plan_chunks (run_id, shard, chunk, patrons, currencies)
                            values (-7, 0, 4, array[:patron], array['USD'])
                            """).param("patron", patron.id().value()).update();
            return invariants.check().text();
        });
        assertThat(ghosts)
                .contains("invoice " + invoice + " names patron -" + patron.id().value() + " and card none")
                .contains("plan chunk 4 of shard 0 names run -7");
        assertThat(invariants.check().text()).doesNotContain("names run -7");
    }
}
