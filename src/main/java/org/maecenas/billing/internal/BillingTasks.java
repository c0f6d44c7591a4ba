package org.maecenas.billing.internal;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Daily;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import org.maecenas.billing.BillingCalendar;
import org.maecenas.billing.BillingDays;
import org.maecenas.billing.BillingProperties;
import org.maecenas.billing.Collections;
import org.maecenas.billing.InvariantCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Billing's background work, as db-scheduler tasks claimed with row locks: one node runs each
 * execution, and a dead node's is picked up by another.
 */
@Configuration(proxyBeanMethods = false)
class BillingTasks {

    private static final Logger log = LoggerFactory.getLogger(BillingTasks.class);

    /** Each day: plan the run, then hand its shards to whichever nodes are free. */
    @Bean
    RecurringTask<Void> billingDay(
            ObjectProvider<BillingDays> days,
            ObjectProvider<SchedulerClient> scheduler,
            BillingProperties properties,
            Clock clock) {
        return Tasks.recurring("billing-day", new Daily(properties.timeZone(), properties.runAt()))
                .execute((instance, context) -> {
                    var run = days.getObject().plan(new BillingCalendar(properties.timeZone()).today(clock.instant()));
                    log.info(
                            "Billing day {}: {} patrons planned in {} shards",
                            run.billingDate(),
                            run.planned(),
                            run.shards());
                    for (int shard = 0; shard < run.shards(); shard++) {
                        scheduler
                                .getObject()
                                .scheduleIfNotExists(BILLING_SHARD
                                        .instance(run.id() + ":" + shard)
                                        .scheduledTo(clock.instant()));
                    }
                });
    }

    static final TaskDescriptor<Void> BILLING_SHARD = TaskDescriptor.of("billing-shard");

    /** One shard of a day: invoice its patrons, collect its invoices, close the day when all are done. */
    @Bean
    OneTimeTask<Void> billingShard(ObjectProvider<BillingDays> days) {
        return Tasks.oneTime(BILLING_SHARD).execute((instance, context) -> {
            String[] parts = instance.getId().split(":");
            long run = Long.parseLong(parts[0]);
            int shard = Integer.parseInt(parts[1]);
            days.getObject().runShard(run, shard);
        });
    }

    @Bean
    RecurringTask<Void> paymentJanitor(ObjectProvider<Collections> collections) {
        return Tasks.recurring("payment-janitor", FixedDelay.of(Duration.ofMinutes(1)))
                .execute((instance, context) -> collections.getObject().janitor());
    }

    /** Each night, yesterday's gateway records against ours; mismatches wait on /admin/reconciliation. */
    @Bean
    RecurringTask<Void> nightlyReconciliation(
            ObjectProvider<org.maecenas.billing.Reconciliation> reconciliation, BillingProperties properties) {
        return Tasks.recurring("reconciliation", new Daily(properties.timeZone(), java.time.LocalTime.of(3, 30)))
                .execute((instance, context) -> {
                    var run = reconciliation.getObject().yesterday();
                    if (!run.mismatches().isEmpty()) {
                        log.warn(
                                "Reconciliation of {} to {} found {} mismatches",
                                run.from(),
                                run.to(),
                                run.mismatches().size());
                    }
                });
    }

    @Bean
    RecurringTask<Void> refundJanitor(ObjectProvider<org.maecenas.billing.Refunds> refunds) {
        return Tasks.recurring("refund-janitor", FixedDelay.of(Duration.ofMinutes(1)))
                .execute((instance, context) -> refunds.getObject().janitor());
    }

    @Bean
    RecurringTask<Void> paymentRetries(ObjectProvider<Collections> collections) {
        return Tasks.recurring("payment-retries", FixedDelay.of(Duration.ofMinutes(5)))
                .execute((instance, context) -> collections.getObject().retryDue());
    }

    @Bean
    RecurringTask<Void> ledgerCheck(ObjectProvider<InvariantCheck> check, BillingProperties properties) {
        return Tasks.recurring("ledger-check", new Daily(properties.timeZone(), java.time.LocalTime.of(4, 0)))
                .execute((instance, context) -> {
                    InvariantCheck.Report report = check.getObject().checkAndRecord();
                    if (!report.ok()) {
                        log.error("Ledger check failed: {}", report.text());
                    }
                });
    }
}
