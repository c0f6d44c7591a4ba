package org.maecenas.payments;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.maecenas.money.Money;
import org.maecenas.payments.internal.SandboxGateway;
import org.maecenas.web.InvalidInput;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * In test mode, plays the parts a real processor and a patron's bank play on their own: a patron
 * completing (or abandoning) authentication, a bank opening and deciding a dispute. Each publishes
 * the same {@link GatewayEvents} a Stripe webhook would, so the rest of Maecenas cannot tell.
 */
@Component
public class SandboxBank {

    private final JdbcClient jdbc;
    private final PaymentGateway gateway;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SandboxBank(JdbcClient jdbc, PaymentGateway gateway, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.gateway = gateway;
        this.events = events;
        this.clock = clock;
    }

    /** Whether payments go through the sandbox (only then does this class do anything). */
    public boolean active() {
        return SandboxGateway.NAME.equals(gateway.name());
    }

    /** The name payments are recorded under while the sandbox is in use. */
    public String gatewayName() {
        return gateway.name();
    }

    /** The patron passed their bank's check: the waiting charge succeeds. */
    @Transactional
    public void completeAuthentication(String idempotencyKey) {
        requireActive();
        int changed = jdbc.sql("""
                        update sandbox_charges
                           set outcome = 'SUCCEEDED', settled_minor = amount_minor,
                               fee_minor = round(amount_minor * 0.029) + 30, decline_code = null
                         where idempotency_key = :key and outcome = 'REQUIRES_ACTION'
                        """).param("key", idempotencyKey).update();
        if (changed == 1) {
            events.publishEvent(new GatewayEvents.ChargeChanged(gateway.name(), idempotencyKey));
        }
    }

    /** The patron refused (or failed) their bank's check: the waiting charge is declined. */
    @Transactional
    public void refuseAuthentication(String idempotencyKey) {
        requireActive();
        int changed = jdbc.sql("""
                        update sandbox_charges set outcome = 'DECLINED', decline_code = 'authentication_failed'
                         where idempotency_key = :key and outcome = 'REQUIRES_ACTION'
                        """).param("key", idempotencyKey).update();
        if (changed == 1) {
            events.publishEvent(new GatewayEvents.ChargeChanged(gateway.name(), idempotencyKey));
        }
    }

    /** The patron's bank opens a dispute over what is left of a charge after refunds (once per charge). */
    @Transactional
    public String openDispute(String chargeId, String reason) {
        requireActive();
        Optional<Money> charged = jdbc.sql("""
                        select c.settled_minor - coalesce((select sum(r.amount_minor) from sandbox_refunds r
                                                            where r.charge_id = c.charge_id
                                                              and r.outcome = 'SUCCEEDED'), 0),
                               c.currency
                          from sandbox_charges c
                         where c.charge_id = :charge and c.outcome = 'SUCCEEDED'
                        """)
                .param("charge", chargeId)
                .query((rs, n) -> Money.of(rs.getLong(1), rs.getString(2)))
                .optional();
        if (charged.isEmpty()) {
            throw InvalidInput.of("chargeId", "No successful sandbox charge has this id.");
        }
        if (charged.get().minor() <= 0) {
            throw InvalidInput.of("chargeId", "This charge is refunded in full: there is nothing left to dispute.");
        }
        String disputeId = "dp_sbx_" + UUID.randomUUID().toString().replace("-", "");
        int inserted = jdbc.sql("""
                        insert into sandbox_disputes (dispute_id, charge_id, amount_minor, currency, reason, status, opened_at)
                        values (:id, :charge, :amount, :currency, :reason, 'OPEN', :at)
                        on conflict (charge_id) do nothing
                        """)
                .param("id", disputeId)
                .param("charge", chargeId)
                .param("amount", charged.get().minor())
                .param("currency", charged.get().currency().getCurrencyCode())
                .param("reason", reason)
                .param("at", Timestamp.from(clock.instant()))
                .update();
        if (inserted == 0) {
            throw InvalidInput.of("chargeId", "This charge is already disputed.");
        }
        events.publishEvent(
                new GatewayEvents.DisputeOpened(gateway.name(), chargeId, disputeId, charged.get(), reason));
        return disputeId;
    }

    /** The bank decides an open dispute. */
    @Transactional
    public void closeDispute(String disputeId, boolean won) {
        requireActive();
        int changed = jdbc.sql("""
                        update sandbox_disputes set status = :status, closed_at = :at
                         where dispute_id = :id and status = 'OPEN'
                        """)
                .param("status", won ? "WON" : "LOST")
                .param("at", Timestamp.from(clock.instant()))
                .param("id", disputeId)
                .update();
        if (changed == 0) {
            throw InvalidInput.of("disputeId", "No open sandbox dispute has this id.");
        }
        events.publishEvent(new GatewayEvents.DisputeClosed(gateway.name(), disputeId, won));
    }

    private void requireActive() {
        if (!active()) {
            throw new IllegalStateException("the sandbox bank only works while the sandbox gateway is in use");
        }
    }
}
