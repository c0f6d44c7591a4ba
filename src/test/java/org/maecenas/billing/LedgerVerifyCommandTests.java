package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.maecenas.billing.BillingFixtures.DECLINES_LATER;
import static org.maecenas.billing.BillingFixtures.GOOD_CARD;

import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.maecenas.MaecenasApplication;
import org.maecenas.accounts.User;
import org.maecenas.billing.BillingFixtures.Creator;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.pledges.Cadence;
import org.maecenas.testing.MutableClock;
import org.maecenas.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code maecenas ledger verify} against a database given by {@code DATABASE_URL}: exit 0 when every
 * invariant holds, 1 and a report naming the broken one otherwise.
 */
@IsolatedBillingTest
@ExtendWith(OutputCaptureExtension.class)
class LedgerVerifyCommandTests {

    @Autowired
    BillingFixtures fixtures;

    @Autowired
    InvariantCheck invariants;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource pool;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void exitsZeroOnACleanDatabaseAndOneWithAReportWhenAnInvoiceIsPaidWithoutAPayment(CapturedOutput output) {
        clock.freezeAt(Instant.parse("2071-05-05T10:00:00Z"));
        Creator creator = fixtures.creator("verify", "USD", BillingModel.MONTHLY, 0);
        User payer = fixtures.patron("verify-payer");
        fixtures.join(payer, creator, "5.00", Cadence.MONTHLY, null, fixtures.card(payer, GOOD_CARD));
        User declined = fixtures.patron("verify-declined");
        fixtures.joinAllowingFailure(
                declined, creator, "5.00", Cadence.MONTHLY, null, fixtures.card(declined, DECLINES_LATER));
        long unpaid = jdbc.sql("select id from invoices where patron_user_id = :p and status = 'VOID'")
                .param("p", declined.id().value())
                .query(Long.class)
                .single();

        assertThat(LedgerVerifyCommand.run(MaecenasApplication.class, arguments()))
                .as(output.getOut())
                .isZero();
        assertThat(output.getOut()).contains("All 21 ledger invariants hold.");

        markPaid(unpaid, true);
        try {
            assertThat(LedgerVerifyCommand.run(MaecenasApplication.class, arguments()))
                    .as(output.getOut())
                    .isEqualTo(1);
            assertThat(output.getOut())
                    .contains("1 of 21 invariants failed:")
                    .contains("a paid invoice has exactly one successful attempt, and only paid ones have one: invoice "
                            + unpaid + " is PAID with 0 successful attempts");
            assertThat(invariants.lastResult())
                    .hasValueSatisfying(last ->
                            assertThat(last).contains("invoice " + unpaid + " is PAID with 0 successful attempts"));
        } finally {
            markPaid(unpaid, false);
        }
        assertThat(invariants.check().ok()).isTrue();
    }

    /** Breaks (or mends) the invariant behind the engine's back. */
    private void markPaid(long invoice, boolean paid) {
        jdbc.sql("update invoices set status = :status, paid_at = :at where id = :id")
                .param("status", paid ? "PAID" : "VOID")
                .param("at", paid ? Timestamp.from(clock.instant()) : null)
                .param("id", invoice)
                .update();
    }

    private String[] arguments() {
        return new String[] {"--DATABASE_URL=" + TestDatabase.url(pool)};
    }
}
