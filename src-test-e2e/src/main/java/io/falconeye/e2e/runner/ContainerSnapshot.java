package io.falconeye.e2e.runner;

import java.time.Instant;

/**
 * What the runner knows about one container at a moment, for its containerStatus: running since
 * {@code startedAt} (with {@code pid}), or waiting for {@code waitingReason}; the last exit.
 */
public record ContainerSnapshot(
        String name,
        String image,
        long pid,
        Instant startedAt,
        String waitingReason,
        String waitingMessage,
        boolean ready,
        int restartCount,
        Integer lastExitCode,
        Instant lastStartedAt,
        Instant lastFinishedAt) {

    public boolean running() {
        return startedAt != null;
    }
}
