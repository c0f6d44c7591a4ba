package org.maecenas.billing.web;

import org.jspecify.annotations.Nullable;
import org.maecenas.campaigns.TierId;
import org.maecenas.pledges.Cadence;
import org.maecenas.web.InvalidInput;

/**
 * What the join form sends, as typed: the review page and the confirmation send the same fields
 * back. Card numbers are never part of it (a new card is saved when the form is reviewed).
 *
 * @param tier a tier id, or empty for a custom amount
 * @param amount empty means the tier's own amount
 * @param cadence MONTHLY or ANNUAL on monthly pages
 * @param monthlyCap empty for no cap (per creation)
 * @param paymentMethod a saved card's id, or "new"
 */
public record JoinChoice(
        @Nullable String tier,
        @Nullable String amount,
        @Nullable String cadence,
        @Nullable String monthlyCap,
        @Nullable String paymentMethod) {

    public static JoinChoice start(@Nullable Long tier, @Nullable Long defaultCard) {
        return new JoinChoice(
                tier == null ? "" : tier.toString(),
                "",
                Cadence.MONTHLY.name(),
                "",
                defaultCard == null ? "new" : defaultCard.toString());
    }

    public String tierValue() {
        return tier == null ? "" : tier.strip();
    }

    public String amountValue() {
        return amount == null ? "" : amount.strip();
    }

    public String cadenceValue() {
        return Cadence.ANNUAL.name().equals(cadence) ? Cadence.ANNUAL.name() : Cadence.MONTHLY.name();
    }

    public String capValue() {
        return monthlyCap == null ? "" : monthlyCap.strip();
    }

    public String paymentMethodValue() {
        return paymentMethod == null || paymentMethod.isBlank() ? "new" : paymentMethod.strip();
    }

    public boolean newCard() {
        return "new".equals(paymentMethodValue());
    }

    public boolean chose(Long tierId) {
        return tierValue().equals(String.valueOf(tierId));
    }

    public JoinChoice withPaymentMethod(long id) {
        return new JoinChoice(tier, amount, cadence, monthlyCap, Long.toString(id));
    }

    /** The chosen tier's id, or null for a custom amount; a malformed one is reported against the field. */
    @Nullable
    TierId tierId(InvalidInput.Collector problems) {
        if (tierValue().isEmpty()) {
            return null;
        }
        try {
            return new TierId(Long.parseLong(tierValue()));
        } catch (NumberFormatException e) {
            problems.add("tier", "Choose one of the tiers on the page.");
            return null;
        }
    }

    /** The cap as a number, null for none; a malformed one is reported against the field. */
    @Nullable
    Integer cap(InvalidInput.Collector problems) {
        if (capValue().isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(capValue());
        } catch (NumberFormatException e) {
            problems.add("monthlyCap", "Enter a whole number of paid creations a month, or leave it empty for no cap.");
            return null;
        }
    }

    @Nullable
    Long paymentMethodId(InvalidInput.Collector problems) {
        if (newCard()) {
            return null;
        }
        try {
            return Long.parseLong(paymentMethodValue());
        } catch (NumberFormatException e) {
            problems.add("paymentMethod", "Choose one of your cards.");
            return null;
        }
    }
}
