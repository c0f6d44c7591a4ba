package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.maecenas.ledger.LedgerAccounts;
import org.maecenas.ledger.Leg;
import org.maecenas.money.Money;
import org.maecenas.money.Split;

/**
 * Fee splits add up to the unit: the largest-remainder split of a processing fee over an invoice's
 * lines, and the settlement entry built from it, for every line count from 1 to 50.
 */
class FeeSplitProperties {

    @Property(tries = 2000)
    void sharesSumToTheTotalEachWithinOneUnitOfItsExactShare(
            @ForAll("weights") List<Long> weights, @ForAll("totals") long total) {
        assertFairSplit(total, weights.stream().mapToLong(Long::longValue).toArray());
    }

    @Example
    void everyLineCountFromOneToFiftySplitsExactly() {
        Random random = new Random(20261126L);
        for (int lines = 1; lines <= 50; lines++) {
            for (int round = 0; round < 40; round++) {
                long[] weights = new long[lines];
                for (int i = 0; i < lines; i++) {
                    weights[i] = 1 + random.nextLong(round % 2 == 0 ? 10 : 1_000_000);
                }
                assertFairSplit(random.nextLong(100_000), weights);
            }
        }
    }

    @Example
    void leftoverUnitsGoToTheLargestRemaindersAndTiesToTheEarlierLine() {
        assertThat(Split.largestRemainder(40, new long[] {250, 100})).containsExactly(29, 11);
        assertThat(Split.largestRemainder(2, new long[] {1, 1, 1})).containsExactly(1, 1, 0);
        assertThat(Split.largestRemainder(100, new long[] {1, 1, 1})).containsExactly(34, 33, 33);
        assertThat(Split.largestRemainder(7, new long[] {0, 5, 0})).containsExactly(0, 7, 0);
        assertThat(Split.largestRemainder(0, new long[] {3, 9})).containsExactly(0, 0);
    }

    @Property(tries = 1000)
    void aSettlementBalancesAndPaysEachCreatorTheirLineLessPlatformFeeAndFeeShare(
            @ForAll("settlements") Case settlement) {
        Invoice invoice = settlement.invoice();
        List<Leg> legs = Settlement.legs(
                invoice, "sandbox", settlement.settled(), settlement.fee(), settlement.basisPointsByCampaign());

        assertThat(legs).allSatisfy(leg -> {
            assertThat(leg.amount().minor()).isNotZero();
            assertThat(leg.amount().currency()).isEqualTo(invoice.total().currency());
        });
        assertThat(legs.stream().mapToLong(l -> l.amount().minor()).sum())
                .as("the entry sums to zero")
                .isZero();

        long[] amounts =
                invoice.lines().stream().mapToLong(l -> l.amount().minor()).toArray();
        long[] feeShares = Split.largestRemainder(settlement.fee().minor(), amounts);
        Map<Long, Long> expectedNet = new HashMap<>();
        long platformFees = 0;
        for (int i = 0; i < amounts.length; i++) {
            long campaign = invoice.lines().get(i).campaignId();
            long platformFee = Split.basisPoints(
                    amounts[i], settlement.basisPointsByCampaign().get(campaign));
            platformFees += platformFee;
            expectedNet.merge(campaign, amounts[i] - platformFee - feeShares[i], Long::sum);
        }
        for (Map.Entry<Long, Long> creator : expectedNet.entrySet()) {
            assertThat(-sum(legs, LedgerAccounts.creatorBalance(creator.getKey())))
                    .as("net of creator %d", creator.getKey())
                    .isEqualTo(creator.getValue());
        }
        assertThat(sum(legs, LedgerAccounts.gatewayClearing("sandbox")))
                .isEqualTo(settlement.settled().minor() - settlement.fee().minor());
        assertThat(-sum(legs, LedgerAccounts.PLATFORM_FEES)).isEqualTo(platformFees);
        assertThat(-sum(legs, LedgerAccounts.SETTLEMENT_DIFFERENCES))
                .isEqualTo(settlement.settled().minor() - invoice.total().minor());
    }

    @Example
    void aSettledAmountBelowTheInvoiceIsKeptOnItsOwnAccount() {
        Case settlement = new Case(
                invoice("USD", List.of(new long[] {1, 1000}, new long[] {2, 500})),
                Money.of(1485, "USD"),
                Money.of(73, "USD"),
                Map.of(1L, 500, 2L, 0));
        List<Leg> legs = Settlement.legs(
                settlement.invoice(),
                "sandbox",
                settlement.settled(),
                settlement.fee(),
                settlement.basisPointsByCampaign());
        // fee 73 split 48.67 / 24.33 → 49 / 24; 5% platform fee of 10.00 is 50
        assertThat(legs)
                .containsExactly(
                        new Leg("gateway-clearing:sandbox", Money.of(1412, "USD")),
                        new Leg("creator-balance:1", Money.of(-(1000 - 50 - 49), "USD")),
                        new Leg("creator-balance:2", Money.of(-(500 - 24), "USD")),
                        new Leg("platform-fees", Money.of(-50, "USD")),
                        new Leg("settlement-differences", Money.of(15, "USD")));
    }

