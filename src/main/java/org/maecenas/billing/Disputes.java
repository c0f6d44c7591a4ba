package org.maecenas.billing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.maecenas.billing.internal.DisputeRepository;
import org.maecenas.billing.internal.DisputeRepository.StoredDispute;
import org.maecenas.billing.internal.InvoiceRepository;
import org.maecenas.ledger.JournalEntry;
import org.maecenas.ledger.Ledger;
import org.maecenas.ledger.LedgerAccounts;
import org.maecenas.ledger.Leg;
import org.maecenas.money.Money;
import org.maecenas.money.Split;
import org.maecenas.payments.GatewayEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Disputes (chargebacks). When a patron's bank disputes a payment the gateway withdraws its amount:
 * the ledger moves it from gateway clearing to "disputes pending", and holds each creator's share of
 * it (split over the payment's lines by largest remainder) from their balance, so it can't be paid
 * out. Won, the gateway returns the money and the hold is released; lost, the held earnings cover
 * it. Each step is applied once, whatever the gateway repeats.
 */
@Service
public class Disputes {

    private static final Logger log = LoggerFactory.getLogger(Disputes.class);

    private final DisputeRepository disputes;
    private final InvoiceRepository invoices;
    private final Ledger ledger;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Disputes(
            DisputeRepository disputes,
            InvoiceRepository invoices,
            Ledger ledger,
            ApplicationEventPublisher events,
            Clock clock) {
        this.disputes = disputes;
        this.invoices = invoices;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
    }

    /** A dispute as pages show it (for a creator, the amount is their share). */
    public record Dispute(
            long id,
            String disputeId,
            long invoiceId,
            String chargeId,
            Money amount,
            String reason,
            String status,
            Instant openedAt,
            Instant closedAt) {}

    @ApplicationModuleListener
    void on(GatewayEvents.DisputeOpened opened) {
        open(opened);
    }

    @ApplicationModuleListener
    void on(GatewayEvents.DisputeClosed closed) {
        close(closed);
    }

    /** Holds a disputed amount (once per dispute). */
    @Transactional
    public void open(GatewayEvents.DisputeOpened opened) {
        Optional<Long> attempt = disputes.attemptOfCharge(opened.gateway(), opened.chargeId());
        if (attempt.isEmpty()) {
            log.warn(
                    "Dispute {} at {} is about charge {}, which no payment of ours made",
                    opened.disputeId(),
                    opened.gateway(),
                    opened.chargeId());
            return;
        }
        Instant now = clock.instant();
        Money amount = opened.amount();
        Optional<Long> inserted = disputes.insert(
                opened.gateway(),
                opened.disputeId(),
                attempt.get(),
                amount.minor(),
                amount.currency().getCurrencyCode(),
                opened.reason(),
                now);
        if (inserted.isEmpty()) {
            return; // told before
        }
        long id = inserted.get();
        StoredDispute dispute = disputes.find(id).orElseThrow();
        Invoice invoice = invoices.find(dispute.invoiceId()).orElseThrow();
        List<Invoice.Line> lines = invoice.lines();
        long[] shares = Split.largestRemainder(
                amount.minor(),
                lines.stream().mapToLong(l -> l.amount().minor()).toArray());
        Map<Long, Long> byCampaign = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            byCampaign.merge(lines.get(i).campaignId(), shares[i], Long::sum);
        }
        byCampaign.forEach((campaign, share) -> disputes.share(id, campaign, share));
        List<Leg> legs = new ArrayList<>();
        legs.add(new Leg(LedgerAccounts.gatewayClearing(opened.gateway()), amount.negate()));
        legs.add(new Leg(LedgerAccounts.disputesPending(opened.gateway()), amount));
        byCampaign.forEach((campaign, share) -> {
            Money held = new Money(share, amount.currency());
            legs.add(new Leg(LedgerAccounts.creatorBalance(campaign), held));
            legs.add(new Leg(LedgerAccounts.creatorHeld(campaign), held.negate()));
        });
        ledger.post(new JournalEntry(
                "DISPUTE_HELD",
                "dispute-held-" + id,
                "Dispute " + opened.disputeId() + " over invoice " + invoice.id() + " (" + opened.reason() + ")",
                now,
                nonZero(legs)));
        events.publishEvent(new BillingEvents.DisputeOpened(
                id, invoice.id(), amount.minor(), amount.currency().getCurrencyCode(), now));
    }

    /** Releases or settles a held amount (once per dispute). */
    @Transactional
    public void close(GatewayEvents.DisputeClosed closed) {
        Optional<StoredDispute> found = disputes.lockByGatewayId(closed.gateway(), closed.disputeId());
        if (found.isEmpty()) {
            log.warn("Dispute {} at {} closed before we heard it opened", closed.disputeId(), closed.gateway());
            return;
        }
        StoredDispute dispute = found.get();
        if (!"OPEN".equals(dispute.status())) {
            return;
        }
        Instant now = clock.instant();
        disputes.close(dispute.id(), closed.won() ? "WON" : "LOST", now);
        Money amount = Money.of(dispute.amountMinor(), dispute.currency());
        List<Leg> legs = new ArrayList<>();
        if (closed.won()) {
            legs.add(new Leg(LedgerAccounts.gatewayClearing(dispute.gateway()), amount));
        }
        legs.add(new Leg(LedgerAccounts.disputesPending(dispute.gateway()), amount.negate()));
        disputes.shares(dispute.id()).forEach((campaign, share) -> {
            Money held = Money.of(share, dispute.currency());
            legs.add(new Leg(LedgerAccounts.creatorHeld(campaign), held));
            if (closed.won()) {
                legs.add(new Leg(LedgerAccounts.creatorBalance(campaign), held.negate()));
            }
        });
        ledger.post(new JournalEntry(
                closed.won() ? "DISPUTE_RELEASED" : "DISPUTE_LOST",
                "dispute-closed-" + dispute.id(),
                "Dispute " + dispute.disputeId() + (closed.won() ? " won: held amount released" : " lost"),
                now,
                nonZero(legs)));
        events.publishEvent(new BillingEvents.DisputeClosed(dispute.id(), dispute.invoiceId(), closed.won(), now));
    }

    /** Recent charges of this gateway nobody disputed yet (charge id → what it paid), newest first. */
    public List<Map.Entry<String, String>> undisputedCharges(String gateway, int limit) {
        return disputes.undisputedCharges(gateway, limit);
    }

    public List<Dispute> recent(int limit) {
        return disputes.recent(limit).stream().map(Disputes::view).toList();
    }

    public List<Dispute> ofCampaign(long campaignId, int limit) {
        return disputes.ofCampaign(campaignId, limit).stream()
                .map(Disputes::view)
                .toList();
    }

    private static List<Leg> nonZero(List<Leg> legs) {
        return legs.stream().filter(l -> l.amount().minor() != 0).toList();
    }

    private static Dispute view(StoredDispute d) {
        return new Dispute(
                d.id(),
                d.disputeId(),
                d.invoiceId(),
                d.chargeId() == null ? "" : d.chargeId(),
                Money.of(d.amountMinor(), d.currency()),
                d.reason(),
                d.status(),
                d.openedAt(),
                d.closedAt());
    }
}
