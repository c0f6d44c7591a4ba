package org.maecenas.payouts.web;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.maecenas.campaigns.Campaign;
import org.maecenas.money.Money;
import org.maecenas.payouts.Payout;
import org.maecenas.payouts.PayoutMethod;
import org.maecenas.web.FormErrors;

public record PayoutsPage(
        Campaign campaign,
        @Nullable PayoutMethod method,
        Map<String, Long> available,
        Map<String, Long> balance,
        long holdingDays,
        Money minimum,
        List<Payout> history,
        PayoutsController.PayoutForm form,
        FormErrors errors) {

    /** A fresh token per rendering of the form: submitting it twice makes one payout. */
    public String requestToken() {
        return java.util.UUID.randomUUID().toString();
    }

    public List<Money> availableAmounts() {
        return available.entrySet().stream()
                .map(e -> Money.of(e.getValue(), e.getKey()))
                .toList();
    }

    public List<Money> balanceAmounts() {
        return balance.entrySet().stream()
                .map(e -> Money.of(e.getValue(), e.getKey()))
                .toList();
    }

    public boolean stripe() {
        return "STRIPE_CONNECT".equals(form.kind());
    }

    public String formHolder() {
        return form.holder() == null ? "" : form.holder();
    }

    public String formConnect() {
        return form.connectAccount() == null ? "" : form.connectAccount();
    }
}
