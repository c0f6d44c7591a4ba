package org.maecenas.payments.internal;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.maecenas.money.Money;
import org.maecenas.money.Split;
import org.maecenas.payments.ChargeRequest;
import org.maecenas.payments.ChargeResult;
import org.maecenas.payments.ChargeResult.Outcome;
import org.maecenas.payments.GatewayTransaction;
import org.maecenas.payments.PaymentGateway;
import org.maecenas.payments.RefundRequest;
import org.maecenas.payments.RefundResult;
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

    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

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
        Outcome outcome = outcomeOf(planned);
        long amount = request.amount().minor();
        long settled = planned == SandboxCards.Behaviour.SETTLE_LESS ? amount - Math.max(1, amount / 100) : amount;
        long fee = outcome == Outcome.SUCCEEDED ? fee(settled) : 0;
        String chargeId = newChargeId();
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

    /**
     * Charges a batch as {@link #charge} charges each — keys seen before answer as recorded, each new
     * card behaves as its number (or the switch) says — and records the new charges in one statement,
     * committed on the gateway's side before anything is answered. A timeout or a lost response is an
     * unknown outcome for that request alone.
     */
    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public List<ChargeResult> chargeAll(List<ChargeRequest> requests) {
        String[] keys = requests.stream().map(ChargeRequest::idempotencyKey).toArray(String[]::new);
        Map<String, ChargeResult> known = lookupAll(keys);
        Map<String, String> unanswered = new HashMap<>();
        List<Object[]> rows = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>(known.keySet());
        for (ChargeRequest request : requests) {
            if (!seen.add(request.idempotencyKey())) {
                continue;
            }
            SandboxCards.Behaviour planned = behaviour
                    .next(request.token())
                    .orElse(SandboxCards.behaviourOf(SandboxCards.cardOf(request.token())));
            if (planned == SandboxCards.Behaviour.TIMEOUT) {
                unanswered.put(request.idempotencyKey(), "the sandbox gateway timed out before charging");
                continue;
            }
            Outcome outcome = outcomeOf(planned);
            long amount = request.amount().minor();
            long settled = outcome != Outcome.SUCCEEDED
                    ? 0
                    : planned == SandboxCards.Behaviour.SETTLE_LESS ? amount - Math.max(1, amount / 100) : amount;
            rows.add(new Object[] {
                request.idempotencyKey(),
                newChargeId(),
                request.token(),
                amount,
                request.amount().currency().getCurrencyCode(),
                outcome.name(),
                settled,
                outcome == Outcome.SUCCEEDED ? fee(settled) : 0L,
                SandboxCards.declineCode(planned)
            });
            if (planned == SandboxCards.Behaviour.LOST_RESPONSE) {
                unanswered.put(request.idempotencyKey(), "the sandbox gateway charged but its response was lost");
            }
        }
        Map<String, ChargeResult> recorded = new HashMap<>(known);
        if (!rows.isEmpty()) {
            recorded.putAll(record(rows));
        }
        String[] raced = requests.stream()
                .map(ChargeRequest::idempotencyKey)
                .filter(key -> !recorded.containsKey(key) && !unanswered.containsKey(key))
                .distinct()
                .toArray(String[]::new);
        if (raced.length > 0) {
            recorded.putAll(lookupAll(raced)); // charged meanwhile by another call with the same key
        }
        return requests.stream()
                .map(r -> unanswered.containsKey(r.idempotencyKey())
                        ? ChargeResult.unknown(unanswered.get(r.idempotencyKey()))
                        : recorded.get(r.idempotencyKey()))
                .toList();
    }

    /** Records new charges; returns those recorded (a key charged meanwhile by another call is not). */
    private Map<String, ChargeResult> record(List<Object[]> rows) {
        Map<String, ChargeResult> recorded = new HashMap<>();
        jdbc.sql("""
                        insert into sandbox_charges (idempotency_key, charge_id, token, amount_minor, currency, outcome,
                               settled_minor, fee_minor, decline_code, created_at)
                        select x.*, cast(:at as timestamptz)
                          from unnest(cast(:keys as text[]), cast(:charges as text[]), cast(:tokens as text[]),
                                      cast(:amounts as bigint[]), cast(:currencies as char(3)[]), cast(:outcomes as text[]),
                                      cast(:settled as bigint[]), cast(:fees as bigint[]), cast(:codes as text[])) as x
                        on conflict (idempotency_key) do nothing
                        returning idempotency_key, charge_id, outcome, currency, settled_minor, fee_minor, decline_code
                        """)
                .param("keys", column(rows, 0, String[]::new))
                .param("charges", column(rows, 1, String[]::new))
                .param("tokens", column(rows, 2, String[]::new))
                .param("amounts", column(rows, 3, Long[]::new))
                .param("currencies", column(rows, 4, String[]::new))
                .param("outcomes", column(rows, 5, String[]::new))
                .param("settled", column(rows, 6, Long[]::new))
                .param("fees", column(rows, 7, Long[]::new))
                .param("codes", column(rows, 8, String[]::new))
                .param("at", Timestamp.from(clock.instant()))
                .query((rs, n) -> recorded.put(rs.getString("idempotency_key"), result(rs)))
                .list();
        return recorded;
    }

    @SuppressWarnings("unchecked")
    private static <T> T[] column(List<Object[]> rows, int index, java.util.function.IntFunction<T[]> array) {
        return rows.stream().map(row -> (T) row[index]).toArray(array);
    }

    private static Outcome outcomeOf(SandboxCards.Behaviour planned) {
        return switch (planned) {
            case SUCCEED, SETTLE_LESS, LOST_RESPONSE -> Outcome.SUCCEEDED;
            case REQUIRE_AUTHENTICATION -> Outcome.REQUIRES_ACTION;
            default -> Outcome.DECLINED;
        };
    }

    private Map<String, ChargeResult> lookupAll(String[] keys) {
        Map<String, ChargeResult> found = new HashMap<>();
        jdbc.sql("""
                        select idempotency_key, charge_id, outcome, currency, settled_minor, fee_minor, decline_code
                          from sandbox_charges where idempotency_key = any(:keys)
                        """)
                .param("keys", keys)
                .query((rs, n) -> found.put(rs.getString("idempotency_key"), result(rs)))
                .list();
        return found;
    }

    private static ChargeResult result(java.sql.ResultSet rs) throws java.sql.SQLException {
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
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
    public Optional<ChargeResult> lookup(String idempotencyKey) {
        return jdbc.sql("""
                        select charge_id, outcome, currency, settled_minor, fee_minor, decline_code
                          from sandbox_charges where idempotency_key = :key
                        """)
                .param("key", idempotencyKey)
                .query((rs, n) -> result(rs))
                .optional();
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public ChargeResult cancel(String idempotencyKey) {
        jdbc.sql("""
                        update sandbox_charges set outcome = 'DECLINED', decline_code = 'authentication_abandoned'
                         where idempotency_key = :key and outcome = 'REQUIRES_ACTION'
                        """).param("key", idempotencyKey).update();
        return lookup(idempotencyKey)
                .orElse(new ChargeResult(
                        Outcome.DECLINED, null, null, null, "not_received", "The payment never reached the gateway."));
    }

    @Override
    public Optional<String> actionSecret(String idempotencyKey) {
        return Optional.empty(); // the sandbox's authentication page completes it through SandboxBank
    }

    @Override
    // a lost response must leave the refund on the gateway's book, as a real processor's would
    @Transactional(propagation = Propagation.REQUIRES_NEW, noRollbackFor = GatewayTimeout.class)
    public RefundResult refund(RefundRequest request) {
        Optional<RefundResult> earlier = lookupRefund(request.idempotencyKey());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Optional<SandboxSwitch.RefundBehaviour> planned = behaviour.nextRefund();
        if (planned.equals(Optional.of(SandboxSwitch.RefundBehaviour.TIMEOUT))) {
            throw new GatewayTimeout("the sandbox gateway timed out before refunding");
        }
        // serialises refunds of one charge, as a processor does
        Optional<Long> settled = jdbc.sql("""
                        select settled_minor from sandbox_charges
                         where charge_id = :charge and outcome = 'SUCCEEDED' and currency = :currency for update
                        """)
                .param("charge", request.chargeId())
                .param("currency", request.amount().currency().getCurrencyCode())
                .query(Long.class)
                .optional();
        if (settled.isEmpty()) {
            return new RefundResult(RefundResult.Outcome.FAILED, null, null, "No such charge to refund.");
        }
        long refunded = jdbc.sql("""
                        select coalesce(sum(amount_minor), 0) from sandbox_refunds
                         where charge_id = :charge and outcome = 'SUCCEEDED'
                        """)
                .param("charge", request.chargeId())
                .query(Long.class)
                .single();
        boolean fits =
                request.amount().minor() > 0 && refunded + request.amount().minor() <= settled.get();
        String refundId = "re_sbx_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("""
                        insert into sandbox_refunds (idempotency_key, refund_id, charge_id, amount_minor, currency,
                               outcome, message, created_at)
                        values (:key, :refund, :charge, :amount, :currency, :outcome, :message, :at)
                        """)
                .param("key", request.idempotencyKey())
                .param("refund", refundId)
                .param("charge", request.chargeId())
                .param("amount", Math.max(1, request.amount().minor()))
                .param("currency", request.amount().currency().getCurrencyCode())
                .param("outcome", fits ? "SUCCEEDED" : "FAILED")
                .param("message", fits ? "Refunded." : "The refund is larger than what is left of the charge.")
                .param("at", Timestamp.from(clock.instant()))
                .update();
        if (planned.equals(Optional.of(SandboxSwitch.RefundBehaviour.LOST_RESPONSE))) {
            // refunded, committed on the gateway's side, and the answer never arrives
            throw new GatewayTimeout("the sandbox gateway refunded but its response was lost");
        }
        return lookupRefund(request.idempotencyKey()).orElseThrow();
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
    public Optional<RefundResult> lookupRefund(String idempotencyKey) {
        return jdbc.sql("""
                        select refund_id, amount_minor, currency, outcome, message from sandbox_refunds
                         where idempotency_key = :key
                        """)
                .param("key", idempotencyKey)
                .query((rs, n) -> new RefundResult(
                        RefundResult.Outcome.valueOf(rs.getString("outcome")),
                        rs.getString("refund_id"),
                        Money.of(rs.getLong("amount_minor"), rs.getString("currency")),
                        rs.getString("message")))
                .optional();
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
    public List<GatewayTransaction> transactions(Instant from, Instant to) {
        return jdbc.sql("""
                        select 'txn_' || charge_id as id, 'CHARGE' as type, charge_id, charge_id as source_id,
                               settled_minor as amount, fee_minor as fee, currency, created_at as at
                          from sandbox_charges where outcome = 'SUCCEEDED' and created_at >= :from and created_at < :to
                        union all
                        select 'txn_' || refund_id, 'REFUND', charge_id, refund_id, -amount_minor, 0, currency, created_at
                          from sandbox_refunds where outcome = 'SUCCEEDED' and created_at >= :from and created_at < :to
                        union all
                        select 'txn_' || dispute_id, 'DISPUTE_WITHDRAWAL', charge_id, dispute_id, -amount_minor, 0,
                               currency, opened_at
                          from sandbox_disputes where opened_at >= :from and opened_at < :to
                        union all
                        select 'txn_' || dispute_id || '_won', 'DISPUTE_REINSTATEMENT', charge_id, dispute_id,
                               amount_minor, 0, currency, closed_at
                          from sandbox_disputes where status = 'WON' and closed_at >= :from and closed_at < :to
                        order by at, id
                        """)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, n) -> new GatewayTransaction(
                        rs.getString("id"),
                        GatewayTransaction.Type.valueOf(rs.getString("type")),
                        rs.getString("charge_id"),
                        rs.getString("source_id"),
                        Money.of(rs.getLong("amount"), rs.getString("currency")),
                        Money.of(rs.getLong("fee"), rs.getString("currency")),
                        rs.getTimestamp("at").toInstant()))
                .list();
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

    /**
     * A new charge id: the time first, then 64 random bits, so ids sort about as they are made and
     * the index of charge ids grows at its end rather than at random places all over it.
     */
    private String newChargeId() {
        return "ch_sbx_" + HEX.toHexDigits(clock.millis()) + HEX.toHexDigits(RANDOM.nextLong());
    }
}
