package org.maecenas.billing.web;

import java.util.List;
import java.util.Map;
import org.maecenas.billing.Invoice;

/** A patron's invoices, newest first, with their lines. */
public record BillingPage(List<Invoice> invoices, Map<Long, String> creators, int unpaid, boolean testMode) {

    public String creator(Invoice.Line line) {
        return creators.getOrDefault(line.campaignId(), "A creator");
    }
}
