package org.maecenas.pledges;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.maecenas.campaigns.CampaignId;
import org.maecenas.campaigns.TierId;
import org.maecenas.money.Money;
import org.maecenas.pledges.PledgeProblems.PledgeNotFound;
import org.maecenas.pledges.internal.PledgeRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pledges and their lifecycle, each change kept in the append-only history. Money moves in the
 * billing module, which calls these inside its own transactions.
 */
@Service
public class Pledges {

    private final PledgeRepository pledges;
    private final Clock clock;

    Pledges(PledgeRepository pledges, Clock clock) {
        this.pledges = pledges;
        this.clock = clock;
    }

    public Optional<Pledge> find(long id) {
        return pledges.find(id);
    }

    /** A pledge of this patron's (another patron's is not found). */
    public Pledge mine(long patron, long id) {
        return pledges.find(id).filter(p -> p.patronUserId() == patron).orElseThrow(PledgeNotFound::new);
    }

    public Optional<Pledge> live(CampaignId campaign, long patron) {
        return pledges.live(campaign, patron);
    }

    public List<Pledge> ofPatron(long patron) {
        return pledges.ofPatron(patron);
    }

    public List<Pledge> ofCampaign(CampaignId campaign, int limit, int offset) {
        return pledges.ofCampaign(campaign, limit, offset);
    }

    /** A campaign's monthly and annual memberships renewing between two days (for the creator's estimate). */
    public List<Pledge> renewing(CampaignId campaign, LocalDate from, LocalDate to) {
        return pledges.renewing(campaign, from, to);
    }

    /** Monthly and annual memberships of a patron in a currency whose renewal is due by {@code date}. */
    public List<Pledge> renewalsDue(long patron, String currency, LocalDate date, Instant snapshot) {
        return pledges.renewalsDue(patron, currency, date, snapshot);
    }

    public long onTier(TierId tier) {
        return pledges.onTier(tier);
    }

    public List<String> history(long pledge) {
        return pledges.historyOf(pledge);
    }

