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
            default -> "Your card was declined.";
        };
    }
}
