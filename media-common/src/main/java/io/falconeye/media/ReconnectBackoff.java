package io.falconeye.media;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Delays between reconnect attempts to a failing source: exponential growth from
 * {@code initial} by {@code multiplier} up to {@code max}, each spread by +/- {@code jitter}
 * (a fraction) so many relays do not hammer a recovering camera in lockstep.
 *
 * <p>Call {@link #nextDelay()} after each failure and {@link #reset()} once the source delivers
 * again (for example on the first frame, not on a mere TCP connect). Not thread-safe: one per
 * ingest loop.
 */
public final class ReconnectBackoff {

    private final Duration initial;
    private final Duration max;
    private final double multiplier;
    private final double jitter;
    private final DoubleSupplier random;
    private int failures;

    public ReconnectBackoff(Duration initial, Duration max, double multiplier, double jitter) {
        this(initial, max, multiplier, jitter, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** With a seeded {@link Random}, for reproducible delays in tests. */
    public ReconnectBackoff(Duration initial, Duration max, double multiplier, double jitter, Random random) {
        this(initial, max, multiplier, jitter, random::nextDouble);
    }

    private ReconnectBackoff(Duration initial, Duration max, double multiplier, double jitter,
            DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial back-off must be positive, got " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("maximum back-off " + max + " is below the initial " + initial);
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("back-off multiplier must be >= 1, got " + multiplier);
        }
        if (jitter < 0.0 || jitter >= 1.0) {
            throw new IllegalArgumentException("back-off jitter must be in [0, 1), got " + jitter);
        }
        this.initial = initial;
        this.max = max;
        this.multiplier = multiplier;
        this.jitter = jitter;
        this.random = random;
    }

    /** 1 s doubling up to 30 s, +/- 20 %. */
    public static ReconnectBackoff defaults() {
        return new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 0.2);
    }

    /** The delay to wait before the next attempt; counts one more failure. */
    public Duration nextDelay() {
        double base = Math.min(max.toMillis(), initial.toMillis() * Math.pow(multiplier, failures));
        failures = Math.min(failures + 1, 64);
        double spread = 1.0 - jitter + 2.0 * jitter * random.getAsDouble();
        long millis = Math.round(Math.min(max.toMillis(), base * spread));
        return Duration.ofMillis(Math.max(1, millis));
    }

    /** The source works again: the next failure starts over at {@code initial}. */
    public void reset() {
        failures = 0;
    }

    /** Failures since the last {@link #reset()}. */
    public int failures() {
        return failures;
    }
}
