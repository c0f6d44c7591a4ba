package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.maecenas.billing.BillingFixtures.DECLINES_LATER;
import static org.maecenas.billing.BillingFixtures.GOOD_CARD;
import static org.maecenas.billing.BillingFixtures.at;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.payments.SandboxCards;
import org.maecenas.pledges.Cadence;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A billing day announces each chunk's payments at once, and every patron still gets their own
 * mail: a receipt for a paid invoice, a notice for a declined one, the link to confirm a payment
 * their bank holds, each once however often the day runs.
 */
@MaecenasTest
class BillingDayMailsTests {

    private static final String ASKS_TO_CONFIRM = "4000002500003155";

    @Autowired
    BillingFixtures fixtures;

    @Autowired
    BillingDays days;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void reset() {
        clock.reset();
        fixtures.switches().reset();
    }

    @Test
    void eachPaidInvoiceOfTheDayGetsAReceiptEachDeclinedOneANoticeAndEachHeldOneItsConfirmLinkOnce() {
        clock.freezeAt(at("2063-02-14T10:00:00Z"));
        Creator creator = fixtures.creator("day-mails", "USD", BillingModel.MONTHLY, 0);
        List<User> payers = List.of(fixtures.patron("day-mails-a"), fixtures.patron("day-mails-b"));
        User decliner = fixtures.patron("day-mails-c");
        for (User payer : payers) {
            fixtures.join(payer, creator, "4", Cadence.MONTHLY, null, fixtures.card(payer, GOOD_CARD));
        }
        fixtures.switches().next(BillingFixtures.token(DECLINES_LATER), SandboxCards.Behaviour.SUCCEED);
        fixtures.join(decliner, creator, "6", Cadence.MONTHLY, null, fixtures.card(decliner, DECLINES_LATER));
        User confirmer = fixtures.patron("day-mails-d");
        fixtures.switches().next(BillingFixtures.token(ASKS_TO_CONFIRM), SandboxCards.Behaviour.SUCCEED);
        fixtures.join(confirmer, creator, "7", Cadence.MONTHLY, null, fixtures.card(confirmer, ASKS_TO_CONFIRM));
        fixtures.switches().reset();

        clock.freezeAt(at("2063-03-14T00:30:00Z"));
        days.run(LocalDate.parse("2063-03-14"));
        for (User payer : payers) {
            long invoice = dayInvoice(payer);
            await().atMost(Duration.ofSeconds(20)).until(() -> mails(payer, "Your receipt from %", invoice) == 1);
        }
        long declined = dayInvoice(decliner);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> mails(decliner, "Your payment on % didn’t go through", declined) == 1);
        assertThat(mails(decliner, "Your receipt from %", declined)).isZero();
        long held = dayInvoice(confirmer);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> mails(confirmer, "Please confirm your payment on %", held) == 1);
        assertThat(jdbc.sql("select count(*) from dev_mailbox where recipient = :to and body like :link")
                        .param("to", confirmer.email())
                        .param("link", "%/settings/billing/invoices/" + held + "/authenticate%")
                        .query(Long.class)
                        .single())
                .as("the confirm mail links to the held invoice's confirmation")
                .isEqualTo(1);
        assertThat(mails(confirmer, "Your payment on % didn’t go through", held))
                .as("a payment waiting for the bank gets its confirm link, not a decline notice")
                .isZero();

        days.run(LocalDate.parse("2063-03-14"));
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(5))
                .until(() -> mails(confirmer, "Please confirm your payment on %", held) == 1);
        for (User payer : payers) {
            await().during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> jdbc.sql("select count(*) from dev_mailbox where recipient = :to and subject like :s")
                                    .param("to", payer.email())
                                    .param("s", "Your receipt from %")
                                    .query(Long.class)
                                    .single()
                            == 2); // the join's and the day's, once each
        }
        assertThat(jdbc.sql("select count(*) from mail_outbox where dedupe_key like 'receipt:%' and recipient in ("
                                + ":a, :b)")
                        .param("a", payers.get(0).email())
                        .param("b", payers.get(1).email())
                        .query(Long.class)
                        .single())
                .as("the join receipts have rows of their own; the day's came in its chunk's batch")
                .isEqualTo(2);
        assertThat(jdbc.sql(
                                "select count(*) from mail_outbox where batch_kind = 'payments-collected' and status = 'SENT'"
                                        + " and batch_payload like :invoice")
                        .param("invoice", "%\"invoiceId\":" + dayInvoice(payers.get(0)) + ",%")
                        .query(Long.class)
                        .single())
                .as("one batch row told that invoice, however often the day ran")
                .isEqualTo(1);
    }

    private long dayInvoice(User patron) {
        return jdbc.sql("select id from invoices where patron_user_id = :p and reason = 'BILLING_DAY'")
                .param("p", patron.id().value())
                .query(Long.class)
                .single();
    }

    /** Mails to the patron with this subject that link to the invoice (receipts) or were about it (notices). */
    private long mails(User patron, String subject, long invoice) {
        return jdbc.sql("""
                        select count(*) from dev_mailbox d where d.recipient = :to and d.subject like :subject
                           and (d.body like :link or d.subject like '%didn’t go through')
                        """)
                .param("to", patron.email())
                .param("subject", subject)
                .param("link", "%/settings/billing/invoices/" + invoice + "%")
                .query(Long.class)
                .single();
    }
}
