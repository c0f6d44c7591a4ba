package org.maecenas.billing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Crash points that can be armed: the Nth crash point reached after {@link #arm(int)} throws a
 * {@link SimulatedCrash}, as if the process died there. Disarmed it only counts. It stands in for
 * billing's and payouts' crash points alike.
 */
public final class ArmableCrashPoints implements CrashPoints, org.maecenas.payouts.PayoutCrashPoints {

    private final List<String> reached = new ArrayList<>();
    private int armedAt;

    private final Map<String, Runnable> interruptions = new HashMap<>();

    @Override
    public void at(String point) {
        Runnable interruption;
        synchronized (this) {
            reached.add(point);
            if (reached.size() == armedAt) {
                armedAt = 0;
                throw new SimulatedCrash(point, reached.size());
            }
            interruption = interruptions.remove(point);
        }
        if (interruption != null) {
            interruption.run(); // outside the lock: it may reach crash points itself
        }
    }

    /**
     * The next thread to reach {@code point} runs {@code interruption} there before going on, as if
     * it had been descheduled while another node did that.
     */
    public synchronized void interruptOnceAt(String point, Runnable interruption) {
        interruptions.put(point, interruption);
    }

    /** Counts from zero again; the {@code n}th point from now on crashes (0: none). */
    public synchronized void arm(int n) {
        reached.clear();
        armedAt = n;
    }

    public synchronized void disarm() {
        armedAt = 0;
        interruptions.clear();
    }

    /** The points reached since the last {@link #arm(int)}, in order. */
    public synchronized List<String> reached() {
        return List.copyOf(reached);
    }

    /** The process "died" at a crash point. */
    public static final class SimulatedCrash extends RuntimeException {

        private final String point;

        SimulatedCrash(String point, int number) {
            super("simulated crash at " + point + " (crash point " + number + ")", null, false, false);
            this.point = point;
        }

        public String point() {
            return point;
        }
    }

    /** Replaces the application's do-nothing crash points. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        @Primary
        ArmableCrashPoints armableCrashPoints() {
            return new ArmableCrashPoints();
        }
    }
}
