package org.maecenas.payments;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.maecenas.money.Money;
import org.maecenas.payments.PaymentProblems.CardFormNotAvailable;
import org.maecenas.payments.PaymentProblems.PaymentMethodNotFound;
import org.maecenas.payments.internal.PaymentMethodRepository;
import org.maecenas.payments.internal.StripeSetup;
import org.maecenas.web.InvalidInput;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Cards on a patron's account. */
@Service
public class PaymentMethods {

    private final PaymentMethodRepository methods;
    private final PaymentGateway gateway;
    private final ObjectProvider<StripeSetup> stripe;
    private final Clock clock;

    PaymentMethods(
            PaymentMethodRepository methods, PaymentGateway gateway, ObjectProvider<StripeSetup> stripe, Clock clock) {
        this.methods = methods;
        this.gateway = gateway;
        this.stripe = stripe;
        this.clock = clock;
    }

    /**
     * Starts saving a card in Stripe's own form: the client secret of a SetupIntent on the patron's
     * Stripe customer, for Stripe.js to confirm in their browser.
     */
    public String startCardSetup(long userId) {
        return stripeSetup().start(userId);
    }

    /**
     * Saves, as the patron's default, the card their browser confirmed with Stripe: read back from
     * Stripe (brand, last four, expiry), and only from a SetupIntent on their own customer.
     */
    @Transactional
    public PaymentMethod addConfirmed(long userId, String setupIntentId) {
        PaymentGateway.SavedMethod saved = stripeSetup().confirmed(userId, setupIntentId);
        long id = methods.save(userId, gateway.name(), saved, clock.instant());
        return methods.find(id).orElseThrow();
    }

    private StripeSetup stripeSetup() {
        StripeSetup setup = stripe.getIfAvailable();
        if (setup == null) {
            throw new CardFormNotAvailable();
        }
        return setup;
    }

    /**
     * Checks and saves a card as the patron's default. A card the gateway refuses is not saved and
     * the patron is told why.
     */
    @Transactional
    public PaymentMethod add(long userId, String cardNumber, String expiry, Money probe) {
        String digits = cardNumber == null ? "" : cardNumber.replaceAll("[\\s-]", "");
        InvalidInput.Collector problems = new InvalidInput.Collector();
        problems.check(
                digits.matches("\\d{12,19}") && luhn(digits),
                "cardNumber",
                "Enter the card number as printed on the card.");
        YearMonth expires = parseExpiry(expiry);
        problems.check(expires != null, "expiry", "Enter the expiry date as MM/YY.");
        if (expires != null) {
            problems.check(
                    !expires.isBefore(YearMonth.now(clock.withZone(ZoneOffset.UTC))),
                    "expiry",
                    "This card has expired.");
        }
        problems.throwIfAny();
        PaymentGateway.SavedMethod saved = gateway.save(digits, expires.getMonthValue(), expires.getYear());
        ChargeResult check = gateway.verify(saved.token(), probe);
        if (check.outcome() == ChargeResult.Outcome.DECLINED) {
            throw InvalidInput.of("cardNumber", check.message());
        }
        long id = methods.save(userId, gateway.name(), saved, clock.instant());
        return methods.find(id).orElseThrow();
    }

    public List<PaymentMethod> of(long userId) {
        return methods.of(userId);
    }

    public Optional<PaymentMethod> defaultOf(long userId) {
        return methods.of(userId).stream().filter(PaymentMethod::isDefault).findFirst();
    }

    /** A method of this user's (another user's, or a removed one, is not found). */
    public PaymentMethod require(long userId, long id) {
        return methods.findLive(id).filter(m -> m.userId() == userId).orElseThrow(PaymentMethodNotFound::new);
    }

    /** The card to charge for a patron: the one named if still on file, else their default. */
    public Optional<PaymentMethod> chargeable(long userId, @org.jspecify.annotations.Nullable Long preferred) {
        return chargeable(methods.of(userId), preferred);
    }

    /** The methods on file of many users at once (one query): user id → their methods. */
    public java.util.Map<Long, List<PaymentMethod>> onFile(java.util.Collection<Long> userIds) {
        java.util.Map<Long, List<PaymentMethod>> byUser = new java.util.HashMap<>();
        for (PaymentMethod method : methods.ofAll(userIds.toArray(Long[]::new))) {
            byUser.computeIfAbsent(method.userId(), k -> new java.util.ArrayList<>())
                    .add(method);
        }
        return byUser;
    }

    /** Of a user's methods on file: the one named if there, else the default. */
    public static Optional<PaymentMethod> chargeable(
            List<PaymentMethod> onFile, @org.jspecify.annotations.Nullable Long preferred) {
        return onFile.stream()
                .filter(m -> preferred != null && m.id() == preferred)
                .findFirst()
                .or(() -> onFile.stream().filter(PaymentMethod::isDefault).findFirst());
    }

    public PaymentMethod find(long id) {
        return methods.find(id).orElseThrow(PaymentMethodNotFound::new);
    }

    @Transactional
    public void makeDefault(long userId, long id) {
        require(userId, id);
        methods.makeDefault(userId, id);
    }

    @Transactional
    public void remove(long userId, long id) {
        if (methods.remove(userId, id, clock.instant()) == 0) {
            throw new PaymentMethodNotFound();
        }
    }

    public String gatewayName() {
        return gateway.name();
    }

    /** Whether payments go through the sandbox gateway: test cards only, no real money moves. */
    public boolean testMode() {
        return org.maecenas.payments.internal.SandboxGateway.NAME.equals(gateway.name());
    }

    static YearMonth parseExpiry(String expiry) {
        if (expiry == null) {
            return null;
        }
        var matcher = java.util.regex.Pattern.compile("\\s*(\\d{1,2})\\s*/\\s*(\\d{2}|\\d{4})\\s*")
                .matcher(expiry);
        if (!matcher.matches()) {
            return null;
        }
        int month = Integer.parseInt(matcher.group(1));
        int year = Integer.parseInt(matcher.group(2));
        if (month < 1 || month > 12) {
            return null;
        }
        return YearMonth.of(year < 100 ? 2000 + year : year, month);
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
