package org.maecenas.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.maecenas.money.Money;
import org.maecenas.payments.ChargeResult.Outcome;

/**
 * What every {@link PaymentGateway} promises, run against the sandbox and against Stripe (a fake
 * one on a local port): a key charges at most once, a decline is an answer and not an exception,
 * a key is found again, refunds stay within the charge, and the gateway's own books list it all
 * under the charge id the charge answered.
 */
public abstract class PaymentGatewayContract {

    protected abstract PaymentGateway gateway();

    /** A saved card that pays. */
    protected abstract String payingCard();

    /** A saved card the bank declines for insufficient funds. */
    protected abstract String poorCard();

    /** A saved card whose bank wants the patron to confirm each charge. */
    protected abstract String authenticatingCard();

    private static String key(String what) {
        return "contract-" + what + "-" + UUID.randomUUID();
    }

    private static Money usd(long minor) {
        return Money.of(minor, "USD");
    }

    private ChargeResult charge(String key, String card, long minor) {
        return gateway().charge(new ChargeRequest(key, card, usd(minor), "contract test"));
    }

    @Test
    void aChargeSucceedsWithWhatSettledAndTheFee() {
        ChargeResult result = charge(key("pay"), payingCard(), 5000);

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(result.chargeId()).isNotBlank();
        assertThat(result.settled()).isEqualTo(usd(5000));
        assertThat(result.fee()).isEqualTo(usd(175)); // 2.9% + 30
    }

    @Test
    void chargingAgainWithTheSameKeyChargesOnce() {
        String key = key("replay");
        ChargeResult first = charge(key, payingCard(), 1200);
        ChargeResult again = charge(key, payingCard(), 1200);

        assertThat(again.chargeId()).isEqualTo(first.chargeId());
        assertThat(again.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(booked().stream()
                        .filter(t -> t.type() == GatewayTransaction.Type.CHARGE)
                        .filter(t -> first.chargeId().equals(t.chargeId())))
                .hasSize(1);
    }

    @Test
    void aDeclineIsAnAnswerWithTheBanksCode() {
        ChargeResult result = charge(key("decline"), poorCard(), 900);

        assertThat(result.outcome()).isEqualTo(Outcome.DECLINED);
        assertThat(result.declineCode()).isEqualTo("insufficient_funds");
        assertThat(result.message()).isNotBlank();
    }

    @Test
    void aKeyTheGatewayNeverSawIsNotFound() {
        assertThat(gateway().lookup(key("never-sent"))).isEmpty();
        assertThat(gateway().lookupRefund(key("never-refunded"))).isEmpty();
    }

    @Test
    void aChargeIsFoundAgainByItsKey() {
        String paid = key("lookup-paid");
        String declined = key("lookup-declined");
        ChargeResult charged = charge(paid, payingCard(), 2500);
        charge(declined, poorCard(), 2500);

        ChargeResult found = gateway().lookup(paid).orElseThrow();
        assertThat(found.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(found.chargeId()).isEqualTo(charged.chargeId());
        assertThat(found.settled()).isEqualTo(charged.settled());
        assertThat(found.fee()).isEqualTo(charged.fee());
        assertThat(gateway().lookup(declined).orElseThrow().outcome()).isEqualTo(Outcome.DECLINED);
    }

    @Test
    void aChargeWaitingForThePatronCanBeGivenUp() {
        String key = key("authenticate");
        ChargeResult waiting = charge(key, authenticatingCard(), 3000);
        assertThat(waiting.outcome()).isEqualTo(Outcome.REQUIRES_ACTION);
        assertThat(gateway().lookup(key).orElseThrow().outcome()).isEqualTo(Outcome.REQUIRES_ACTION);

        ChargeResult cancelled = gateway().cancel(key);

        assertThat(cancelled.outcome()).isEqualTo(Outcome.DECLINED);
        assertThat(gateway().lookup(key).orElseThrow().outcome()).isEqualTo(Outcome.DECLINED);
        assertThat(gateway().actionSecret(key)).isEmpty();
    }

    @Test
    void refundsStayWithinTheChargeAndAKeyRefundsOnce() {
        ChargeResult charged = charge(key("refundable"), payingCard(), 4000);
        String refundKey = key("refund");

        RefundResult part = gateway().refund(new RefundRequest(refundKey, charged.chargeId(), usd(1500), "asked"));
        RefundResult again = gateway().refund(new RefundRequest(refundKey, charged.chargeId(), usd(1500), "asked"));
        RefundResult tooMuch =
                gateway().refund(new RefundRequest(key("too-much"), charged.chargeId(), usd(2600), "asked"));
        RefundResult rest = gateway().refund(new RefundRequest(key("rest"), charged.chargeId(), usd(2500), "asked"));

        assertThat(part.accepted()).isTrue();
        assertThat(part.amount()).isEqualTo(usd(1500));
        assertThat(again.refundId()).isEqualTo(part.refundId());
        assertThat(tooMuch.outcome()).isEqualTo(RefundResult.Outcome.FAILED);
        assertThat(rest.accepted()).isTrue();
        assertThat(gateway().lookupRefund(refundKey).orElseThrow().refundId()).isEqualTo(part.refundId());
        assertThat(booked().stream()
                        .filter(t -> t.type() == GatewayTransaction.Type.REFUND)
                        .filter(t -> charged.chargeId().equals(t.chargeId()))
                        .map(t -> t.amount().minor()))
                .containsExactlyInAnyOrder(-1500L, -2500L);
    }

    @Test
    void theGatewaysBooksListTheChargeAndItsRefundUnderTheChargeId() {
        ChargeResult charged = charge(key("booked"), payingCard(), 2000);
        RefundResult refund =
                gateway().refund(new RefundRequest(key("booked-refund"), charged.chargeId(), usd(500), "asked"));

        List<GatewayTransaction> mine = booked().stream()
                .filter(t -> charged.chargeId().equals(t.chargeId()))
                .toList();

        assertThat(mine)
                .extracting(GatewayTransaction::type)
                .containsExactly(GatewayTransaction.Type.CHARGE, GatewayTransaction.Type.REFUND);
        assertThat(mine.get(0).amount()).isEqualTo(usd(2000));
        assertThat(mine.get(0).fee()).isEqualTo(charged.fee());
        assertThat(mine.get(1).amount()).isEqualTo(usd(-500));
        assertThat(mine.get(1).sourceId()).isEqualTo(refund.refundId());
        assertThat(mine.get(0).at()).isBeforeOrEqualTo(mine.get(1).at());
    }

    private List<GatewayTransaction> booked() {
        Instant now = Instant.now();
        return gateway().transactions(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)));
    }
}
