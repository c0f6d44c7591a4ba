package org.maecenas.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.maecenas.accounts.UserId;
import org.maecenas.billing.internal.AccrualRepository;
import org.maecenas.billing.internal.InvoiceRepository;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Tier;
import org.maecenas.campaigns.TierId;
import org.maecenas.campaigns.Tiers;
import org.maecenas.money.Money;
import org.maecenas.payments.ChargeResult.Outcome;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.PaymentMethods;
import org.maecenas.pledges.Cadence;
import org.maecenas.pledges.Pledge;
import org.maecenas.pledges.PledgeProblems.AlreadyAMember;
import org.maecenas.pledges.PledgeProblems.TierFull;
import org.maecenas.pledges.Pledges;
import org.maecenas.web.DomainProblem;
import org.maecenas.web.InvalidInput;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Joining, changing and cancelling a paid membership, with the money each step moves: monthly and
 * annual memberships pay at join (no membership if the card declines), upgrades pay the difference
 * now, downgrades wait for the next cycle, and cancelling a per-creation pledge bills its pending
 * accruals at once.
 */
@Service
public class Checkout {

    private final Pledges pledges;
    private final Tiers tiers;
    private final PaymentMethods methods;
    private final InvoiceRepository invoices;
    private final AccrualRepository accruals;
    private final Collections collections;
    private final Settlement settlement;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final BillingProperties properties;
    private final Clock clock;