    /** Records a new pledge (a follow of the same person is replaced by it). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Pledge start(Pledge pledge) {
        Instant now = clock.instant();
        pledges.live(pledge.campaignId(), pledge.patronUserId())
                .filter(existing -> existing.cadence() == Cadence.FREE)
                .ifPresent(
                        follow -> pledges.setStatus(follow.id(), Pledge.Status.ACTIVE, Pledge.Status.CANCELLED, now));
        long id = pledges.insert(pledge, now);
        pledges.history(
                id,
                now,
                "JOINED",
                pledge.amount(),
                pledge.monthlyCap(),
                pledge.tier(),
                pledge.cadence(),
                pledge.status() == Pledge.Status.INCOMPLETE ? "awaiting the first payment" : "");
        return pledges.find(id).orElseThrow();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Pledge lock(long id) {
        return pledges.lock(id).orElseThrow(PledgeNotFound::new);
    }

    /** The first payment went through: the membership is on. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void activate(long id, Instant paidThrough, @Nullable LocalDate nextChargeOn) {
        Instant now = clock.instant();
        Pledge pledge = lock(id);
        if (pledges.setStatus(id, Pledge.Status.INCOMPLETE, Pledge.Status.ACTIVE, now) == 1) {
            pledges.history(
                    id,
                    now,
                    "ACTIVATED",
                    pledge.amount(),
                    pledge.monthlyCap(),
                    pledge.tier(),
                    pledge.cadence(),
                    "first payment received");
        }
        pledges.paidThrough(id, paidThrough, nextChargeOn, now);
    }

    /** The first payment failed: the membership never started. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void fail(long id, String reason) {
        Instant now = clock.instant();
        Pledge pledge = lock(id);
        if (pledges.setStatus(id, Pledge.Status.INCOMPLETE, Pledge.Status.FAILED, now) == 1) {
            pledges.history(
                    id, now, "FAILED", pledge.amount(), pledge.monthlyCap(), pledge.tier(), pledge.cadence(), reason);
        }
    }

    /** A renewal or bill was paid: access runs to {@code paidThrough}; a declined membership recovers. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void paid(long id, @Nullable Instant paidThrough) {
        Instant now = clock.instant();
        Pledge pledge = lock(id);
        if (pledges.setStatus(id, Pledge.Status.DECLINED, Pledge.Status.ACTIVE, now) == 1) {
            pledges.history(
                    id,
                    now,
                    "RECOVERED",
                    pledge.amount(),
                    pledge.monthlyCap(),
                    pledge.tier(),
                    pledge.cadence(),
                    "payment received");
        }
        if (paidThrough != null) {
            pledges.paidThrough(id, paidThrough, null, now);
        }
    }

    /** A payment was declined: locked posts lock and no new charges accrue until it is paid. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void declined(long id, String reason) {
        Instant now = clock.instant();
        Pledge pledge = lock(id);
        if (pledges.setStatus(id, Pledge.Status.ACTIVE, Pledge.Status.DECLINED, now) == 1) {
            pledges.history(
                    id, now, "DECLINED", pledge.amount(), pledge.monthlyCap(), pledge.tier(), pledge.cadence(), reason);
        }
    }

    /** Moves the next renewal (after it has been invoiced), applying a downgrade that waited for it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void renewed(long id, LocalDate nextChargeOn) {
        Instant now = clock.instant();
        Pledge pledge = lock(id);
        pledges.advance(id, nextChargeOn, now);
        if (pledge.nextAmount() != null) {
            pledges.change(id, pledge.nextAmount(), pledge.nextTier(), pledge.monthlyCap(), now);
            pledges.history(
                    id,
                    now,
                    "DOWNGRADED",
                    pledge.nextAmount(),
                    pledge.monthlyCap(),
                    pledge.nextTier(),
                    pledge.cadence(),
                    "from the new cycle");
        }
    }

    /**
     * The monthly and annual memberships due by {@code date} of many patrons at once (patron and
     * currency pairs by index), locked for their renewal, in id order.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Pledge> lockRenewalsDue(Long[] patrons, String[] currencies, LocalDate date, Instant snapshot) {
        return pledges.lockRenewalsDue(patrons, currencies, date, snapshot);
    }

    /** {@link #renewed} for many memberships in one statement: membership id → next renewal. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void renewedAll(java.util.Map<Long, LocalDate> nextChargeOn) {
        if (nextChargeOn.isEmpty()) {
            return;
        }
        pledges.advanceAll(
                nextChargeOn.keySet().toArray(Long[]::new),
                nextChargeOn.values().stream().map(LocalDate::toString).toArray(String[]::new),
                clock.instant());
    }

    /**
     * {@link #paid} for many memberships: declined ones recover; those with a date are paid through
     * it (membership id → paid through, or null).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void paidAll(java.util.Map<Long, @Nullable Instant> paidThrough) {
        if (paidThrough.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Long[] ids = paidThrough.keySet().stream().sorted().toArray(Long[]::new);
        pledges.recoverAll(ids, "payment received", now);
        Long[] through = java.util.Arrays.stream(ids)
                .filter(id -> paidThrough.get(id) != null)
                .toArray(Long[]::new);
        if (through.length > 0) {
            pledges.paidThroughAll(
                    through,
                    java.util.Arrays.stream(through)
                            .map(id -> paidThrough.get(id).toString())
                            .toArray(String[]::new),
                    now);
        }
    }

    /** {@link #declined} for many memberships: membership id → the reason. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void declinedAll(java.util.Map<Long, String> reasons) {
        if (reasons.isEmpty()) {
            return;
        }
        Long[] ids = reasons.keySet().stream().sorted().toArray(Long[]::new);
        pledges.setStatusAll(
                ids,
                java.util.Arrays.stream(ids).map(reasons::get).toArray(String[]::new),
                Pledge.Status.ACTIVE,
                Pledge.Status.DECLINED,
                "DECLINED",
                clock.instant());
    }

    /** Changes amount, tier or cap now (upgrades after paying the difference, per-creation edits). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void change(long id, Money amount, @Nullable TierId tier, @Nullable Integer cap, String action) {
        Instant now = clock.instant();
        Pledge pledge = lock(id);
        pledges.change(id, amount, tier, cap, now);
        pledges.history(id, now, action, amount, cap, tier, pledge.cadence(), "");
    }

    /** A lower amount from the next cycle on. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void scheduleDowngrade(long id, Money amount, @Nullable TierId tier) {
        Instant now = clock.instant();
        Pledge pledge = lock(id);
        pledges.scheduleChange(id, amount, tier, now);
        pledges.history(
                id,
                now,
                "DOWNGRADE_SCHEDULED",
                amount,
                pledge.monthlyCap(),
                tier,
                pledge.cadence(),
                "from " + pledge.nextChargeOn());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void cancel(long id, String note) {
        Instant now = clock.instant();
        Pledge pledge = lock(id);
        Pledge.Status from = pledge.status();
        if (from == Pledge.Status.ACTIVE || from == Pledge.Status.DECLINED) {
            pledges.setStatus(id, from, Pledge.Status.CANCELLED, now);
            pledges.history(
                    id, now, "CANCELLED", pledge.amount(), pledge.monthlyCap(), pledge.tier(), pledge.cadence(), note);
        }
    }

    /** Every paid membership of the patron uses this card from now on. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void useCard(long patron, long paymentMethod) {
        pledges.setPaymentMethod(patron, paymentMethod, clock.instant());
    }
}
