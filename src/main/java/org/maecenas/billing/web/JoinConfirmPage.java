package org.maecenas.billing.web;

import org.maecenas.billing.Checkout;
import org.maecenas.campaigns.Campaign;
import org.maecenas.money.Money;
import org.maecenas.pledges.Cadence;

/** The last step of joining: exactly what will be charged and when, then "confirm". */
public record JoinConfirmPage(Campaign campaign, Checkout.Quote quote, JoinChoice form, boolean testMode) {

    public boolean perCreation() {
        return quote.cadence() == Cadence.PER_CREATION;
    }

    public boolean annual() {
        return quote.cadence() == Cadence.ANNUAL;
    }

    public String card() {
        return quote.method().label();
    }

    /** What happens today. */
    public String today() {
        if (perCreation()) {
            return "Nothing is charged today.";
        }
        return quote.dueNow().display() + " is charged to your " + card() + " now"
                + (annual()
                        ? ": 12 months at " + quote.amount().display()
                                + (campaign.annualDiscountPercent() > 0
                                        ? ", " + campaign.annualDiscountPercent() + "% off"
                                        : "")
                                + "."
                        : ".");
    }

    /** What happens after. */
    public String after() {
        if (perCreation()) {
            Money cap = quote.nextCharge();
            return "For each paid " + campaign.creationNoun() + " " + campaign.name() + " publishes from now on, "
                    + quote.amount().display() + " is added to your bill"
                    + (cap == null ? "" : ", at most " + quote.monthlyCap() + " a month (" + cap.display() + ")")
                    + ". Each month’s total is charged to your " + card() + " on the 1st of the next month, first on "
                    + BillingText.day(quote.nextChargeOn()) + ".";
        }
        return "Then " + quote.nextCharge().display() + " on " + BillingText.day(quote.nextChargeOn())
                + (annual()
                        ? " and every year after"
                        : " and on the same day every month (the last day in shorter months)")
                + ", until you cancel.";
    }

    public String button() {
        return perCreation()
                ? "Confirm my pledge"
                : "Confirm and pay " + quote.dueNow().display();
    }
}
