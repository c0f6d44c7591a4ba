package org.maecenas.payments;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Lets tests (and demos) tell the sandbox how the next charges of a card behave, whatever its number. */
@Component
public class SandboxSwitch {

    private final Map<String, Deque<SandboxCards.Behaviour>> planned = new ConcurrentHashMap<>();
    private final Map<String, SandboxCards.Behaviour> always = new ConcurrentHashMap<>();
    private final Deque<RefundBehaviour> refunds = new ArrayDeque<>();

    /** What the sandbox does with a refund instead of answering it. */
    public enum RefundBehaviour {
        /** Times out before refunding anything. */
        TIMEOUT,
        /** Refunds, then the response is lost: our side sees a timeout. */
        LOST_RESPONSE
    }

    /** The next charge of this token behaves so (queued in order). */
    public void next(String token, SandboxCards.Behaviour behaviour) {
        planned.computeIfAbsent(token, k -> new ArrayDeque<>()).addLast(behaviour);
    }

    /** Every charge of this token behaves so until {@link #reset()}. */
    public void always(String token, SandboxCards.Behaviour behaviour) {
        always.put(token, behaviour);
    }

    /** The next refund asked of the sandbox (any charge) behaves so (queued in order). */
    public void nextRefund(RefundBehaviour behaviour) {
        synchronized (refunds) {
            refunds.addLast(behaviour);
        }
    }

    public void reset() {
        planned.clear();
        always.clear();
        synchronized (refunds) {
            refunds.clear();
        }
    }

    /** For the sandbox gateway: how the next refund behaves, when a test planned it. */
    public Optional<RefundBehaviour> nextRefund() {
        synchronized (refunds) {
            return Optional.ofNullable(refunds.pollFirst());
        }
    }

    Optional<SandboxCards.Behaviour> take(String token) {
        Deque<SandboxCards.Behaviour> queue = planned.get(token);
        if (queue != null) {
            SandboxCards.Behaviour next;
            synchronized (queue) {
                next = queue.pollFirst();
            }
            if (next != null) {
                return Optional.of(next);
            }
        }
        return Optional.ofNullable(always.get(token));
    }

    /** For the sandbox gateway. */
    public Optional<SandboxCards.Behaviour> next(String token) {
        return take(token);
    }
}