    @Provide
    Arbitrary<List<Long>> weights() {
        Arbitrary<Long> weight = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0L)),
                Tuple.of(3, Arbitraries.longs().between(1, 20)),
                Tuple.of(6, Arbitraries.longs().between(1, 5_000_000)));
        return weight.list()
                .ofMinSize(1)
                .ofMaxSize(50)
                .filter(list -> list.stream().anyMatch(w -> w > 0));
    }

    @Provide
    Arbitrary<Long> totals() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(0, 100)),
                Tuple.of(7, Arbitraries.longs().between(0, 2_000_000)));
    }

    /** An invoice with the gateway's answer and each creator's platform fee. */
    record Case(Invoice invoice, Money settled, Money fee, Map<Long, Integer> basisPointsByCampaign) {}

    @Provide
    Arbitrary<Case> settlements() {
        Arbitrary<long[]> line = Combinators.combine(
                        Arbitraries.longs().between(1, 8), Arbitraries.longs().between(1, 1_000_000))
                .as((campaign, amount) -> new long[] {campaign, amount});
        Arbitrary<Invoice> invoices = Combinators.combine(
                        Arbitraries.of("USD", "EUR", "JPY"),
                        line.list().ofMinSize(1).ofMaxSize(50))
                .as(FeeSplitProperties::invoice);
        Arbitrary<Map<Long, Integer>> rates = Arbitraries.integers()
                .between(0, 5000)
                .list()
                .ofSize(8)
                .map(list -> {
                    Map<Long, Integer> byCampaign = new HashMap<>();
                    for (int i = 0; i < list.size(); i++) {
                        byCampaign.put(i + 1L, list.get(i));
                    }
                    return byCampaign;
                });
        return Combinators.combine(
                        invoices,
                        rates,
                        Arbitraries.doubles().between(0, 0.2),
                        Arbitraries.integers().between(-100, 100))
                .as((invoice, byCampaign, feeRate, settledPerMille) -> {
                    long total = invoice.total().minor();
                    long fee = Math.round(total * feeRate);
                    long settled = total + total * settledPerMille / 1000 + Integer.signum(settledPerMille);
                    return new Case(
                            invoice,
                            Money.of(settled, invoice.total().currency().getCurrencyCode()),
                            Money.of(fee, invoice.total().currency().getCurrencyCode()),
                            byCampaign);
                });
    }

    private static Invoice invoice(String currency, List<long[]> campaignAndAmount) {
        List<Invoice.Line> lines = new ArrayList<>();
        for (int i = 0; i < campaignAndAmount.size(); i++) {
            long[] line = campaignAndAmount.get(i);
            lines.add(new Invoice.Line(
                    i + 1, line[0], 100 + i, "CREATIONS", Money.of(line[1], currency), null, null, "line " + i, null));
        }
        long total = campaignAndAmount.stream().mapToLong(l -> l[1]).sum();
        return new Invoice(
                1,
                "inv-test",
                7,
                Money.of(total, currency),
                LocalDate.parse("2030-01-01"),
                "BILLING_DAY",
                "OPEN",
                null,
                0,
                null,
                Instant.parse("2030-01-01T00:00:00Z"),
                null,
                List.copyOf(lines));
    }

    private static long sum(List<Leg> legs, String account) {
        return legs.stream()
                .filter(l -> l.account().equals(account))
                .mapToLong(l -> l.amount().minor())
                .sum();
    }

    private static void assertFairSplit(long total, long[] weights) {
        long[] shares = Split.largestRemainder(total, weights);
        assertThat(shares).hasSameSizeAs(weights);
        assertThat(LongStream.of(shares).sum()).as("shares sum to the total").isEqualTo(total);
        BigInteger weightSum = BigInteger.valueOf(LongStream.of(weights).sum());
        for (int i = 0; i < weights.length; i++) {
            assertThat(shares[i]).isNotNegative();
            // |share − total × weight / Σweights| < 1, in integers
            BigInteger exactTimesSum = BigInteger.valueOf(total).multiply(BigInteger.valueOf(weights[i]));
            BigInteger error = BigInteger.valueOf(shares[i])
                    .multiply(weightSum)
                    .subtract(exactTimesSum)
                    .abs();
            assertThat(error).as("share %d of %d", i, total).isLessThan(weightSum);
        }
        assertThat(Split.largestRemainder(total, weights.clone()))
                .as("deterministic")
                .containsExactly(shares);
    }
}
