package org.maecenas.payments;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.maecenas.payments.ChargeResult.Outcome;

/** The sandbox gateway's test cards: each number always behaves the same way. */
public final class SandboxCards {

    /** What a card does when charged. */
    public enum Behaviour {
        SUCCEED,
        DECLINE_INSUFFICIENT_FUNDS,
        DECLINE_EXPIRED,
        DECLINE_GENERIC,
        /** Verifies fine when saved, declines every charge (a card that went bad later). */
        DECLINE_LATER,
        REQUIRE_AUTHENTICATION,
        /** Charges, then the response is lost: our side sees a timeout. */
        LOST_RESPONSE,
        /** Times out before charging anything. */
        TIMEOUT,
        /** Succeeds but settles 1% less than asked (e.g. a conversion). */
        SETTLE_LESS
    }

    public static final Map<String, Behaviour> CARDS = Map.of(
            "4242424242424242", Behaviour.SUCCEED,
            "4000000000009995", Behaviour.DECLINE_INSUFFICIENT_FUNDS,
            "4000000000000069", Behaviour.DECLINE_EXPIRED,
            "4000000000000002", Behaviour.DECLINE_GENERIC,
            "4000000000000341", Behaviour.DECLINE_LATER,
            "4000002500003155", Behaviour.REQUIRE_AUTHENTICATION,
            "4000000000000119", Behaviour.LOST_RESPONSE,
            "4000000000000259", Behaviour.TIMEOUT,
            "4000000000000077", Behaviour.SETTLE_LESS);

    /** A test card as the pages list it in test mode. */
    public record TestCard(String number, Behaviour behaviour, String outcome) {

        /** "4242 4242 4242 4242". */
        public String grouped() {
            return number.replaceAll("(\\d{4})(?=\\d)", "$1 ");
        }
    }

    /** Every test card with what it does, the card that pays first. */
    public static final java.util.List<TestCard> LIST = java.util.List.of(
            new TestCard("4242424242424242", Behaviour.SUCCEED, "Pays."),
            new TestCard(
                    "4000000000000341",
                    Behaviour.DECLINE_LATER,
                    "Is saved, then every charge is declined (a card that went bad)."),
            new TestCard("4000000000009995", Behaviour.DECLINE_INSUFFICIENT_FUNDS, "Refused: insufficient funds."),
            new TestCard("4000000000000069", Behaviour.DECLINE_EXPIRED, "Refused: expired card."),
            new TestCard("4000000000000002", Behaviour.DECLINE_GENERIC, "Refused: declined."),
            new TestCard(
                    "4000002500003155",
                    Behaviour.REQUIRE_AUTHENTICATION,
                    "Is saved; charges need the bank’s confirmation and fail."),
            new TestCard(
                    "4000000000000119",
                    Behaviour.LOST_RESPONSE,
                    "Charges, but the answer is lost: the payment is confirmed a few minutes later."),
            new TestCard(
                    "4000000000000259",
                    Behaviour.TIMEOUT,
                    "Times out before charging: nothing is charged, which is found out a few minutes later."),
            new TestCard("4000000000000077", Behaviour.SETTLE_LESS, "Pays, and settles 1% less (a conversion)."));

    private static final String PREFIX = "sbx_";

    private SandboxCards() {}

    public static boolean isTestCard(String digits) {
        return CARDS.containsKey(digits);
    }

    public static String tokenOf(String digits) {
        return PREFIX + digits;
    }

    public static String cardOf(String token) {
        return token != null && token.startsWith(PREFIX) ? token.substring(PREFIX.length()) : "";
    }

    public static Behaviour behaviourOf(String digits) {
        return CARDS.getOrDefault(digits, Behaviour.DECLINE_GENERIC);
    }

    public static String brandOf(String digits) {
        return digits.startsWith("4") ? "Visa" : digits.startsWith("5") ? "Mastercard" : "Card";
    }

    public static @Nullable String declineCode(Behaviour behaviour) {
        return switch (behaviour) {
            case DECLINE_INSUFFICIENT_FUNDS -> "insufficient_funds";
            case DECLINE_EXPIRED -> "expired_card";
            case DECLINE_GENERIC, DECLINE_LATER -> "card_declined";
            case REQUIRE_AUTHENTICATION -> "authentication_required";
            default -> null;
        };
    }

    public static String message(Outcome outcome, @Nullable String declineCode) {
        if (outcome == Outcome.SUCCEEDED) {
            return "paid";
        }
        if (declineCode == null) {
            return "The payment did not go through.";
        }
        return switch (declineCode) {
            case "insufficient_funds" -> "Your card has insufficient funds.";
            case "expired_card" -> "Your card has expired.";
            case "authentication_required" -> "Your bank needs you to confirm this payment.";
            case "authentication_failed" -> "The payment was not confirmed with your bank.";
            case "authentication_abandoned" -> "The payment was not confirmed with your bank in time.";
            default -> "Your card was declined.";
        };
    }
}
