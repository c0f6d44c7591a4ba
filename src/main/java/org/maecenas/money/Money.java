package org.maecenas.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

/** An amount in minor units (cents, yen) of one currency. Arithmetic refuses to mix currencies. */
public record Money(long minor, Currency currency) {

    public Money {
        if (currency == null) {
            throw new IllegalArgumentException("a currency is required");
        }
    }

    public static Money of(long minor, String currency) {
        return new Money(minor, Currency.getInstance(currency));
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        same(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public Money minus(Money other) {
        same(other);
        return new Money(Math.subtractExact(minor, other.minor), currency);
    }

    public boolean isZero() {
        return minor == 0;
    }

    public boolean isPositive() {
        return minor > 0;
    }

    public Money negate() {
        return new Money(Math.negateExact(minor), currency);
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(minor, factor), currency);
    }

    public boolean isLessThan(Money other) {
        same(other);
        return minor < other.minor;
    }

    public int digits() {
        return Math.max(0, currency.getDefaultFractionDigits());
    }

    /** 1.00 in this currency's units (100 cents, 1 yen). */
    public static long oneUnit(Currency currency) {
        return BigDecimal.ONE
                .movePointRight(Math.max(0, currency.getDefaultFractionDigits()))
                .longValueExact();
    }

    /** Reads "5", "5.00", "1,234.5" as an amount; empty when malformed or with too many decimals. */
    public static Optional<Money> parse(String text, Currency currency) {
        if (text == null) {
            return Optional.empty();
        }
        String cleaned = text.strip().replace(",", "").replace(" ", "");
        if (!cleaned.matches("\\d{1,12}(\\.\\d{1,4})?")) {
            return Optional.empty();
        }
        try {
            BigDecimal value = new BigDecimal(cleaned)
                    .setScale(Math.max(0, currency.getDefaultFractionDigits()), RoundingMode.UNNECESSARY);
            return Optional.of(new Money(value.movePointRight(value.scale()).longValueExact(), currency));
        } catch (ArithmeticException tooPrecise) {
            return Optional.empty();
        }
    }

    /** "12.50" (no symbol), as typed into a form. */
    public String plain() {
        return BigDecimal.valueOf(minor, digits()).toPlainString();
    }

    /** "$12.50", "€7.00", "¥500". */
    public String display() {
        // a configured format per currency, copied per use (NumberFormat is not thread-safe)
        NumberFormat format = (NumberFormat)
                FORMATS.computeIfAbsent(currency, Money::formatFor).clone();
        return format.format(BigDecimal.valueOf(minor, digits()));
    }

    private static final java.util.Map<Currency, NumberFormat> FORMATS = new java.util.concurrent.ConcurrentHashMap<>();

    private static NumberFormat formatFor(Currency currency) {
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        format.setCurrency(currency);
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format;
    }

    @Override
    public String toString() {
        return plain() + " " + currency.getCurrencyCode();
    }

    private void same(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot mix " + currency + " and " + other.currency);
        }
    }
}
