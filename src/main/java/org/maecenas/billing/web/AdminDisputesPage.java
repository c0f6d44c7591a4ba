package org.maecenas.billing.web;

import java.util.List;
import org.maecenas.billing.Disputes;
import org.maecenas.web.FormErrors;

/** Every dispute, and in test mode the forms that play a patron's bank. */
public record AdminDisputesPage(
        List<Disputes.Dispute> disputes,
        boolean sandbox,
        FormErrors errors,
        List<java.util.Map.Entry<String, String>> charges) {}
