package org.maecenas.notifications.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Drains the mail queue, and queues post mail, on whichever node is free: what a crashed or busy
 * node left is done here.
 */
@Configuration(proxyBeanMethods = false)
class OutboxTasks {

    @Bean
    RecurringTask<Void> mailOutbox(ObjectProvider<OutboxDrain> drain) {
        return Tasks.recurring("mail-outbox", FixedDelay.of(Duration.ofSeconds(30)))
                .execute((instance, context) -> drain.getObject().drain());
    }

    /** Goes on with post mail that a crashed node left half queued (and any the after-commit run missed). */
    @Bean
    RecurringTask<Void> postMailFanoutTask(ObjectProvider<PostMailFanout> fanout) {
        return Tasks.recurring("post-mail-fanout", FixedDelay.of(Duration.ofSeconds(30)))
                .execute((instance, context) -> fanout.getObject().run());
    }
}
