package org.maecenas.payouts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.maecenas.ledger.JournalEntry;
import org.maecenas.ledger.Ledger;
import org.maecenas.ledger.LedgerAccounts;
import org.maecenas.ledger.LedgerReports;
import org.maecenas.ledger.Leg;
import org.maecenas.money.Money;
import org.maecenas.payouts.PayoutProblems.NoPayoutMethod;
import org.maecenas.payouts.PayoutProblems.PayoutNotFound;
import org.maecenas.payouts.internal.PayoutRepository;
import org.maecenas.payouts.internal.PayoutSecrets;
import org.maecenas.web.InvalidInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Paying creators what they earned. A payout takes the amount from the creator's balance at once
 * (into "payouts in transit"); when the money arrives it leaves the platform, and a failed payout
 * returns it to the balance. Earnings are available once older than the holding period.
 */
@Service
public class Payouts {

    private static final Logger log = LoggerFactory.getLogger(Payouts.class);

    private final PayoutRepository payouts;
    private final PayoutSecrets secrets;
    private final PayoutGateway gateway;
    private final Ledger ledger;
    private final LedgerReports reports;
    private final PayoutsProperties properties;
    private final TransactionTemplate transactions;
    private final PayoutCrashPoints crashes;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Payouts(
            PayoutRepository payouts,
            PayoutSecrets secrets,
            PayoutGateway gateway,
            Ledger ledger,
            LedgerReports reports,
            PayoutsProperties properties,
            TransactionTemplate transactions,
            PayoutCrashPoints crashes,
            ApplicationEventPublisher events,
            Clock clock) {
        this.payouts = payouts;
        this.secrets = secrets;
        this.gateway = gateway;
        this.ledger = ledger;
        this.reports = reports;
        this.properties = properties;
        this.transactions = transactions;
        this.crashes = crashes;
        this.events = events;
        this.clock = clock;
    }

    /** A Stripe Connect account: {@code acct_} and letters or digits. */
    @Transactional
    public PayoutMethod useStripeConnect(long campaignId, String account, boolean automatic) {
        String id = account == null ? "" : account.strip();
        if (!id.matches("acct_[A-Za-z0-9]{6,64}")) {
            throw InvalidInput.of("connectAccount", "A Stripe Connect account id looks like acct_1A2b3C4d5E6f.");
        }
        payouts.saveMethod(campaignId, "STRIPE_CONNECT", id, null, null, automatic, clock.instant());
        return method(campaignId).orElseThrow();
    }

    /** A bank account for manual transfers: an IBAN, or an account number with its routing/sort code. */
    @Transactional
    public PayoutMethod useBankAccount(
            long campaignId, String holder, String iban, String accountNumber, String routingCode, boolean automatic) {
        String name = holder == null ? "" : holder.strip();
        String cleanIban = Iban.normalise(iban);
        String account = accountNumber == null ? "" : accountNumber.replaceAll("[\\s-]", "");
        String routing = routingCode == null ? "" : routingCode.replaceAll("[\\s-]", "");
        InvalidInput.Collector problems = new InvalidInput.Collector();
        problems.check(!name.isEmpty() && name.length() <= 140, "holder", "Enter the account holder’s name.");
        String summary;
        String details;
        if (!cleanIban.isEmpty()) {
            problems.check(
                    Iban.valid(cleanIban), "iban", "This IBAN is not valid. Check it against your bank statement.");
            summary = cleanIban.substring(0, Math.min(2, cleanIban.length())) + " …" + last4(cleanIban);
            details = "holder=" + name + "\niban=" + cleanIban;
        } else {
            problems.check(
                    account.matches("\\d{4,17}"),
                    "accountNumber",
                    "Enter an IBAN, or an account number of 4 to 17 digits.");
            problems.check(
                    routing.matches("\\d{6,9}"), "routingCode", "Enter the routing or sort code (6 to 9 digits).");
            summary = "…" + last4(account);
            details = "holder=" + name + "\naccount=" + account + "\nrouting=" + routing;
        }
        problems.throwIfAny();
        payouts.saveMethod(campaignId, "MANUAL", null, secrets.encrypt(details), summary, automatic, clock.instant());
        return method(campaignId).orElseThrow();
    }

