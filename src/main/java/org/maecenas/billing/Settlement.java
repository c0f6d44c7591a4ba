package org.maecenas.billing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
            Money platformFee = new Money(
                    platformFee(line, feeBasisPointsByCampaign), line.amount().currency());
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

    /** The line's platform fee: the one fixed on it, or (older lines) its creator's rate now. */
    private static long platformFee(Invoice.Line line, Map<Long, Integer> feeBasisPointsByCampaign) {
        if (line.platformFeeMinor() != null) {
            return line.platformFeeMinor();
        }
        return Split.basisPoints(line.amount().minor(), feeBasisPointsByCampaign.getOrDefault(line.campaignId(), 0));
    }

    /** Posts the settlement of an attempt (once: the attempt's key is the entry's reference). */
    public void post(Invoice invoice, long attemptId, String gateway, Money settled, Money fee, Instant at) {
        postAll(List.of(new Paid(invoice, attemptId, gateway, settled, fee)), at);
    }

    /** A paid invoice to settle, with the attempt that paid it. */
    public record Paid(Invoice invoice, long attemptId, String gateway, Money settled, Money fee) {}

    /**
     * Posts the settlements of paid invoices: the entries in two statements. A line made before lines
     * kept their platform fee pays its creator's rate now, and keeps it from here on (for refunds).
     */
    public void postAll(List<Paid> paid, Instant at) {
        List<Invoice.Line> unfixed = paid.stream()
                .flatMap(p -> p.invoice().lines().stream())
                .filter(l -> l.platformFeeMinor() == null)
                .toList();
        Map<Long, Integer> rates =
                feeRates(unfixed.stream().map(Invoice.Line::campaignId).toList());
        ledger.postAll(paid.stream()
                .map(p -> new JournalEntry(
                        "SETTLEMENT",
                        "settle-" + p.attemptId(),
                        "Invoice " + p.invoice().id() + " paid (" + p.invoice().total() + ")",
                        at,
                        legs(p.invoice(), p.gateway(), p.settled(), p.fee(), rates)))
                .toList());
        if (!unfixed.isEmpty()) {
            jdbc.sql("""
                            update invoice_lines l set platform_fee_minor = x.fee
                              from unnest(cast(:lines as bigint[]), cast(:fees as bigint[])) as x(line, fee)
                             where l.id = x.line and l.platform_fee_minor is null
                            """)
                    .param("lines", unfixed.stream().map(Invoice.Line::id).toArray(Long[]::new))
                    .param(
                            "fees",
                            unfixed.stream().map(l -> platformFee(l, rates)).toArray(Long[]::new))
                    .update();
        }
    }

    /** The platform fee a new line of {@code amountMinor} for this creator pays: at their rate now. */
    public long platformFee(long campaignId, long amountMinor) {
        return Split.basisPoints(amountMinor, feeBasisPoints(campaignId));
    }

    /** The platform fee rates of these creators in basis points: their overrides, or the instance's. */
    public Map<Long, Integer> feeRates(Collection<Long> campaignIds) {
        Map<Long, Integer> rates = new HashMap<>();
        if (campaignIds.isEmpty()) {
            return rates;
        }
        Long[] campaigns = campaignIds.stream().distinct().toArray(Long[]::new);
        jdbc.sql("select campaign_id, platform_fee_bps from creator_fee_overrides where campaign_id = any(:c)")
                .param("c", campaigns)
                .query((rs, n) -> rates.put(rs.getLong(1), rs.getInt(2)))
                .list();
        for (Long campaign : campaigns) {
            rates.putIfAbsent(campaign, properties.platformFeeBasisPoints());
        }
        return rates;
    }

    /** The platform fee for a creator: their override, or the instance's. */
    int feeBasisPoints(long campaignId) {
        return feeRates(List.of(campaignId)).get(campaignId);
    }

    private static Money negate(Money money) {
        return new Money(-money.minor(), money.currency());
    }
}
