package org.maecenas.billing.web;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.maecenas.billing.Invoice;

/** One invoice as a printable receipt. */
public record ReceiptPage(
        Invoice invoice,
        Map<Long, String> creators,
        String patronName,
        @Nullable String card,
        boolean testMode) {

    public String creator(Invoice.Line line) {
        return creators.getOrDefault(line.campaignId(), "A creator");
    }

    public String title() {
        return (invoice.paid() ? "Receipt " : "Invoice ") + invoice.id();
    }
}
