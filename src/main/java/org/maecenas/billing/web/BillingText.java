package org.maecenas.billing.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.maecenas.campaigns.Campaign;
import org.maecenas.pledges.Cadence;
import org.maecenas.pledges.Pledge;

/** Words the billing pages share: dates, "per episode", statuses. */
public final class BillingText {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private BillingText() {}

    public static String day(@Nullable LocalDate date) {
        return date == null ? "—" : DAY.format(date);
    }

    /** "per episode", "a month", "a year". */
    public static String per(Cadence cadence, Campaign campaign) {
        return switch (cadence) {
            case PER_CREATION -> "per " + campaign.creationNoun();
            case MONTHLY -> "a month";
            case ANNUAL -> "a month, paid yearly";
            case FREE -> "";
        };
    }

    public static String status(Pledge pledge) {
        return switch (pledge.status()) {
            case ACTIVE -> "active";
            case DECLINED -> "payment declined";
            case INCOMPLETE -> "waiting for the first payment";
            case CANCELLED -> "cancelled";
            case FAILED -> "not started (payment failed)";
        };
    }

    /** The badge class of a status: green when all is well, amber otherwise. */
    public static String badge(String status) {
        return switch (status) {
            case "ACTIVE", "PAID" -> "badge-ok";
            case "DECLINED", "OPEN", "UNCOLLECTIBLE", "INCOMPLETE" -> "badge-warn";
            default -> "";
        };
    }

    public static String invoiceStatus(String status, int failures) {
        return switch (status) {
            case "PAID" -> "paid";
            case "OPEN" -> failures > 0 ? "declined, will be retried" : "due";
            case "UNCOLLECTIBLE" -> "declined, no more retries";
            case "VOID" -> "void (not charged)";
            default -> status.toLowerCase(Locale.ROOT);
        };
    }

    public static String refundStatus(String status) {
        return switch (status) {
            case "SUCCEEDED" -> "refunded";
            case "FAILED" -> "failed";
            default -> "waiting for the payment processor";
        };
    }

    public static String disputeStatus(String status) {
        return switch (status) {
            case "OPEN" -> "open: the amount is held";
            case "WON" -> "won: released to you";
            case "LOST" -> "lost";
            default -> status.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
