package org.maecenas.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maecenas.ledger.LedgerAccounts;
import org.maecenas.ledger.LedgerReports;
import org.maecenas.money.Money;
import org.maecenas.money.Split;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A creator's month in money, per currency: gross of the invoice lines paid that month, the
 * platform's fee, the share of processing fees (split as settlement split them), refunds and
 * disputes, the net credited, what was paid out, and the balance at the month's end. Everything
 * but gross and fees comes from the ledger's entries of the month, which never change afterwards,
 * so each month's closing balance is the last one's plus net less refunds, disputes and paid out.
 */
@Service
public class CreatorStatements {

    /**
     * One currency's figures for a month (minor units; fees and refunds as positive amounts).
     * {@code paidOut} is payouts requested less payouts that failed and came back, that month.
     */
    public record Statement(
            YearMonth month,
            String currency,
            long gross,
            long platformFees,
            long processingFees,
            long refunds,
            long disputes,
            long net,
            long paidOut,
            long balance) {

        public Money money(long minor) {
            return Money.of(minor, currency);
        }
    }

    private final JdbcClient jdbc;
    private final LedgerReports reports;
    private final BillingProperties properties;
    private final Clock clock;

    CreatorStatements(JdbcClient jdbc, LedgerReports reports, BillingProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.reports = reports;
        this.properties = properties;
        this.clock = clock;
    }

    public List<Statement> month(long campaignId, YearMonth month) {
        Instant from = month.atDay(1).atStartOfDay(properties.timeZone()).toInstant();
        Instant to =
                month.plusMonths(1).atDay(1).atStartOfDay(properties.timeZone()).toInstant();
        Map<String, long[]> grossAndFees = grossAndFees(campaignId, from, to);
        String account = LedgerAccounts.creatorBalance(campaignId);
        Map<String, Map<String, Long>> moves = reports.movements(account, from, to);
        Map<String, Long> balance = reports.balanceAt(account, to);
        java.util.TreeSet<String> currencies = new java.util.TreeSet<>(grossAndFees.keySet());
        moves.values().forEach(byCurrency -> currencies.addAll(byCurrency.keySet()));
        currencies.addAll(balance.keySet());
        List<Statement> statements = new ArrayList<>();
        for (String currency : currencies) {
            long[] gf = grossAndFees.getOrDefault(currency, new long[2]);
            long net = -moves.getOrDefault("SETTLEMENT", Map.of()).getOrDefault(currency, 0L);
            long refunds = moves.getOrDefault("REFUND", Map.of()).getOrDefault(currency, 0L);
            long disputes = moves.getOrDefault("DISPUTE_HELD", Map.of()).getOrDefault(currency, 0L)
                    + moves.getOrDefault("DISPUTE_LOST", Map.of()).getOrDefault(currency, 0L)
                    + moves.getOrDefault("DISPUTE_RELEASED", Map.of()).getOrDefault(currency, 0L);
            long platformFees = gf[0] - gf[1] - net;
            long paidOut = moves.getOrDefault("PAYOUT", Map.of()).getOrDefault(currency, 0L)
                    + moves.getOrDefault("PAYOUT_FAILED", Map.of()).getOrDefault(currency, 0L);
            statements.add(new Statement(
                    month,
                    currency,
                    gf[0],
                    platformFees,
                    gf[1],
                    refunds,
                    disputes,
                    net,
                    paidOut,
                    -balance.getOrDefault(currency, 0L)));
        }
        return statements;
    }

    public YearMonth currentMonth() {
        return YearMonth.from(clock.instant().atZone(properties.timeZone()));
    }

    /** Gross and processing-fee share per currency of this creator's lines paid in the period. */
    private Map<String, long[]> grossAndFees(long campaignId, Instant from, Instant to) {
        record Row(long invoice, long campaign, long amount, String currency, long fee) {}
        List<Row> rows = jdbc.sql("""
                        select i.id, l.campaign_id, l.amount_minor, i.currency, coalesce(a.fee_minor, 0)
                          from invoices i
                          join payment_attempts a on a.invoice_id = i.id and a.status = 'SUCCEEDED'
                          join invoice_lines l on l.invoice_id = i.id
                         where i.status = 'PAID' and i.paid_at >= :from and i.paid_at < :to
                           and exists (select 1 from invoice_lines mine where mine.invoice_id = i.id and mine.campaign_id = :c)
                         order by i.id, l.id
                        """)
                .param("from", java.sql.Timestamp.from(from))
                .param("to", java.sql.Timestamp.from(to))
                .param("c", campaignId)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getLong(5)))
                .list();
        Map<String, long[]> result = new LinkedHashMap<>();
        int start = 0;
        while (start < rows.size()) {
            int end = start;
            while (end < rows.size()
                    && rows.get(end).invoice() == rows.get(start).invoice()) {
                end++;
            }
            List<Row> invoice = rows.subList(start, end);
            long[] shares = Split.largestRemainder(
                    invoice.getFirst().fee(),
                    invoice.stream().mapToLong(Row::amount).toArray());
            for (int i = 0; i < invoice.size(); i++) {
                Row line = invoice.get(i);
                if (line.campaign() == campaignId) {
                    long[] totals = result.computeIfAbsent(line.currency(), k -> new long[2]);
                    totals[0] += line.amount();
                    totals[1] += shares[i];
                }
            }
            start = end;
        }
        return result;
    }
}
