package org.maecenas.posts.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.maecenas.posts.Posts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Publishes scheduled posts. A db-scheduler task claimed with a row lock: one node runs each
 * round, and if that node dies another picks the task up.
 */
@Configuration(proxyBeanMethods = false)
class PostScheduling {

    static final Duration EVERY = Duration.ofSeconds(10);

    @Bean
    RecurringTask<Void> publishScheduledPosts(ObjectProvider<Posts> posts) {
        return Tasks.recurring("publish-scheduled-posts", FixedDelay.of(EVERY))
                .execute((instance, context) -> posts.getObject().publishDue());
    }
}
