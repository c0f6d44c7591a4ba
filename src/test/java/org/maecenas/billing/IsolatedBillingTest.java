package org.maecenas.billing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.maecenas.testing.TestClockConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application on a database of its own (billing days are global: these tests count every
 * invoice of a day), with armable crash points and a movable clock, and without background tasks so
 * that only the test drives billing. Classes annotated so share one context and its database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// chunks of two: a day of a few patrons still takes several chunks per shard (and crashes in between);
// one worker: a day's crash points come in one order, so a seeded crash simulation is deterministic
@SpringBootTest(
        properties = {
            "db-scheduler.enabled=false",
            "maecenas.billing.shards=3",
            "maecenas.billing.chunk-size=2",
            "maecenas.billing.workers=1"
        })
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, ArmableCrashPoints.Configuration.class})
public @interface IsolatedBillingTest {}
