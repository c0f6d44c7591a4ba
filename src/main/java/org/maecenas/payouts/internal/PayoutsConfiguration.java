package org.maecenas.payouts.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Daily;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.maecenas.payouts.PayoutGateway;
import org.maecenas.payouts.Payouts;
import org.maecenas.payouts.PayoutsProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PayoutsProperties.class)
class PayoutsConfiguration {

    @Bean
    @ConditionalOnMissingBean(PayoutGateway.class)
    PayoutGateway sandboxPayoutGateway() {
        return new SandboxPayoutGateway();
    }

    @Bean
    @ConditionalOnMissingBean(org.maecenas.payouts.PayoutCrashPoints.class)
    org.maecenas.payouts.PayoutCrashPoints payoutCrashPoints() {
        return org.maecenas.payouts.PayoutCrashPoints.NONE;
    }

    /** Automatic payouts: daily check, acting on the configured day of the month. */
    @Bean
    RecurringTask<Void> automaticPayouts(ObjectProvider<Payouts> payouts, PayoutsProperties properties, Clock clock) {
        return Tasks.recurring("automatic-payouts", new Daily(ZoneOffset.UTC, LocalTime.of(6, 0)))
                .execute((instance, context) -> {
                    if (clock.instant().atZone(ZoneOffset.UTC).getDayOfMonth() == properties.automaticDay()) {
                        payouts.getObject().payAutomatic();
                    }
                });
    }
}
