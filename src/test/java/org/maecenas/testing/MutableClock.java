package org.maecenas.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock in tests: real time plus an offset that a test can move. Tests that
 * move it call {@link #reset()} afterwards, since the Spring context (and the clock) is shared.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Instant> fixed = new AtomicReference<>();

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        Instant frozen = fixed.get();
        return frozen != null ? frozen : Instant.now().plus(offset.get());
    }

    public void advance(Duration by) {
        Instant frozen = fixed.get();
        if (frozen != null) {
            fixed.set(frozen.plus(by));
        } else {
            offset.updateAndGet(current -> current.plus(by));
        }
    }

    /** Stops time at the given instant until {@link #reset()}. */
    public void freezeAt(Instant instant) {
        fixed.set(instant);
    }

    public void reset() {
        fixed.set(null);
        offset.set(Duration.ZERO);
    }
}
