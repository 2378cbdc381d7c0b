package io.falconeye.operator.reconcile;

import io.falconeye.operator.api.CameraStatus;
import io.falconeye.operator.model.CameraStatuses;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds back the status write of a camera's starting step ({@link CameraStatuses#isStartingStep})
 * for up to {@link #WINDOW}, so that the steps of one start (relay placed, relay ready, recorder
 * ready) share one write. Each write is sent to every watcher of Cameras and reconciled once more;
 * in a burst of new cameras the steps made 4.2 writes a camera, now about two: the first status,
 * then Ready. The price: a held-back condition's lastTransitionTime is the time of the write, at
 * most {@link #WINDOW} after the step. Ready, errors, Stopped and spec changes are never held.
 *
 * <p>JOSDK never reconciles one resource on two threads at once, so each camera's entry is only
 * touched by one thread at a time.
 */
final class StartingStepHold {

    static final Duration WINDOW = Duration.ofSeconds(2);

    /** Entries of deleted cameras are not removed one by one: all are dropped past this size. */
    private static final int MAX_ENTRIES = 20_000;

    private final Map<ResourceID, Instant> heldSince = new ConcurrentHashMap<>();

    /**
     * How long to hold back writing {@code desired} over {@code current}; empty to write it now (or
     * when there is nothing to write). The hold starts with a camera's first held step and ends
     * {@link #WINDOW} later at the latest.
     */
    Optional<Duration> holdBack(ResourceID camera, CameraStatus current, CameraStatus desired, Instant now) {
        if (Objects.equals(current, desired) || !CameraStatuses.isStartingStep(current, desired)) {
            heldSince.remove(camera);
            return Optional.empty();
        }
        if (heldSince.size() >= MAX_ENTRIES) {
            heldSince.clear();
        }
        Duration left = Duration.between(now, heldSince.computeIfAbsent(camera, id -> now).plus(WINDOW));
        if (left.isNegative() || left.isZero()) {
            heldSince.remove(camera);
            return Optional.empty();
        }
        return Optional.of(left);
    }
}
