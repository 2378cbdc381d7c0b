package io.falconeye.recorder.retention;

import io.falconeye.recorder.config.RecorderConfig;
import io.falconeye.recorder.events.EventReporter;
import io.falconeye.recorder.events.EventType;
import io.falconeye.recorder.events.RecorderEvent;
import io.falconeye.recorder.segments.RecordingFiles;
import io.falconeye.recorder.segments.StoredFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies {@link RetentionPlanner}'s decisions: deletes the files and reports each deletion. */
public final class RetentionEnforcer {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionEnforcer.class);

    private final RecorderConfig config;
    private final EventReporter events;
    private final Clock clock;
    private final Supplier<Set<Path>> inUse;
    private final LongSupplier usableBytes;

    /**
     * @param inUse the segment being written right now (never deleted)
     * @param usableBytes free bytes on the recordings volume
     */
    public RetentionEnforcer(RecorderConfig config, EventReporter events, Clock clock, Supplier<Set<Path>> inUse,
            LongSupplier usableBytes) {
        this.config = config;
        this.events = events;
        this.clock = clock;
        this.inUse = inUse;
        this.usableBytes = usableBytes;
    }

    /** Free bytes of the file system holding {@code root}. */
    public static long usableBytes(Path root) {
        try {
            return Files.getFileStore(root).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read free space of " + root, e);
        }
    }

    /** Applies the camera's limits, then the node's free-space guard; returns what was deleted. */
    public synchronized List<Deletion> enforce() {
        List<Deletion> done = new ArrayList<>();
        Set<Path> busy = inUse.get();
        if (config.retention().ageLimited() || config.retention().sizeLimited()) {
            // only then: listing a camera folder of thousands of files after every segment is not free
            List<StoredFile> own = RecordingFiles.ofCamera(config.recordingsPath(), config.cameraId());
            for (Deletion deletion : RetentionPlanner.perCamera(own, busy, clock.instant(), config.retention())) {
                delete(deletion, done);
            }
        }
        if (config.retention().freeSpaceGuarded()) {
            long usable = usableBytes.getAsLong();
            if (usable < config.retention().minFreeBytes()) {
                List<Deletion> plan = RetentionPlanner.freeSpace(RecordingFiles.all(config.recordingsPath()), busy,
                        usable, config.retention().minFreeBytes());
                if (plan.isEmpty()) {
                    LOG.warn("free space {} bytes is below the minimum {} and no recording is left to delete",
                            usable, config.retention().minFreeBytes());
                }
                for (Deletion deletion : plan) {
                    delete(deletion, done);
                }
            }
        }
        return done;
    }

    private void delete(Deletion deletion, List<Deletion> done) {
        StoredFile file = deletion.file();
        try {
            if (!Files.deleteIfExists(file.path())) {
                return; // another recorder's guard was faster
            }
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file.path(), e.getMessage());
            return;
        }
        done.add(deletion);
        RecorderEvent event = RecorderEvent.of(EventType.FILE_DELETED, null, clock.instant())
                .withFile(file.path().toString(), file.fileName())
                .withSize(file.sizeBytes(), null)
                .withTimes(file.startTime(), file.lastModified())
                .withReason(deletion.reason());
        if (file.cameraId().equals(config.cameraId())) {
            events.report(event);
        } else {
            events.reportAs(event.withCamera(file.cameraId(), null, config.nodeName()));
        }
    }
}
