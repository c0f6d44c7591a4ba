package org.maecenas.payouts;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
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
            Clock clock) {
        this.payouts = payouts;
        this.secrets = secrets;
        this.gateway = gateway;
        this.ledger = ledger;
        this.reports = reports;
        this.properties = properties;
        this.transactions = transactions;
        this.crashes = crashes;
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
        String cleanIban = iban == null ? "" : iban.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        String account = accountNumber == null ? "" : accountNumber.replaceAll("[\\s-]", "");
        String routing = routingCode == null ? "" : routingCode.replaceAll("[\\s-]", "");
        InvalidInput.Collector problems = new InvalidInput.Collector();
        problems.check(!name.isEmpty() && name.length() <= 140, "holder", "Enter the account holder’s name.");
        String summary;
        String details;
        if (!cleanIban.isEmpty()) {
            problems.check(
                    validIban(cleanIban), "iban", "This IBAN is not valid. Check it against your bank statement.");
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

    /** Bank details in clear, for the operator's transfer export only. */
    public Optional<String> bankDetails(long campaignId) {
        return payouts.bankDetails(campaignId).map(stored -> secrets.decrypt(stored));
    }

    /** What may be paid out now, per currency. */
    public Map<String, Long> available(long campaignId) {
        return reports.available(campaignId, clock.instant().minus(properties.holdingPeriod()));
    }

    public Money minimum(Currency currency) {
        return new Money(Money.oneUnit(currency) * properties.minimumUnits(), currency);
    }

    /** Asks for a payout of {@code amountText} (all that is available when blank). */
    public Payout request(long campaignId, String currencyCode, @Nullable String amountText) {
        Payout payout = transactions.execute(tx -> {
            payouts.lock(campaignId);
            PayoutMethod method = payouts.method(campaignId).orElseThrow(NoPayoutMethod::new);
            Currency currency = Currency.getInstance(currencyCode);
            long available = available(campaignId).getOrDefault(currencyCode, 0L);
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
                                + properties.holdingPeriod().toDays()
                                + " days.");
            }
            Instant now = clock.instant();
            String key = "payout-" + campaignId + "-" + (payouts.count(campaignId) + 1);
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
        });
        crashes.at("payout:request-committed");
        if ("STRIPE_CONNECT".equals(payout.methodKind())) {
            send(payout);
        }
        return payouts.find(payout.id()).orElseThrow();
    }

    /** Pays every automatic creator what is available (run monthly on the configured day). */
    public int payAutomatic() {
        int requested = 0;
        for (long campaign : payouts.automatic()) {
            for (Map.Entry<String, Long> balance : available(campaign).entrySet()) {
                Currency currency = Currency.getInstance(balance.getKey());
                if (balance.getValue() >= minimum(currency).minor()) {
                    try {
                        request(campaign, balance.getKey(), null);
                        requested++;
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

    /** The operator transferred a manual payout (or Stripe confirmed one): the money has left. */
    @Transactional
    public void markPaid(long payoutId, @Nullable String reference) {
        Payout payout = payouts.find(payoutId).orElseThrow(PayoutNotFound::new);
        Instant now = clock.instant();
        String from = "MANUAL".equals(payout.methodKind()) ? "REQUESTED" : "SENT";
        if (payouts.mark(payoutId, from, "PAID", reference, null, now) == 1) {
            ledger.post(new JournalEntry(
                    "PAYOUT_PAID",
                    "payout-paid-" + payoutId,
                    "Payout " + payoutId + " paid",
                    now,
                    List.of(
                            new Leg(LedgerAccounts.PAYOUTS_IN_TRANSIT, payout.amount()),
                            new Leg(
                                    LedgerAccounts.payoutsSent(
                                            payout.methodKind().toLowerCase(Locale.ROOT)),
                                    negate(payout.amount())))));
            crashes.at("payout:paid-written");
        }
    }

    /** A payout failed: the money returns to the creator's balance. */
    @Transactional
    public void markFailed(long payoutId, String reason) {
        Payout payout = payouts.find(payoutId).orElseThrow(PayoutNotFound::new);
        Instant now = clock.instant();
        if (payouts.mark(payoutId, payout.status(), "FAILED", null, reason, now) == 1
                && !"PAID".equals(payout.status())
                && !"FAILED".equals(payout.status())) {
            ledger.post(new JournalEntry(
                    "PAYOUT_FAILED",
                    "payout-failed-" + payoutId,
                    "Payout " + payoutId + " failed: " + reason,
                    now,
                    List.of(
                            new Leg(LedgerAccounts.PAYOUTS_IN_TRANSIT, payout.amount()),
                            new Leg(LedgerAccounts.creatorBalance(payout.campaignId()), negate(payout.amount())))));
            crashes.at("payout:failed-written");
        }
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

    /** Paid out (or on its way) to a creator in a currency during a period. */
    public long paidOut(long campaignId, String currency, Instant from, Instant to) {
        return payouts.paidOut(campaignId, currency, from, to);
    }

    private void send(Payout payout) {
        String account = payout.destination().substring("Stripe ".length());
        try {
            String external = gateway.send("payout-" + payout.id(), account, payout.amount());
            transactions.executeWithoutResult(
                    tx -> payouts.mark(payout.id(), "REQUESTED", "SENT", external, null, clock.instant()));
            if (gateway instanceof SettlesAtOnce) {
                markPaid(payout.id(), external);
            }
        } catch (RuntimeException refused) {
            markFailed(payout.id(), String.valueOf(refused.getMessage()));
        }
    }

    private static Money negate(Money money) {
        return new Money(-money.minor(), money.currency());
    }

    private static String last4(String value) {
        return value.substring(Math.max(0, value.length() - 4));
    }

    /** IBAN check digits (ISO 13616, mod 97). */
    static boolean validIban(String iban) {
        if (!iban.matches("[A-Z]{2}\\d{2}[A-Z0-9]{10,30}")) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder digits = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    /** A gateway whose payouts arrive as soon as they are sent (the sandbox). */
    public interface SettlesAtOnce {}
}
