package org.maecenas.billing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.maecenas.billing.internal.AccrualRepository;
import org.maecenas.billing.internal.AccrualRepository.PatronDue;
import org.maecenas.billing.internal.InvoiceRepository;
import org.maecenas.billing.internal.InvoiceRepository.NewInvoice;
import org.maecenas.billing.internal.InvoiceRepository.NewLine;
import org.maecenas.billing.internal.InvoiceRepository.Untried;
import org.maecenas.billing.internal.RunRepository;
import org.maecenas.billing.internal.RunRepository.PlanItem;
import org.maecenas.billing.internal.RunRepository.Run;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.money.Money;
import org.maecenas.money.Split;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.PaymentMethods;
import org.maecenas.pledges.Cadence;
import org.maecenas.pledges.Pledge;
import org.maecenas.pledges.Pledges;
import org.springframework.stereotype.Component;

/**
 * Invoices a claimed chunk of a billing day's plan in the caller's transaction, set-based: one
 * invoice per patron and currency with a line per membership — accruals of past months and renewals
 * due by the day — in a dozen statements for the whole chunk, whatever its size.
 */
@Component
class ChunkInvoicing {

    private final RunRepository runs;
    private final AccrualRepository accruals;
    private final InvoiceRepository invoices;
    private final Pledges pledges;
    private final PaymentMethods paymentMethods;
    private final Campaigns campaigns;
    private final Settlement settlement;
    private final Clock clock;

    ChunkInvoicing(
            RunRepository runs,
            AccrualRepository accruals,
            InvoiceRepository invoices,
            Pledges pledges,
            PaymentMethods paymentMethods,
            Campaigns campaigns,
            Settlement settlement,
            Clock clock) {
        this.runs = runs;
        this.accruals = accruals;
        this.invoices = invoices;
        this.pledges = pledges;
        this.paymentMethods = paymentMethods;
        this.campaigns = campaigns;
        this.settlement = settlement;
        this.clock = clock;
    }

    /** A line before it has an invoice. */
    private record Line(
            long campaign,
            long membership,
            String kind,
            long amount,
            @Nullable LocalDate start,
            @Nullable LocalDate end,
            String description,
            long[] posts) {}

    /**
     * Invoices these plan items (taken out of the plan by the caller, in this transaction); returns
     * the invoices it created, with no next attempt set: the caller starts their collection in the
     * same transaction.
     */
    Created invoice(Run run, List<PlanItem> items) {
        Long[] patrons = items.stream().map(PlanItem::patron).toArray(Long[]::new);
        String[] currencies = items.stream().map(PlanItem::currency).toArray(String[]::new);
        Map<PlanItem, List<Line>> lines = new LinkedHashMap<>();
        items.forEach(item -> lines.put(item, new ArrayList<>()));
        LocalDate date = run.billingDate();
        for (PatronDue due : accruals.dueAll(patrons, currencies, BillingCalendar.monthStart(date))) {
            int count = due.due().count();
            lines.get(new PlanItem(due.patron(), due.currency()))
                    .add(new Line(
                            due.due().campaignId(),
                            due.due().membershipId(),
                            "CREATIONS",
                            due.due().totalMinor(),
                            null,
                            null,
                            count + (count == 1 ? " paid creation" : " paid creations"),
                            due.due().postIds()));
        }
        renewals(run, patrons, currencies, lines);
        return insert(run, lines);
    }

    /** Renewals due by the day: a PERIOD line each, the membership moved on (a period billed before is parked). */
    private void renewals(Run run, Long[] patrons, String[] currencies, Map<PlanItem, List<Line>> lines) {
        LocalDate date = run.billingDate();
        List<Pledge> due = pledges.lockRenewalsDue(patrons, currencies, date, run.snapshotAt());
        if (due.isEmpty()) {
            return;
        }
        Set<Long> billed = invoices.periodsBilled(
                due.stream().map(Pledge::id).toArray(Long[]::new),
                due.stream().map(p -> p.nextChargeOn().toString()).toArray(String[]::new));
        Map<Long, LocalDate> renewed = new LinkedHashMap<>();
        Map<Long, Integer> discounts = new HashMap<>();
        for (Pledge pledge : due) {
            LocalDate start = pledge.nextChargeOn();
            if (billed.contains(pledge.id())) {
                runs.park(
                        run.id(),
                        pledge.patronUserId(),
                        pledge.id(),
                        "period from " + start + " is already billed; not billing it twice",
                        clock.instant());
                continue;
            }
            Money amount = pledge.nextAmount() != null ? pledge.nextAmount() : pledge.amount();
            boolean annual = pledge.cadence() == Cadence.ANNUAL;
            int anchor = pledge.anchorDay() != null ? pledge.anchorDay() : start.getDayOfMonth();
            LocalDate end = BillingCalendar.anniversary(start, anchor, annual ? 12 : 1);
            long price = annual
                    ? Checkout.annualPrice(
                            amount.minor(),
                            discounts.computeIfAbsent(
                                    pledge.campaignId().value(),
                                    c -> campaigns.require(pledge.campaignId()).annualDiscountPercent()))
                    : amount.minor();
            lines.get(new PlanItem(pledge.patronUserId(), amount.currency().getCurrencyCode()))
                    .add(new Line(
                            pledge.campaignId().value(),
                            pledge.id(),
                            "PERIOD",
                            price,
                            start,
                            end,
                            (annual ? "Membership, a year from " : "Membership, a month from ") + start,
                            new long[0]));
            renewed.put(pledge.id(), end);
        }
        pledges.renewedAll(renewed);
    }

