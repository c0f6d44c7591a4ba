package org.maecenas.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.money.Money;
import org.maecenas.payments.ChargeResult.Outcome;
import org.maecenas.testing.MaecenasTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Charging many at once keeps each charge's promise: the sandbox's batch records every new charge in
 * one statement and answers each key as {@code charge} would (and again the same, never twice); a
 * gateway without a batch is called once per request, concurrently, an exception being that request's
 * unknown outcome.
 */
@MaecenasTest
class ChargeAllTests {

    @Autowired
    PaymentGateway gateway;

    @Autowired
    SandboxSwitch switches;

    @Autowired
    JdbcClient jdbc;

    /**
     * These charges have no invoice or attempt behind them; left in the shared database they would
     * break the ledger invariants other test classes check.
     */
    @AfterEach
    void reset() {
        switches.reset();
        jdbc.sql("delete from sandbox_charges where idempotency_key like 'batch-%' or idempotency_key like 'single-%'")
                .update();
    }

    @Test
    void theSandboxChargesABatchAsItChargesOneAndNeverTwice() {
        String batch = "batch-" + UUID.randomUUID() + "-";
        List<ChargeRequest> requests = List.of(
                request(batch + 1, "4242424242424242", 1000),
                request(batch + 2, "4000000000009995", 1000),
                request(batch + 3, "4000000000000077", 1000),
                request(batch + 4, "4000002500003155", 1000),
                request(batch + 5, "4000000000000119", 1000),
                request(batch + 6, "4000000000000259", 1000));

        List<ChargeResult> results = gateway.chargeAll(requests);

        assertThat(results)
                .extracting(ChargeResult::outcome)
                .containsExactly(
                        Outcome.SUCCEEDED,
                        Outcome.DECLINED,
                        Outcome.SUCCEEDED,
                        Outcome.REQUIRES_ACTION,
                        Outcome.UNKNOWN,
                        Outcome.UNKNOWN);
        assertThat(results.get(0).settled()).isEqualTo(Money.of(1000, "USD"));
        // 2.9% of 1000 is 29, plus 30
        assertThat(results.get(0).fee()).isEqualTo(Money.of(59, "USD"));
        assertThat(results.get(1).declineCode()).isEqualTo("insufficient_funds");
        assertThat(results.get(2).settled()).isEqualTo(Money.of(990, "USD"));
        assertThat(results.get(3).declineCode()).isEqualTo("authentication_required");
        // the lost response was charged and is on the book; the timeout charged nothing
        assertThat(gateway.lookup(batch + 5)).map(ChargeResult::outcome).contains(Outcome.SUCCEEDED);
        assertThat(gateway.lookup(batch + 6)).isEmpty();
        assertThat(charges(batch)).isEqualTo(5);

        List<ChargeResult> again = gateway.chargeAll(requests.subList(0, 5));
        assertThat(again.subList(0, 4)).isEqualTo(results.subList(0, 4));
        assertThat(again.get(4).outcome())
                .as("asked again, the lost charge answers")
                .isEqualTo(Outcome.SUCCEEDED);
        assertThat(charges(batch)).as("nothing charged twice").isEqualTo(5);
    }

    @Test
    void aBatchAnswersLikeSingleChargesOfTheSameCards() {
        String single = "single-" + UUID.randomUUID() + "-";
        String batch = "batch-" + UUID.randomUUID() + "-";
        String[] cards = {"4242424242424242", "4000000000000341", "4000000000000069", "4000000000000077"};
        List<ChargeRequest> requests = new ArrayList<>();
        List<ChargeResult> one = new ArrayList<>();
        for (int i = 0; i < cards.length; i++) {
            one.add(gateway.charge(request(single + i, cards[i], 777 + i)));
            requests.add(request(batch + i, cards[i], 777 + i));
        }
        List<ChargeResult> many = gateway.chargeAll(requests);
        for (int i = 0; i < cards.length; i++) {
            assertThat(many.get(i))
                    .usingRecursiveComparison()
                    .ignoringFields("chargeId")
                    .isEqualTo(one.get(i));
        }
        assertThat(many.get(0).chargeId())
                .startsWith("ch_sbx_")
                .isNotEqualTo(one.get(0).chargeId());
    }

    @Test
    void aGatewayWithoutABatchIsCalledOncePerRequestAndAnExceptionIsThatRequestsUnknown() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        PaymentGateway oneAtATime = new OneAtATime() {
            @Override
            public ChargeResult charge(ChargeRequest request) {
                calls.incrementAndGet();
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inFlight.decrementAndGet();
                if (request.idempotencyKey().equals("inv-7-1")) {
                    throw new IllegalStateException("read timed out");
                }
                return new ChargeResult(
                        Outcome.SUCCEEDED, "ch_" + request.idempotencyKey(), request.amount(), null, null, "paid");
            }
        };
        List<ChargeRequest> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            requests.add(request("inv-" + i + "-1", "tok", 100 + i));
        }

        List<ChargeResult> results = oneAtATime.chargeAll(requests);

        assertThat(calls).hasValue(40);
        assertThat(mostInFlight.get()).isGreaterThan(1).isLessThanOrEqualTo(PaymentGateway.CONCURRENT_CALLS);
        assertThat(results).hasSize(40);
        assertThat(results.get(7)).isEqualTo(ChargeResult.unknown("read timed out"));
        for (int i = 0; i < 40; i++) {
            if (i != 7) {
                assertThat(results.get(i).chargeId())
                        .isEqualTo("ch_" + requests.get(i).idempotencyKey());
            }
        }
    }

    private int charges(String prefix) {
        return jdbc.sql("select count(*) from sandbox_charges where idempotency_key like :p")
                .param("p", prefix + "%")
                .query(Integer.class)
                .single();
    }

    private static ChargeRequest request(String key, String card, long minor) {
        return new ChargeRequest(key, SandboxCards.tokenOf(card), Money.of(minor, "USD"), "test " + key);
    }

    /** A gateway that takes one charge at a time (the interface's own {@code chargeAll}). */
    private abstract static class OneAtATime implements PaymentGateway {

        @Override
        public String name() {
            return "one-at-a-time";
        }

        @Override
        public Optional<ChargeResult> lookup(String idempotencyKey) {
            return Optional.empty();
        }

        @Override
        public ChargeResult verify(String token, Money probe) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SavedMethod save(String cardNumber, int expMonth, int expYear) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ChargeResult cancel(String idempotencyKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> actionSecret(String idempotencyKey) {
            return Optional.empty();
        }

        @Override
        public RefundResult refund(RefundRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<RefundResult> lookupRefund(String idempotencyKey) {
            return Optional.empty();
        }

        @Override
        public List<GatewayTransaction> transactions(java.time.Instant from, java.time.Instant to) {
            return List.of();
        }
    }
}