    public Optional<PayoutMethod> method(long campaignId) {
        return payouts.method(campaignId);
    }

    /** The creator's current bank details in clear (never shown to the creator). */
    public Optional<String> bankDetails(long campaignId) {
        return payouts.bankDetails(campaignId).map(stored -> secrets.decrypt(stored));
    }

    /** In clear, the bank details a manual payout is to be sent to: for the operator's export only. */
    public Optional<String> bankDetails(Payout payout) {
        return payouts.payoutBankDetails(payout.id()).map(stored -> secrets.decrypt(stored));
    }

    /** What may be paid out now, per currency. */
    public Map<String, Long> available(long campaignId) {
        return reports.available(campaignId, clock.instant().minus(properties.holdingPeriod()));
    }

    /** What the creator is owed per currency, available or not (positive; may be negative after refunds). */
    public Map<String, Long> balance(long campaignId) {
        return ledger.creatorBalance(campaignId);
    }

    /** How many days after settlement earnings become available. */
    public long holdingDays() {
        return properties.holdingPeriod().toDays();
    }

    public Money minimum(Currency currency) {
        return new Money(Money.oneUnit(currency) * properties.minimumUnits(), currency);
    }

    /** Asks for a payout of {@code amountText} (all that is available when blank). */
    public Payout request(long campaignId, String currencyCode, @Nullable String amountText) {
        return request(campaignId, currencyCode, amountText, null);
    }

    /**
     * Asks for a payout once per {@code formToken}: the token the payout form carries makes a
     * double-submitted form (or a resent request) answer with the payout the first one made.
     */
    public Payout request(
            long campaignId, String currencyCode, @Nullable String amountText, @Nullable String formToken) {
        Currency currency = currency(currencyCode);
        boolean tokened = formToken != null && formToken.matches("[A-Za-z0-9-]{16,64}");
        Payout payout = transactions.execute(tx -> {
            payouts.lock(campaignId);
            String key = tokened
                    ? "payout-form-" + campaignId + "-" + formToken
                    : "payout-" + campaignId + "-" + (payouts.count(campaignId) + 1);
            Optional<Payout> earlier = tokened ? payouts.findByKey(key) : Optional.empty();
            return earlier.isPresent() ? null : place(campaignId, currency, amountText, key);
        });
        if (payout == null) {
            return payouts.findByKey("payout-form-" + campaignId + "-" + formToken)
                    .orElseThrow();
        }
        crashes.at("payout:request-committed");
        return sendIfConnect(payout);
    }

