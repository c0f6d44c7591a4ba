package org.maecenas.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.billing.InvariantCheck;
import org.maecenas.ledger.JournalEntry;
import org.maecenas.ledger.LedgerAccounts;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MockVisitor;
import org.maecenas.testing.MutableClock;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Manual bank transfers: a request waits in the operators' list and CSV export, and is marked sent
 * (the money leaves) or failed (it returns to the creator's balance). Everything happens in 2093.
 */
@MaecenasTest
class ManualPayoutsTests {

    private static final String SENT_MANUAL = LedgerAccounts.payoutsSent("manual");

    @Autowired
    Payouts payouts;

    @Autowired
    PayoutFixtures fixtures;

    @Autowired
    InvariantCheck invariants;

    @Autowired
    TestUsers users;

    @Autowired
    MockMvc mvc;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aRequestedTransferIsListedForOperatorsWithItsDecryptedBankDetailsInTheCsv() throws Exception {
        clock.freezeAt(Instant.parse("2093-01-05T08:00:00Z"));
        Creator creator = fixtures.withFiftyAvailable("listed");
        payouts.useBankAccount(
                creator.campaignId(), "Ada \"Countess\" Lovelace", PayoutFixtures.GB_IBAN, "", "", false);
        Payout payout = payouts.request(creator.campaignId(), "USD", "25.50");
        MockVisitor admin = signedIn(users.admin());

        String list = admin.get("/admin/payouts").getContentAsString();
        assertThat(list)
                .contains("#" + payout.id())
                .contains("<td class=\"num\">$25.50</td>")
                .contains("<td>Bank GB …5432</td>")
                .contains("action=\"/admin/payouts/" + payout.id() + "/sent\"")
                .contains("action=\"/admin/payouts/" + payout.id() + "/failed\"")
                .doesNotContain("GB82WEST12345698765432");

        MockHttpServletResponse csv = admin.get("/admin/payouts/manual.csv");
        assertThat(csv.getStatus()).isEqualTo(200);
        assertThat(csv.getContentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(csv.getHeader("Content-Disposition")).isEqualTo("attachment; filename=\"manual-payouts.csv\"");
        assertThat(csv.getHeader("Cache-Control")).isEqualTo("no-store");
        List<String> lines = csv.getContentAsString().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("payout_id,campaign_id,amount,currency,requested_at,bank_details");
        assertThat(lines)
                .contains(payout.id() + "," + creator.campaignId() + ",25.50,USD,2093-01-12T08:00:00Z,"
                        + "\"holder=Ada \"\"Countess\"\" Lovelace; iban=GB82WEST12345698765432\"");
    }

    @Test
    void onlyOperatorsSeeTheListAndTheExportAndMarkPayouts() throws Exception {
        clock.freezeAt(Instant.parse("2093-02-05T08:00:00Z"));
        Creator creator = fixtures.withBankAccount(fixtures.withFiftyAvailable("guarded"));
        Payout payout = payouts.request(creator.campaignId(), "USD", "");
        MockVisitor owner = signedIn(creator.user());
        MockVisitor stranger = signedIn(users.creator());

        for (MockVisitor notAdmin : List.of(owner, stranger)) {
            assertThat(notAdmin.get("/admin/payouts").getStatus()).isEqualTo(403);
            MockHttpServletResponse csv = notAdmin.get("/admin/payouts/manual.csv");
            assertThat(csv.getStatus()).isEqualTo(403);
            assertThat(csv.getContentAsString()).doesNotContain("GB82WEST");
            assertThat(notAdmin.post("/admin/payouts/" + payout.id() + "/sent", "reference", "x")
                            .getStatus())
                    .isEqualTo(403);
            assertThat(notAdmin.post("/admin/payouts/" + payout.id() + "/failed", "reason", "x")
                            .getStatus())
                    .isEqualTo(403);
        }
        assertThat(new MockVisitor(mvc).get("/admin/payouts/manual.csv").getRedirectedUrl())
                .endsWith("/login");
        MockVisitor admin = signedIn(users.admin());
        assertThat(admin.postWithoutCsrf("/admin/payouts/" + payout.id() + "/sent")
                        .getStatus())
                .isEqualTo(403);
        assertThat(payouts.require(payout.id()).status()).isEqualTo("REQUESTED");
        assertThat(fixtures.entryKinds(payout)).containsExactly("PAYOUT");
    }

    @Test
    void markingATransferSentPaysItOutOfTransitOnceAndItLeavesTheLists() throws Exception {
        clock.freezeAt(Instant.parse("2093-03-05T08:00:00Z"));
        Creator creator = fixtures.withBankAccount(fixtures.withFiftyAvailable("sent"));
        Payout payout = payouts.request(creator.campaignId(), "USD", "30");
        long inTransit = fixtures.inTransit();
        long sentBefore = fixtures.account(SENT_MANUAL);
        MockVisitor admin = signedIn(users.admin());
        clock.advance(Duration.ofDays(2));

        MockHttpServletResponse marked =
                admin.post("/admin/payouts/" + payout.id() + "/sent", "reference", "  BACS-2093-0042 ");
        assertThat(marked.getRedirectedUrl()).isEqualTo("/admin/payouts");
        assertThat(admin.follow(marked).getContentAsString()).contains("Payout " + payout.id() + " marked sent.");

        Payout paid = payouts.require(payout.id());
        assertThat(paid.status()).isEqualTo("PAID");
        assertThat(paid.externalId()).isEqualTo("BACS-2093-0042");
        assertThat(paid.sentAt()).isEqualTo(Instant.parse("2093-03-14T08:00:00Z"));
        assertThat(paid.settledAt()).isEqualTo(Instant.parse("2093-03-14T08:00:00Z"));
        assertThat(payouts.findByExternal("BACS-2093-0042")).contains(paid);
        assertThat(fixtures.inTransit()).isEqualTo(inTransit + 3000);
        assertThat(fixtures.account(SENT_MANUAL)).isEqualTo(sentBefore - 3000);
        assertThat(fixtures.balance(creator))
                .as("the balance was reduced at the request")
                .isEqualTo(1825);
        List<JournalEntry> paidEntries = fixtures.entries("payout-paid-" + payout.id());
        assertThat(paidEntries).hasSize(1);
        assertThat(paidEntries.getFirst().kind()).isEqualTo("PAYOUT_PAID");
        assertThat(PayoutFixtures.legs(paidEntries.getFirst()))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(LedgerAccounts.PAYOUTS_IN_TRANSIT, 3000L, SENT_MANUAL, -3000L));
        assertThat(admin.get("/admin/payouts").getContentAsString()).doesNotContain("#" + payout.id() + "<");
        assertThat(admin.get("/admin/payouts/manual.csv").getContentAsString())
                .doesNotContain("\n" + payout.id() + ",");

        // again, and then failed: nothing more happens
        admin.post("/admin/payouts/" + payout.id() + "/sent", "reference", "another");
        payouts.markPaid(payout.id(), "yet another");
        MockHttpServletResponse failedLate = admin.post("/admin/payouts/" + payout.id() + "/failed", "reason", "oops");
        assertThat(failedLate.getStatus()).isEqualTo(302);
        assertThat(admin.follow(failedLate).getContentAsString())
                .contains("Payout " + payout.id() + " is paid already; nothing was changed.")
                .doesNotContain("the money is back in the creator’s balance");
        assertThat(payouts.require(payout.id())).isEqualTo(paid);
        assertThat(fixtures.entryKinds(payout)).containsExactly("PAYOUT", "PAYOUT_PAID");
        assertThat(fixtures.balance(creator)).isEqualTo(1825);
        assertThat(fixtures.inTransit()).isEqualTo(inTransit + 3000);
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void aFailedTransferReturnsTheMoneyToTheBalanceAndItIsAvailableAgainAtOnce() throws Exception {
        clock.freezeAt(Instant.parse("2093-04-05T08:00:00Z"));
        Creator creator = fixtures.withBankAccount(fixtures.withFiftyAvailable("failed"));
        long c = creator.campaignId();
        Payout payout = payouts.request(c, "USD", "");
        assertThat(payouts.available(c)).containsEntry("USD", 0L);
        long inTransit = fixtures.inTransit();
        MockVisitor admin = signedIn(users.admin());
        clock.advance(Duration.ofDays(3));

        MockHttpServletResponse marked =
                admin.post("/admin/payouts/" + payout.id() + "/failed", "reason", "account closed");
        assertThat(admin.follow(marked).getContentAsString())
                .contains("Payout " + payout.id() + " marked failed; the money is back in the creator’s balance.");

        Payout failed = payouts.require(payout.id());
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.failureReason()).isEqualTo("account closed");
        assertThat(failed.settledAt()).isEqualTo(Instant.parse("2093-04-15T08:00:00Z"));
        assertThat(fixtures.balance(creator)).isEqualTo(4825);
        assertThat(fixtures.inTransit()).isEqualTo(inTransit + 4825);
        assertThat(payouts.available(c))
                .as("money that was available before the payout is available again, not held once more")
                .containsEntry("USD", 4825L);
        List<JournalEntry> failedEntries = fixtures.entries("payout-failed-" + payout.id());
        assertThat(failedEntries).hasSize(1);
        assertThat(PayoutFixtures.legs(failedEntries.getFirst()))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(LedgerAccounts.PAYOUTS_IN_TRANSIT, 4825L, LedgerAccounts.creatorBalance(c), -4825L));
        assertThat(invariants.check().failures()).isEmpty();

        // twice, or sent after failing: nothing more happens
        clock.advance(Duration.ofDays(1));
        admin.post("/admin/payouts/" + payout.id() + "/failed", "reason", "second thoughts");
        payouts.markFailed(payout.id(), "third");
        admin.post("/admin/payouts/" + payout.id() + "/sent", "reference", "too late");
        assertThat(payouts.require(payout.id())).isEqualTo(failed);
        assertThat(fixtures.entryKinds(payout)).containsExactly("PAYOUT", "PAYOUT_FAILED");
        assertThat(fixtures.balance(creator)).isEqualTo(4825);

        Payout again = payouts.request(c, "USD", "");
        assertThat(again.amount().minor()).isEqualTo(4825);
        assertThat(fixtures.balance(creator)).isZero();
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void theLedgerCheckCatchesAPayoutWhoseStatusDisagreesWithItsEntries() {
        clock.freezeAt(Instant.parse("2093-06-05T08:00:00Z"));
        Creator creator = fixtures.withBankAccount(fixtures.withFiftyAvailable("check"));
        Payout payout = payouts.request(creator.campaignId(), "USD", "12.34");
        assertThat(invariants.check().failures()).isEmpty();

        setStatus(payout, "PAID"); // behind the engine's back: no PAYOUT_PAID entry
        try {
            assertThat(invariants.check().failures())
                    .containsExactlyInAnyOrder(
                            "every payout has its request entry, and a paid or failed one its closing entry: payout "
                                    + payout.id() + " is PAID with ledger entries PAYOUT",
                            "payouts in transit are the payouts requested or sent and not yet paid or failed:"
                                    + " in transit " + (-fixtures.inTransit()) + " USD but open payouts "
                                    + (-fixtures.inTransit() - 1234));
        } finally {
            setStatus(payout, "REQUESTED");
        }
        assertThat(invariants.check().failures()).isEmpty();
    }

    @Test
    void anUnknownPayoutIsNotFound() throws Exception {
        MockVisitor admin = signedIn(users.admin());
        assertThat(admin.post("/admin/payouts/987654321/sent").getStatus()).isEqualTo(404);
        assertThat(admin.post("/admin/payouts/987654321/failed").getStatus()).isEqualTo(404);
    }

    @Test
    void theExportKeepsTheBankDetailsAPayoutWasRequestedWithEvenIfTheCreatorChangesThemLater() throws Exception {
        clock.freezeAt(Instant.parse("2093-05-05T08:00:00Z"));
        Creator creator = fixtures.withBankAccount(fixtures.withFiftyAvailable("changed"));
        Payout payout = payouts.request(creator.campaignId(), "USD", "20");

        payouts.useStripeConnect(creator.campaignId(), "acct_changedMind1", false);

        byte[] kept = jdbc.sql("select bank_details_encrypted from payouts where id = :id")
                .param("id", payout.id())
                .query((rs, n) -> rs.getBytes(1))
                .single();
        assertThat(new String(kept, java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("kept sealed")
                .doesNotContain("GB82WEST")
                .doesNotContain("Lovelace");

        String csv = signedIn(users.admin()).get("/admin/payouts/manual.csv").getContentAsString();
        assertThat(csv)
                .contains(payout.id() + "," + creator.campaignId() + ",20.00,USD,2093-05-12T08:00:00Z,"
                        + "\"holder=Ada Lovelace; iban=GB82WEST12345698765432\"");
    }

    private void setStatus(Payout payout, String status) {
        jdbc.sql("update payouts set status = :s where id = :id")
                .param("s", status)
                .param("id", payout.id())
                .update();
    }

    private MockVisitor signedIn(User user) throws Exception {
        MockVisitor browser = new MockVisitor(mvc);
        assertThat(browser.signIn(user.email(), TestUsers.PASSWORD).getStatus()).isEqualTo(302);
        return browser;
    }
}
