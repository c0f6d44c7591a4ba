package org.maecenas.payments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.maecenas.money.Money;

/**
 * A payment processor. Every call that moves money carries our idempotency key, so asking twice
 * never charges twice, and {@link #lookup} answers what happened to a key after a crash.
 */
public interface PaymentGateway {

    String name();

    /** Charges a saved method. Throws nothing for declines; an exception means the outcome is unknown. */
    ChargeResult charge(ChargeRequest request);

    /**
     * Charges many saved methods; the answers in the order asked. Each request is a {@link #charge}
     * of its own (same key, same promise); an exception for one becomes its {@link
     * ChargeResult#unknown}. A real gateway is called concurrently, a few calls at a time on virtual
     * threads; a gateway that can take a batch overrides this.
     */
    default List<ChargeResult> chargeAll(List<ChargeRequest> requests) {
        Semaphore inFlight = new Semaphore(CONCURRENT_CALLS);
        List<Future<ChargeResult>> answers = new ArrayList<>(requests.size());
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ChargeRequest request : requests) {
                answers.add(calls.submit(() -> {
                    inFlight.acquire();
                    try {
                        return charge(request);
                    } catch (RuntimeException unknown) {
                        return ChargeResult.unknown(unknown.getMessage() == null ? "no answer" : unknown.getMessage());
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            List<ChargeResult> results = new ArrayList<>(requests.size());
            for (Future<ChargeResult> answer : answers) {
                results.add(answer.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while charging", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** How many charges {@link #chargeAll} has in flight at once with a gateway that takes one at a time. */
    int CONCURRENT_CALLS = 16;

    /** What happened to a charge with this key, if the gateway saw it. */
    Optional<ChargeResult> lookup(String idempotencyKey);

    /**
     * Gives up on a charge that waits for the patron to authenticate it, so another attempt may
     * start. Answers what became of the charge: it may have succeeded just before (then it stands).
     */
    ChargeResult cancel(String idempotencyKey);

    /**
     * What the patron's browser needs to authenticate a waiting charge (Stripe: the PaymentIntent's
     * client secret); empty when the gateway has nothing waiting or completes it another way.
     */
    Optional<String> actionSecret(String idempotencyKey);

    /** Refunds part or all of a charge. Throws nothing for a refusal; an exception means the outcome is unknown. */
    RefundResult refund(RefundRequest request);

    /** What happened to a refund with this key, if the gateway saw it. */
    Optional<RefundResult> lookupRefund(String idempotencyKey);

    /** The gateway's own record of money moved in {@code [from, to)}, oldest first, for reconciliation. */
    List<GatewayTransaction> transactions(Instant from, Instant to);

    /** Checks a payment method can be charged (no money moves); a decline says why not. */
    ChargeResult verify(String token, Money probe);

    /** Turns what a patron entered into a saved method (the sandbox takes test card numbers). */
    SavedMethod save(String cardNumber, int expMonth, int expYear);

    /** A method as the gateway keeps it. */
    record SavedMethod(String token, String brand, String last4, int expMonth, int expYear) {}
}
