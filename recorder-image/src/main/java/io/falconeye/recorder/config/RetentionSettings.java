package io.falconeye.recorder.config;

import java.time.Duration;

/**
 * Retention limits. Zero switches a limit off.
 *
 * @param maxAge files whose last write is older are deleted ({@code RETENTION_MAX_AGE_DAYS})
 * @param maxBytes this camera's files are trimmed, oldest first, to this total ({@code RETENTION_MAX_BYTES})
 * @param minFreeBytes the node's free-space guard deletes the oldest files on the recordings
 *     volume while less is free ({@code MIN_FREE_BYTES})
 * @param interval how often the limits are checked besides after every finished segment
 */
public record RetentionSettings(Duration maxAge, long maxBytes, long minFreeBytes, Duration interval) {

    public boolean ageLimited() {
        return !maxAge.isZero();
    }

    public boolean sizeLimited() {
        return maxBytes > 0;
    }

    public boolean freeSpaceGuarded() {
        return minFreeBytes > 0;
    }
}
