package org.maecenas.payouts.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Daily;
import com.stripe.StripeClient;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.maecenas.payments.StripeConditions;
import org.maecenas.payouts.PayoutGateway;
import org.maecenas.payouts.Payouts;
import org.maecenas.payouts.PayoutsProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PayoutsProperties.class)
class PayoutsConfiguration {

    @Bean
    @Conditional(StripeConditions.NotConfigured.class)
    @ConditionalOnMissingBean(PayoutGateway.class)
    PayoutGateway sandboxPayoutGateway() {
        return new SandboxPayoutGateway();
    }

    /** With Stripe taking payments, payouts go to creators' Stripe Connect accounts. */
    @Bean
    @Conditional(StripeConditions.Configured.class)
    @ConditionalOnMissingBean(PayoutGateway.class)
    PayoutGateway stripePayoutGateway(StripeClient stripe) {
        return new StripePayoutGateway(stripe);
    }

    @Bean
    @ConditionalOnMissingBean(org.maecenas.payouts.PayoutCrashPoints.class)
    org.maecenas.payouts.PayoutCrashPoints payoutCrashPoints() {
        return org.maecenas.payouts.PayoutCrashPoints.NONE;
    }

    /** Connect payouts a crash or a lost answer left unsent are sent again (same key, so once). */
    @Bean
    RecurringTask<Void> payoutJanitor(ObjectProvider<Payouts> payouts) {
        return Tasks.recurring(
                        "payout-janitor",
                        com.github.kagkarlsson.scheduler.task.schedule.FixedDelay.of(java.time.Duration.ofMinutes(5)))
                .execute((instance, context) -> payouts.getObject().resendUnsent(java.time.Duration.ofMinutes(5)));
    }

    /** Automatic payouts: daily check, acting on the configured day of the month. */
    @Bean
    RecurringTask<Void> automaticPayouts(ObjectProvider<Payouts> payouts) {
        return Tasks.recurring("automatic-payouts", new Daily(ZoneOffset.UTC, LocalTime.of(6, 0)))
                .execute((instance, context) -> payouts.getObject().payAutomaticIfDue());
    }
}