    Checkout(
            Pledges pledges,
            Tiers tiers,
            PaymentMethods methods,
            InvoiceRepository invoices,
            AccrualRepository accruals,
            Collections collections,
            Settlement settlement,
            TransactionTemplate transactions,
            JdbcClient jdbc,
            BillingProperties properties,
            Clock clock) {
        this.pledges = pledges;
        this.tiers = tiers;
        this.methods = methods;
        this.invoices = invoices;
        this.accruals = accruals;
        this.collections = collections;
        this.settlement = settlement;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** What a patron asks for on the join page. */
    public record JoinRequest(
            @Nullable TierId tier,
            String amount,
            Cadence cadence,
            @Nullable Integer monthlyCap,
            @Nullable Long paymentMethodId) {}

    /** How a join or change ended: the pledge, whether money moved, and what to tell the patron. */
    public record Outcome2(
            @Nullable Pledge pledge,
            boolean ok,
            boolean pending,
            String message,
            @Nullable String next) {

        public Outcome2(@Nullable Pledge pledge, boolean ok, boolean pending, String message) {
            this(pledge, ok, pending, message, null);
        }
    }

    /**
     * What a join will charge and when, worked out before anything is charged: the confirmation
     * page states it.
     *
     * @param amount per creation, per month, or per year's month (annual)
     * @param dueNow charged at once (nothing for per creation: paid creations are billed on the 1st)
     * @param nextChargeOn the next charge: the renewal, or for per creation the next 1st
     * @param nextCharge what the next charge will be; for per creation the most it can be (null without a cap)
     */
    public record Quote(
            Money amount,
            @Nullable Tier tier,
            Cadence cadence,
            @Nullable Integer monthlyCap,
            PaymentMethod method,
            Money dueNow,
            LocalDate nextChargeOn,
            @Nullable Money nextCharge) {}

    /** Checks a join as {@link #join} would, and says what it will charge; charges nothing. */
    public Quote quote(UserId patron, Campaign campaign, JoinRequest request) {
        Validated valid = validate(patron, campaign, request);
        LocalDate today = new BillingCalendar(properties.timeZone()).today(clock.instant());
        if (valid.cadence() == Cadence.PER_CREATION) {
            Integer cap = request.monthlyCap();
            return new Quote(
                    valid.amount(),
                    valid.tier(),
                    Cadence.PER_CREATION,
                    cap,
                    valid.method(),
                    Money.zero(campaign.currency()),
                    BillingCalendar.monthStart(today).plusMonths(1),
                    cap == null ? null : valid.amount().times(cap));
        }
        int months = valid.cadence() == Cadence.ANNUAL ? 12 : 1;
        Money price = valid.cadence() == Cadence.ANNUAL
                ? new Money(annualPrice(valid.amount().minor(), campaign.annualDiscountPercent()), campaign.currency())
                : valid.amount();
        return new Quote(
                valid.amount(),
                valid.tier(),
                valid.cadence(),
                null,
                valid.method(),
                price,
                BillingCalendar.anniversary(today, today.getDayOfMonth(), months),
                price);
    }

    /** The price of a year up front: twelve months less the creator's discount, rounded down. */
    public static long annualPrice(long monthlyMinor, int discountPercent) {
        return Math.floorDiv(Math.multiplyExact(monthlyMinor, 12L) * (100 - discountPercent), 100);
    }

    public Outcome2 join(UserId patron, Campaign campaign, JoinRequest request) {
        Validated valid = validate(patron, campaign, request);
        LocalDate today = new BillingCalendar(properties.timeZone()).today(clock.instant());
        if (valid.cadence() == Cadence.PER_CREATION) {
            Pledge pledge = inTransaction(() -> {
                lockTier(valid.tier());
                return pledges.start(new Pledge(
                        0,
                        campaign.id(),
                        patron.value(),
                        tierId(valid.tier()),
                        valid.amount(),
                        Cadence.PER_CREATION,
                        Pledge.Status.ACTIVE,
                        request.monthlyCap(),
                        null,
                        null,
                        null,
                        null,
                        valid.method().id(),
                        null,
                        clock.instant(),
                        null));
            });
            return new Outcome2(
                    pledge,
                    true,
                    false,
                    "You’re a patron of " + campaign.name() + ". You pay "
                            + valid.amount().display() + " per " + campaign.creationNoun()
                            + (request.monthlyCap() == null ? "" : ", at most " + request.monthlyCap() + " a month")
                            + ", billed on the 1st of each month.");
        }
        int months = valid.cadence() == Cadence.ANNUAL ? 12 : 1;
        LocalDate end = BillingCalendar.anniversary(today, today.getDayOfMonth(), months);
        long price = valid.cadence() == Cadence.ANNUAL
                ? annualPrice(valid.amount().minor(), campaign.annualDiscountPercent())
                : valid.amount().minor();
        long[] started = inTransaction(() -> {
            lockTier(valid.tier());
            Pledge pledge = pledges.start(new Pledge(
                    0,
                    campaign.id(),
                    patron.value(),
                    tierId(valid.tier()),
                    valid.amount(),
                    valid.cadence(),
                    Pledge.Status.INCOMPLETE,
                    null,
                    today.getDayOfMonth(),
                    end,
                    null,
                    null,
                    valid.method().id(),
                    null,
                    clock.instant(),
                    null));
            long invoice = invoices.insert(
                            "inv-join-" + pledge.id(),
                            patron.value(),
                            valid.amount().currency().getCurrencyCode(),
                            today,
                            "JOIN",
                            price,
                            valid.method().id(),
                            null,
                            clock.instant())
                    .orElseThrow();
            invoices.insertLine(
                    invoice,
                    campaign.id().value(),
                    pledge.id(),
                    "PERIOD",
                    price,
                    today,
                    end,
                    (months == 12 ? "Membership, a year from " : "Membership, a month from ") + today,
                    settlement.platformFee(campaign.id().value(), price));
            return new long[] {pledge.id(), invoice};
        });
        Collections.Result result = collections.collect(started[1]);
        Pledge pledge = pledges.find(started[0]).orElseThrow();
        return switch (result.outcome()) {
            case SUCCEEDED ->
                new Outcome2(
                        pledge,
                        true,
                        false,
                        "Paid " + new Money(price, valid.amount().currency()).display() + ". You’re a patron of "
                                + campaign.name() + " until " + end + ", renewing then.");
            case UNKNOWN ->
                new Outcome2(
                        pledge,
                        false,
                        true,
                        "We’re waiting for your bank to confirm the payment. Your membership starts as soon as it does.");
            case REQUIRES_ACTION ->
                new Outcome2(
                        pledge,
                        false,
                        true,
                        "Your bank asks you to confirm this payment. Your membership starts as soon as you do.",
                        authenticationPath(started[1]));
            default ->
                new Outcome2(
                        null, false, false, "Your card was not charged and you have not joined: " + result.message());
        };
    }

    /** Changes amount, tier or cap. Upgrades of monthly and annual memberships pay the difference now. */
    public Outcome2 change(
            UserId patron,
            long pledgeId,
            @Nullable TierId tierId,
            String amountText,
            @Nullable Integer cap,
            Campaign campaign) {
        Pledge pledge = pledges.mine(patron.value(), pledgeId);
        if (pledge.status() != Pledge.Status.ACTIVE) {
            throw InvalidInput.of(
                    "amount", "Only an active membership can change. Update your card if a payment failed.");
        }
        Tier tier = tierId == null ? null : tiers.require(campaign.id(), tierId);
        Money amount = amountOf(amountText, tier, campaign);
        if (pledge.cadence() == Cadence.PER_CREATION) {
            checkCap(cap);
            inTransaction(() -> {
                pledges.change(pledge.id(), amount, tierId, cap, "CHANGED");
                return null;
            });
            return new Outcome2(
                    pledges.find(pledgeId).orElseThrow(),
                    true,
                    false,
                    "From your next paid " + campaign.creationNoun() + " on you pay " + amount.display()
                            + (cap == null ? "" : ", at most " + cap + " a month") + ".");
        }
        if (!amount.isLessThan(pledge.amount())
                && amount.minor() == pledge.amount().minor()) {
            inTransaction(() -> {
                pledges.change(pledge.id(), amount, tierId, null, "CHANGED");
                return null;
            });
            return new Outcome2(pledges.find(pledgeId).orElseThrow(), true, false, "Saved.");
        }
        if (amount.isLessThan(pledge.amount())) {
            inTransaction(() -> {
                pledges.scheduleDowngrade(pledge.id(), amount, tierId);
                return null;
            });
            return new Outcome2(
                    pledges.find(pledgeId).orElseThrow(),
                    true,
                    false,
                    "From " + pledge.nextChargeOn() + " you pay " + amount.display() + ". Until then nothing changes.");
        }
        long difference = amount.minus(pledge.amount()).minor();
        long price = pledge.cadence() == Cadence.ANNUAL
                ? annualPrice(difference, campaign.annualDiscountPercent())
                : difference;
        LocalDate today = new BillingCalendar(properties.timeZone()).today(clock.instant());
        Long invoice = inTransaction(() -> {
            if (tier != null && !tier.id().equals(pledge.tier())) {
                lockTier(tier); // a patron's own place on a limited tier is theirs already
            }
            Pledge locked = pledges.lock(pledge.id());
            if (locked.amount().minor() == amount.minor()) {
                return null; // a double submit whose first went through meanwhile
            }
            if (locked.amount().minor() != pledge.amount().minor() || locked.status() != Pledge.Status.ACTIVE) {
                throw InvalidInput.of("amount", "Your membership changed meanwhile. Check it and try again.");
            }
            // the key names the pledge as it is now: a double-submitted upgrade finds the first one's
            // invoice instead of paying the difference twice; after a change or a declined try it is new
            String key = "inv-upgrade-" + pledge.id() + "-v"
                    + pledges.history(pledge.id()).size() + "-" + amount.minor() + "-"
                    + invoices.voidedUpgrades(pledge.id());
            java.util.Optional<Invoice> earlier = invoices.findByKey(key);
            if (earlier.isPresent()) {
                // looked up, not inserted against: an insert would wait for the first one's payment,
                // which waits for this pledge's lock
                return earlier.get().id();
            }
            java.util.Optional<Long> created = invoices.insert(
                    key,
                    patron.value(),
                    amount.currency().getCurrencyCode(),
                    today,
                    "UPGRADE",
                    price,
                    pledge.paymentMethodId(),
                    null,
                    clock.instant());
            if (created.isEmpty()) {
                return invoices.findByKey(key).orElseThrow().id();
            }
            long id = created.get();
            long line = invoices.insertLine(
                    id,
                    campaign.id().value(),
                    pledge.id(),
                    "UPGRADE",
                    price,
                    null,
                    null,
                    "Upgrade to " + amount.display() + " for the current period",
                    settlement.platformFee(campaign.id().value(), price));
            // applied when paid, here or by the janitor if the gateway's answer comes later
            invoices.setUpgradeTarget(line, amount.minor(), tierId == null ? null : tierId.value());
            return id;
        });
        if (invoice == null) {
            return new Outcome2(pledges.find(pledgeId).orElseThrow(), true, false, "Saved.");
        }
        Collections.Result result = collections.collect(invoice);
        if (result.paid()) {
            inTransaction(() -> {
                if (pledges.lock(pledge.id()).amount().minor() != amount.minor()) {
                    pledges.change(pledge.id(), amount, tierId, null, "UPGRADED");
                }
                return null;
            });
            return new Outcome2(
                    pledges.find(pledgeId).orElseThrow(),
                    true,
                    false,
                    "Paid the difference of " + new Money(price, amount.currency()).display()
                            + ". Your new membership starts now.");
        }
        if (result.outcome() == Outcome.REQUIRES_ACTION) {
            return new Outcome2(
                    pledge,
                    false,
                    true,
                    "Your bank asks you to confirm the payment for the upgrade. It applies as soon as you do.",
                    authenticationPath(invoice));
        }
        return new Outcome2(
                pledge,
                false,
                result.outcome() == Outcome.UNKNOWN,
                "Your membership did not change: " + result.message());
    }

    /**
     * Cancels. A per-creation pledge's pending accruals are billed now; a monthly or annual
     * membership keeps its access until the paid period ends.
     */
    public Outcome2 cancel(UserId patron, long pledgeId) {
        Pledge pledge = pledges.mine(patron.value(), pledgeId);
        if (pledge.status() == Pledge.Status.CANCELLED || pledge.status() == Pledge.Status.FAILED) {
            return new Outcome2(pledge, true, false, "This membership had already ended.");
        }
        LocalDate today = new BillingCalendar(properties.timeZone()).today(clock.instant());
        Long invoice = inTransaction(() -> {
            pledges.cancel(pledge.id(), "cancelled by the patron");
            if (pledge.cadence() != Cadence.PER_CREATION) {
                return null;
            }
            List<AccrualRepository.Due> due = accruals.pendingOf(pledge.id());
            if (due.isEmpty()) {
                return null;
            }
            long total =
                    due.stream().mapToLong(AccrualRepository.Due::totalMinor).sum();
            long id = invoices.insert(
                            "inv-cancel-" + pledge.id(),
                            patron.value(),
                            pledge.amount().currency().getCurrencyCode(),
                            today,
                            "CANCEL",
                            total,
                            pledge.paymentMethodId(),
                            null,
                            clock.instant())
                    .orElseThrow();
            for (AccrualRepository.Due item : due) {
                long line = invoices.insertLine(
                        id,
                        item.campaignId(),
                        item.membershipId(),
                        "CREATIONS",
                        item.totalMinor(),
                        null,
                        null,
                        item.count() + " paid creations before cancelling",
                        settlement.platformFee(item.campaignId(), item.totalMinor()));
                if (accruals.invoice(item.membershipId(), item.postIds(), line) != item.postIds().length) {
                    throw new IllegalStateException("accruals changed while cancelling");
                }
            }
            return id;
        });
        if (invoice != null) {
            Collections.Result result = collections.collect(invoice);
            return new Outcome2(
                    pledges.find(pledgeId).orElseThrow(),
                    true,
                    false,
                    "Cancelled. Your pending charges ("
                            + invoices.find(invoice).orElseThrow().total().display() + ") were billed now"
                            + (result.paid() ? "." : ": " + result.message()));
        }
        return new Outcome2(
                pledges.find(pledgeId).orElseThrow(),
                true,
                false,
                pledge.cadence() == Cadence.PER_CREATION
                        ? "Cancelled. Nothing was pending, so nothing more will be billed."
                        : "Cancelled. You keep access until " + pledge.paidThrough()
                                + "; nothing more will be billed.");
    }

    /** Where a patron confirms a payment their bank asked them to confirm. */
    public static String authenticationPath(long invoiceId) {
        return "/settings/billing/invoices/" + invoiceId + "/authenticate";
    }

    private record Validated(Money amount, @Nullable Tier tier, Cadence cadence, PaymentMethod method) {}

    private Validated validate(UserId patron, Campaign campaign, JoinRequest request) {
        if (campaign.ownedBy(patron.value())) {
            throw InvalidInput.of("amount", "This is your own page.");
        }
        pledges.live(campaign.id(), patron.value()).filter(Pledge::paid).ifPresent(existing -> {
            throw new AlreadyAMember();
        });
        Tier tier = request.tier() == null ? null : tiers.require(campaign.id(), request.tier());
        if (tier != null && !tier.published()) {
            throw InvalidInput.of("tier", "Choose one of the tiers on the page.");
        }
        InvalidInput.Collector problems = new InvalidInput.Collector();
        Money amount = null;
        try {
            amount = amountOf(request.amount(), tier, campaign);
        } catch (InvalidInput invalid) {
            invalid.fields().forEach(problems::add);
        }
        Cadence cadence = request.cadence();
        if (campaign.billingModel() == BillingModel.PER_CREATION) {
            cadence = Cadence.PER_CREATION;
            if (request.monthlyCap() != null && request.monthlyCap() < 1) {
                problems.add("monthlyCap", "A cap must be at least 1 paid creation a month, or empty for none.");
            }
        } else if (cadence != Cadence.MONTHLY && cadence != Cadence.ANNUAL) {
            problems.add("cadence", "Choose monthly or yearly.");
        }
        PaymentMethod method = null;
        if (request.paymentMethodId() == null) {
            problems.add("paymentMethod", "Add a card to pay with.");
        } else {
            try {
                method = methods.require(patron.value(), request.paymentMethodId());
            } catch (DomainProblem notMine) {
                problems.add("paymentMethod", "Choose one of your cards.");
            }
        }
        problems.throwIfAny();
        if (tier != null && tier.patronLimit() != null && pledges.onTier(tier.id()) >= tier.patronLimit()) {
            throw new TierFull();
        }
        return new Validated(amount, tier, cadence, method);
    }

    private Money amountOf(String text, @Nullable Tier tier, Campaign campaign) {
        Money amount = Money.parse(text, campaign.currency())
                .orElseThrow(() -> InvalidInput.of("amount", "Enter an amount like 5 or 5.00."));
        Money minimum = new Money(Money.oneUnit(campaign.currency()), campaign.currency());
        if (amount.isLessThan(minimum)) {
            throw InvalidInput.of("amount", "The least you can pledge is " + minimum.display() + ".");
        }
        if (tier != null && amount.isLessThan(tier.amount())) {
            throw InvalidInput.of(
                    "amount", tier.title() + " starts at " + tier.amount().display() + ".");
        }
        if (amount.minor() > 1_000_000 * minimum.minor()) {
            throw InvalidInput.of("amount", "That amount is too large.");
        }
        return amount;
    }

    private static void checkCap(@Nullable Integer cap) {
        if (cap != null && cap < 1) {
            throw InvalidInput.of("monthlyCap", "A cap must be at least 1 paid creation a month, or empty for none.");
        }
    }

    /** Serialises joins of a limited tier, so its limit holds under concurrent joins. */
    private void lockTier(@Nullable Tier tier) {
        if (tier == null || tier.patronLimit() == null) {
            return;
        }
        jdbc.sql("select pg_advisory_xact_lock(7002, cast(:tier as int))")
                .param("tier", tier.id().value())
                .query()
                .singleRow();
        if (pledges.onTier(tier.id()) >= tier.patronLimit()) {
            throw new TierFull();
        }
    }

    private static @Nullable TierId tierId(@Nullable Tier tier) {
        return tier == null ? null : tier.id();
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        try {
            return transactions.execute(tx -> work.get());
        } catch (DuplicateKeyException twice) {
            // a double-submitted form or a second join: one membership only
            throw new AlreadyAMember();
        }
    }

    Instant now() {
        return clock.instant();
    }
}
