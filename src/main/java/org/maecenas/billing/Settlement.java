package org.maecenas.billing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.maecenas.ledger.JournalEntry;
import org.maecenas.ledger.Ledger;
import org.maecenas.ledger.LedgerAccounts;
import org.maecenas.ledger.Leg;
import org.maecenas.money.Money;
import org.maecenas.money.Split;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Posts a paid invoice to the ledger: gateway clearing (settled − processing fee) equals the creators'
 * balances (line − platform fee − share of the processing fee) plus platform fees, with any
 * difference between settled and invoiced kept on its own account. Fee shares are split by largest
 * remainder so every unit is accounted for.
 */
@Component
public class Settlement {

    private final Ledger ledger;
    private final BillingProperties properties;
    private final JdbcClient jdbc;

    Settlement(Ledger ledger, BillingProperties properties, JdbcClient jdbc) {
        this.ledger = ledger;
        this.properties = properties;
        this.jdbc = jdbc;
    }

    /** The legs for an invoice settled through {@code gateway}. */
    public static List<Leg> legs(
            Invoice invoice, String gateway, Money settled, Money fee, Map<Long, Integer> feeBasisPointsByCampaign) {
        List<Invoice.Line> lines = invoice.lines();
        long[] weights = lines.stream().mapToLong(l -> l.amount().minor()).toArray();
        long[] feeShares = Split.largestRemainder(fee.minor(), weights);
        List<Leg> legs = new ArrayList<>();
        legs.add(new Leg(LedgerAccounts.gatewayClearing(gateway), settled.minus(fee)));
        Money platform = Money.zero(invoice.total().currency());
        for (int i = 0; i < lines.size(); i++) {
            Invoice.Line line = lines.get(i);
            long bps = feeBasisPointsByCampaign.getOrDefault(line.campaignId(), 0);
            Money platformFee = new Money(
                    Split.basisPoints(line.amount().minor(), bps), line.amount().currency());
            Money net = line.amount()
                    .minus(platformFee)
                    .minus(new Money(feeShares[i], line.amount().currency()));
            legs.add(new Leg(LedgerAccounts.creatorBalance(line.campaignId()), negate(net)));
            platform = platform.plus(platformFee);
        }
        legs.add(new Leg(LedgerAccounts.PLATFORM_FEES, negate(platform)));
        Money difference = settled.minus(invoice.total());
        legs.add(new Leg(LedgerAccounts.SETTLEMENT_DIFFERENCES, negate(difference)));
        return legs.stream().filter(l -> l.amount().minor() != 0).toList();
    }

    /** Posts the settlement of an attempt (once: the attempt's key is the entry's reference). */
    public void post(Invoice invoice, long attemptId, String gateway, Money settled, Money fee, Instant at) {
        Map<Long, Integer> rates = new java.util.HashMap<>();
        for (Invoice.Line line : invoice.lines()) {
            rates.computeIfAbsent(line.campaignId(), this::feeBasisPoints);
        }
        ledger.post(new JournalEntry(
                "SETTLEMENT",
                "settle-" + attemptId,
                "Invoice " + invoice.id() + " paid (" + invoice.total() + ")",
                at,
                legs(invoice, gateway, settled, fee, rates)));
        for (Invoice.Line line : invoice.lines()) {
            // what the line paid the platform, for refunds to return whatever the rate is later
            jdbc.sql("update invoice_lines set platform_fee_minor = :fee where id = :line")
                    .param("fee", Split.basisPoints(line.amount().minor(), rates.get(line.campaignId())))
                    .param("line", line.id())
                    .update();
        }
    }

    /** A paid invoice to settle, with the attempt that paid it. */
    public record Paid(Invoice invoice, long attemptId, String gateway, Money settled, Money fee) {}

    /** {@link #post} for many paid invoices: the fee rates in one query, the entries in two statements. */
    public void postAll(List<Paid> paid, Instant at) {
        Long[] campaigns = paid.stream()
                .flatMap(p -> p.invoice().lines().stream())
                .map(Invoice.Line::campaignId)
                .distinct()
                .toArray(Long[]::new);
        Map<Long, Integer> rates = new java.util.HashMap<>();
        jdbc.sql("select campaign_id, platform_fee_bps from creator_fee_overrides where campaign_id = any(:c)")
                .param("c", campaigns)
                .query((rs, n) -> rates.put(rs.getLong(1), rs.getInt(2)))
                .list();
        for (Long campaign : campaigns) {
            rates.putIfAbsent(campaign, properties.platformFeeBasisPoints());
        }
        ledger.postAll(paid.stream()
                .map(p -> new JournalEntry(
                        "SETTLEMENT",
                        "settle-" + p.attemptId(),
                        "Invoice " + p.invoice().id() + " paid (" + p.invoice().total() + ")",
                        at,
                        legs(p.invoice(), p.gateway(), p.settled(), p.fee(), rates)))
                .toList());
    }

    /** The platform fee for a creator: their override, or the instance's. */
    int feeBasisPoints(long campaignId) {
        return jdbc.sql("select platform_fee_bps from creator_fee_overrides where campaign_id = :c")
                .param("c", campaignId)
                .query(Integer.class)
                .optional()
                .orElse(properties.platformFeeBasisPoints());
    }

    private static Money negate(Money money) {
        return new Money(-money.minor(), money.currency());
    }
}
