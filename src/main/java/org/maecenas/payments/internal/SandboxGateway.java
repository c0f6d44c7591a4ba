package org.maecenas.payments.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.maecenas.money.Money;
import org.maecenas.money.Split;
import org.maecenas.payments.ChargeRequest;
import org.maecenas.payments.ChargeResult;
import org.maecenas.payments.ChargeResult.Outcome;
import org.maecenas.payments.PaymentGateway;
import org.maecenas.payments.SandboxCards;
import org.maecenas.payments.SandboxSwitch;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The default gateway: in-process, deterministic by test card number, with its own book of charges
 * (committed on its own, like a real processor's) so it can answer "what happened to this key?"
 * after our process crashed. Processing fee: 2.9% + 30 minor units.
 */
public class SandboxGateway implements PaymentGateway {

    public static final String NAME = "sandbox";

    private final JdbcClient jdbc;
    private final SandboxSwitch behaviour;
    private final Clock clock;

    SandboxGateway(JdbcClient jdbc, SandboxSwitch behaviour, Clock clock) {
        this.jdbc = jdbc;
        this.behaviour = behaviour;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    // a lost response must leave the charge on the gateway's book, as a real processor's would
    @Transactional(propagation = Propagation.REQUIRES_NEW, noRollbackFor = GatewayTimeout.class)
    public ChargeResult charge(ChargeRequest request) {
        Optional<ChargeResult> earlier = lookup(request.idempotencyKey());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        String card = SandboxCards.cardOf(request.token());
        SandboxCards.Behaviour planned = behaviour.next(request.token()).orElse(SandboxCards.behaviourOf(card));
        if (planned == SandboxCards.Behaviour.TIMEOUT) {
            throw new GatewayTimeout("the sandbox gateway timed out before charging");
        }
        Outcome outcome = switch (planned) {
            case SUCCEED, SETTLE_LESS, LOST_RESPONSE -> Outcome.SUCCEEDED;
            case REQUIRE_AUTHENTICATION -> Outcome.REQUIRES_ACTION;
            default -> Outcome.DECLINED;
        };
        long amount = request.amount().minor();
        long settled = planned == SandboxCards.Behaviour.SETTLE_LESS ? amount - Math.max(1, amount / 100) : amount;
        long fee = outcome == Outcome.SUCCEEDED ? fee(settled) : 0;
        String chargeId = "ch_sbx_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("""
                        insert into sandbox_charges (idempotency_key, charge_id, token, amount_minor, currency, outcome,
                               settled_minor, fee_minor, decline_code, created_at)
                        values (:key, :charge, :token, :amount, :currency, :outcome, :settled, :fee, :code, :at)
                        """)
                .params(Map.of(
                        "key",
                        request.idempotencyKey(),
                        "charge",
                        chargeId,
                        "token",
                        request.token(),
                        "amount",
                        amount,
                        "currency",
                        request.amount().currency().getCurrencyCode(),
                        "outcome",
                        outcome.name(),
                        "settled",
                        outcome == Outcome.SUCCEEDED ? settled : 0L,
                        "fee",
                        fee))
                .param("code", SandboxCards.declineCode(planned))
                .param("at", Timestamp.from(clock.instant()))
                .update();
        if (planned == SandboxCards.Behaviour.LOST_RESPONSE) {
            // charged, committed on the gateway's side, and the answer never arrives
            throw new GatewayTimeout("the sandbox gateway charged but its response was lost");
        }
        return lookup(request.idempotencyKey()).orElseThrow();
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
    public Optional<ChargeResult> lookup(String idempotencyKey) {
        return jdbc.sql("""
                        select charge_id, outcome, currency, settled_minor, fee_minor, decline_code
                          from sandbox_charges where idempotency_key = :key
                        """)
                .param("key", idempotencyKey)
                .query((rs, n) -> {
                    Outcome outcome = Outcome.valueOf(rs.getString("outcome"));
                    String currency = rs.getString("currency");
                    String code = rs.getString("decline_code");
                    return new ChargeResult(
                            outcome,
                            rs.getString("charge_id"),
                            Money.of(rs.getLong("settled_minor"), currency),
                            Money.of(rs.getLong("fee_minor"), currency),
                            code,
                            SandboxCards.message(outcome, code));
                })
                .optional();
    }

    @Override
    public ChargeResult verify(String token, Money probe) {
        SandboxCards.Behaviour behaviourOf = SandboxCards.behaviourOf(SandboxCards.cardOf(token));
        return switch (behaviourOf) {
            case DECLINE_INSUFFICIENT_FUNDS, DECLINE_EXPIRED, DECLINE_GENERIC ->
                new ChargeResult(
                        Outcome.DECLINED,
                        null,
                        null,
                        null,
                        SandboxCards.declineCode(behaviourOf),
                        SandboxCards.message(Outcome.DECLINED, SandboxCards.declineCode(behaviourOf)));
            default -> new ChargeResult(Outcome.SUCCEEDED, null, probe, Money.zero(probe.currency()), null, "verified");
        };
    }

    @Override
    public SavedMethod save(String cardNumber, int expMonth, int expYear) {
        String digits = cardNumber == null ? "" : cardNumber.replaceAll("[\\s-]", "");
        return new SavedMethod(
                SandboxCards.tokenOf(digits),
                SandboxCards.brandOf(digits),
                digits.substring(Math.max(0, digits.length() - 4)),
                expMonth,
                expYear);
    }

    /** 2.9% + 30 minor units, rounded half up. */
    static long fee(long amount) {
        return Split.basisPoints(amount, 290) + 30;
    }

    /** The gateway didn't answer in time; it may or may not have charged. */
    public static final class GatewayTimeout extends RuntimeException {
        GatewayTimeout(String message) {
            super(message);
        }
    }
}