    /** The invoices a chunk created, and their patrons' cards on file (read in the same transaction). */
    record Created(List<Untried> invoices, Map<Long, List<PaymentMethod>> cardsOnFile) {}

    /** The invoices, their lines and the accruals' links: three statements for the chunk. */
    private Created insert(Run run, Map<PlanItem, List<Line>> lines) {
        lines.values().removeIf(List::isEmpty);
        if (lines.isEmpty()) {
            return new Created(List.of(), Map.of());
        }
        Map<Long, List<PaymentMethod>> onFile = paymentMethods.onFile(
                lines.keySet().stream().map(PlanItem::patron).distinct().toList());
        LocalDate date = run.billingDate();
        List<NewInvoice> wanted = new ArrayList<>();
        lines.forEach((item, itemLines) -> wanted.add(new NewInvoice(
                "inv-day-" + date + "-" + item.patron() + "-" + item.currency(),
                item.patron(),
                item.currency(),
                itemLines.stream().mapToLong(Line::amount).sum(),
                onFile.getOrDefault(item.patron(), List.of()).stream()
                        .filter(PaymentMethod::isDefault)
                        .findFirst()
                        .map(PaymentMethod::id)
                        .orElse(null))));
        Map<String, Long> ids = invoices.insertAll(wanted, date, "BILLING_DAY", run.id(), clock.instant());
        if (ids.size() != wanted.size()) {
            throw new IllegalStateException("an invoice of " + date
                    + " exists for a plan item that was not invoiced (of " + wanted.size() + ", " + ids.size()
                    + " are new)");
        }
        Map<Long, Integer> rates = settlement.feeRates(lines.values().stream()
                .flatMap(List::stream)
                .map(Line::campaign)
                .toList());
        List<NewLine> newLines = new ArrayList<>();
        int i = 0;
        for (List<Line> itemLines : lines.values()) {
            long invoice = ids.get(wanted.get(i++).key());
            for (Line line : itemLines) {
                newLines.add(new NewLine(
                        invoice,
                        line.campaign(),
                        line.membership(),
                        line.kind(),
                        line.amount(),
                        line.start(),
                        line.end(),
                        line.description(),
                        Split.basisPoints(line.amount(), rates.get(line.campaign()))));
            }
        }
        Map<String, Long> lineIds = invoices.insertLines(newLines);
        link(newLines, lines, lineIds);
        List<Untried> created = new ArrayList<>(wanted.size());
        for (NewInvoice invoice : wanted) {
            created.add(new Untried(
                    ids.get(invoice.key()),
                    invoice.patron(),
                    invoice.currency(),
                    invoice.total(),
                    invoice.paymentMethod()));
        }
        return new Created(created, onFile);
    }

    /** Every accrual of a CREATIONS line belongs to it now; all must still have been pending. */
    private void link(List<NewLine> newLines, Map<PlanItem, List<Line>> lines, Map<String, Long> lineIds) {
        List<Long> memberships = new ArrayList<>();
        List<Long> posts = new ArrayList<>();
        List<Long> onLines = new ArrayList<>();
        int n = 0;
        for (List<Line> itemLines : lines.values()) {
            for (Line line : itemLines) {
                NewLine made = newLines.get(n++);
                long lineId = lineIds.get(InvoiceRepository.naturalKey(made.invoice(), made.membership(), made.kind()));
                for (long post : line.posts()) {
                    memberships.add(line.membership());
                    posts.add(post);
                    onLines.add(lineId);
                }
            }
        }
        if (!posts.isEmpty()
                && accruals.invoiceAll(
                                memberships.toArray(Long[]::new),
                                posts.toArray(Long[]::new),
                                onLines.toArray(Long[]::new))
                        != posts.size()) {
            throw new IllegalStateException("accruals changed while a chunk of the billing day was invoiced");
        }
    }
}