    /** Runs the automatic payouts when today (UTC) is the configured day; returns how many were made. */
    public int payAutomaticIfDue() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return isAutomaticDay(today, properties.automaticDay()) ? payAutomatic() : 0;
    }

    /** The configured day, or the month's last day in a month too short for it (31 → 30 April). */
    static boolean isAutomaticDay(LocalDate date, int configuredDay) {
        return date.getDayOfMonth() == Math.min(configuredDay, date.lengthOfMonth());
    }

    /**
     * Pays every automatic creator what is available, at most once a month per currency: the
     * month is in the payout's idempotency key, so a second run that month (a re-run task, earnings
     * that matured since the morning) pays nothing.
     */
    public int payAutomatic() {
        YearMonth month = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        int requested = 0;
        for (long campaign : payouts.automatic()) {
            for (Map.Entry<String, Long> balance : available(campaign).entrySet()) {
                Currency currency = Currency.getInstance(balance.getKey());
                if (balance.getValue() >= minimum(currency).minor()) {
                    try {
                        requested += requestAutomatic(campaign, currency, month) ? 1 : 0;
                    } catch (RuntimeException e) {
                        log.warn(
                                "Automatic payout for campaign {} in {} failed: {}",
                                campaign,
                                currency,
                                e.getMessage());
                    }
                }
            }
        }
        return requested;
    }

    private boolean requestAutomatic(long campaignId, Currency currency, YearMonth month) {
        String key = "payout-auto-" + campaignId + "-" + currency.getCurrencyCode() + "-" + month;
        Payout payout = transactions.execute(tx -> {
            payouts.lock(campaignId);
            return payouts.exists(key) ? null : place(campaignId, currency, null, key);
        });
        if (payout == null) {
            return false;
        }
        sendIfConnect(payout);
        return true;
    }

    /** Takes the amount from the balance into transit (in the caller's transaction, under the lock). */
    private Payout place(long campaignId, Currency currency, @Nullable String amountText, String key) {
        PayoutMethod method = payouts.method(campaignId).orElseThrow(NoPayoutMethod::new);
        long available = available(campaignId).getOrDefault(currency.getCurrencyCode(), 0L);
        Money amount = amountText == null || amountText.isBlank()
                ? new Money(available, currency)
                : Money.parse(amountText, currency)
                        .orElseThrow(() -> InvalidInput.of("amount", "Enter an amount like 50 or 50.00."));
        Money minimum = minimum(currency);
        if (amount.isLessThan(minimum)) {
            throw InvalidInput.of("amount", "The smallest payout is " + minimum.display() + ".");
        }
        if (amount.minor() > available) {
            throw InvalidInput.of(
                    "amount",
                    "You can be paid at most " + new Money(available, currency).display()
                            + " now; newer earnings become available after "
                            + holdingDays()
                            + " days.");
        }
        Instant now = clock.instant();
        long id = payouts.insert(key, campaignId, amount, method.kind(), method.destination(), now);
        ledger.post(new JournalEntry(
                "PAYOUT",
                key,
                "Payout " + id + " requested",
                now,
                List.of(
                        new Leg(LedgerAccounts.creatorBalance(campaignId), amount),
                        new Leg(LedgerAccounts.PAYOUTS_IN_TRANSIT, negate(amount)))));
        crashes.at("payout:request-written");
        return payouts.find(id).orElseThrow();
    }

    private Payout sendIfConnect(Payout payout) {
        if ("STRIPE_CONNECT".equals(payout.methodKind())) {
            send(payout);
        }
        return payouts.find(payout.id()).orElseThrow();
    }

    /**
     * The operator transferred a manual payout (or Stripe confirmed one): the money has left. True
     * when this call marked it; a payout already paid or failed is left as it is.
     */
    @Transactional
    public boolean markPaid(long payoutId, @Nullable String reference) {
        Payout payout = payouts.find(payoutId).orElseThrow(PayoutNotFound::new);
        Instant now = clock.instant();
        String from = "MANUAL".equals(payout.methodKind()) ? "REQUESTED" : "SENT";
        if (payouts.mark(payoutId, from, "PAID", reference, null, now) != 1) {
            return false;
        }
        ledger.post(new JournalEntry(
                "PAYOUT_PAID",
                "payout-paid-" + payoutId,
                "Payout " + payoutId + " paid",
                now,
                List.of(
                        new Leg(LedgerAccounts.PAYOUTS_IN_TRANSIT, payout.amount()),
                        new Leg(
                                LedgerAccounts.payoutsSent(payout.methodKind().toLowerCase(Locale.ROOT)),
                                negate(payout.amount())))));
        crashes.at("payout:paid-written");
        events.publishEvent(new PayoutEvents.PayoutPaid(
                payoutId,
                payout.campaignId(),
                payout.amount().minor(),
                payout.amount().currency().getCurrencyCode(),
                payout.destination(),
                now));
        return true;
    }

    /**
     * A payout on its way failed: the money returns to the creator's balance. True when this call
     * marked it; a payout already paid (the money has left) or failed is left as it is.
     */
    @Transactional
    public boolean markFailed(long payoutId, String reason) {
        Payout payout = payouts.find(payoutId).orElseThrow(PayoutNotFound::new);
        if (!"REQUESTED".equals(payout.status()) && !"SENT".equals(payout.status())) {
            return false;
        }
        Instant now = clock.instant();
        // the status in the WHERE clause makes a concurrent markPaid or markFailed lose the race
        if (payouts.mark(payoutId, payout.status(), "FAILED", null, reason, now) != 1) {
            return false;
        }
        ledger.post(new JournalEntry(
                "PAYOUT_FAILED",
                "payout-failed-" + payoutId,
                "Payout " + payoutId + " failed: " + reason,
                now,
                List.of(
                        new Leg(LedgerAccounts.PAYOUTS_IN_TRANSIT, payout.amount()),
                        new Leg(LedgerAccounts.creatorBalance(payout.campaignId()), negate(payout.amount())))));
        crashes.at("payout:failed-written");
        events.publishEvent(new PayoutEvents.PayoutFailed(
                payoutId,
                payout.campaignId(),
                payout.amount().minor(),
                payout.amount().currency().getCurrencyCode(),
                payout.destination(),
                reason,
                now));
        return true;
    }

    public Optional<Payout> findByExternal(String externalId) {
        return payouts.findByExternal(externalId);
    }

    public Payout require(long id) {
        return payouts.find(id).orElseThrow(PayoutNotFound::new);
    }

    public List<Payout> of(long campaignId) {
        return payouts.of(campaignId, 100);
    }

    public List<Payout> open() {
        return payouts.open(500);
    }

    /**
     * Sends a Connect payout and records the outcome in a transaction of its own (markPaid and
     * markFailed are called on this object, so their own @Transactional does not apply). Only a
     * refusal by the processor fails the payout: an error after it accepted must not return money
     * that has left.
     */
    private void send(Payout payout) {
        String account = payout.destination().substring("Stripe ".length());
        String external;
        try {
            external = gateway.send("payout-" + payout.id(), account, payout.amount());
        } catch (PayoutGateway.Refused refused) {
            transactions.executeWithoutResult(tx -> markFailed(payout.id(), String.valueOf(refused.getMessage())));
            return;
        } catch (RuntimeException unknown) {
            // it may have gone: the payout stays requested and the janitor sends it again with the same key
            log.warn("Payout {} outcome unknown ({}); it will be sent again", payout.id(), unknown.getMessage());
            return;
        }
        transactions.executeWithoutResult(tx -> {
            payouts.mark(payout.id(), "REQUESTED", "SENT", external, null, clock.instant());
            if (gateway instanceof SettlesAtOnce) {
                markPaid(payout.id(), external);
            }
        });
    }

    /**
     * Sends again the Connect payouts left requested by a crash or an unanswered call, older than
     * {@code grace} and young enough for the processor to still recognise their keys (a day).
     */
    public int resendUnsent(Duration grace) {
        Instant now = clock.instant();
        int sent = 0;
        for (Payout payout : payouts.unsentConnect(now.minus(Duration.ofHours(23)), now.minus(grace))) {
            send(payout);
            sent++;
        }
        return sent;
    }

    /** An ISO 4217 code from a form, or the field's message. */
    private static Currency currency(@Nullable String code) {
        if (code != null && code.matches("[A-Z]{3}")) {
            try {
                return Currency.getInstance(code);
            } catch (IllegalArgumentException unknown) {
                // falls through to the message
            }
        }
        throw InvalidInput.of("currency", "Choose a currency by its three-letter code, like USD.");
    }

    private static Money negate(Money money) {
        return new Money(-money.minor(), money.currency());
    }

    private static String last4(String value) {
        return value.substring(Math.max(0, value.length() - 4));
    }

    /** A gateway whose payouts arrive as soon as they are sent (the sandbox). */
    public interface SettlesAtOnce {}
}
