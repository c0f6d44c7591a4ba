package org.maecenas.billing.web;

import java.util.List;
import org.maecenas.billing.Refunds;
import org.maecenas.campaigns.Campaign;
import org.maecenas.web.FormErrors;

/** One patron's recent payments to a creator, each line refundable, with the refunds made so far. */
public record PatronPaymentsPage(
        Campaign campaign,
        long patronUserId,
        String patronName,
        List<Refunds.RefundablePayment> payments,
        List<Refunds.Refund> refunds,
        FormErrors errors,
        long failedLineId) {

    public String path() {
        return "/dashboard/patrons/" + patronUserId;
    }
}
