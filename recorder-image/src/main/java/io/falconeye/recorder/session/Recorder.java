package io.falconeye.recorder.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.falconeye.media.source.IngestInputs;
import io.falconeye.recorder.config.RecorderConfig;
import io.falconeye.recorder.events.EventJournal;
import io.falconeye.recorder.events.EventReporter;
import io.falconeye.recorder.events.EventType;
import io.falconeye.recorder.events.RecorderEvent;
import io.falconeye.recorder.muxer.SourceFailure;
import io.falconeye.recorder.muxer.SourceProbe;
import io.falconeye.recorder.retention.RetentionEnforcer;
import io.falconeye.recorder.segments.RecordingFiles;
import io.falconeye.recorder.segments.SegmentLedger;
import io.falconeye.recorder.segments.SegmentRecord;
import io.falconeye.recorder.segments.StoredFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recorder of one camera: idle until started, then one {@link RecordingSession} until
 * stopped. Finds the files of a previous run at start, keeps retention, and resumes a recording
 * the previous process did not stop (it was killed).
 */
public final class Recorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    private static final Pattern RECORDING_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");

    /** As the earlier recorder reported it. */
    public enum Status { IDLE, RECORDING, STOPPED }

    private final RecorderConfig config;
    private final EventReporter events;
    private final SegmentLedger ledger;
    private final SourceProbe probe = new SourceProbe();
    private final IngestInputs inputs;
    private final Clock clock;
    private final RetentionEnforcer retention;
    private final ScheduledExecutorService housekeeping;
    private final Path activeFile;
    private RecordingSession session;
    private RecordingSession last;

    public Recorder(RecorderConfig config, EventReporter events, IngestInputs inputs, Clock clock) {
        this.config = config;
        this.events = events;
        this.inputs = inputs;
        this.clock = clock;
        this.ledger = new SegmentLedger(config.stateDirectory());
        this.activeFile = config.stateDirectory().resolve("active-recording");
        this.retention = new RetentionEnforcer(config, events, clock, this::filesInUse,
                () -> RetentionEnforcer.usableBytes(config.recordingsPath()));
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "retention");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Files.createDirectories(config.cameraDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + config.cameraDirectory(), e);
        }
    }

    /**
     * Reports files a previous run left unfinished, starts retention, and resumes the recording
     * that was running when the previous process died (when auto-resume is on).
     */
    public void open() {
        recoverPreviousRun();
        long every = config.retention().interval().toMillis();
        housekeeping.scheduleWithFixedDelay(this::enforceRetentionQuietly, 0, every, TimeUnit.MILLISECONDS);
        Optional<String> interrupted = activeRecordingOfPreviousRun();
        if (interrupted.isPresent() && config.autoResume()) {
            LOG.info("resuming recording {} that the previous process did not stop", interrupted.get());
            try {
                start(interrupted.get(), null);
            } catch (RecorderException alreadyStarted) {
                LOG.info("not resumed: {}", alreadyStarted.getMessage());
            }
        }
    }

    /** Every file a previous run left unfinished is closed in the ledger and reported. */
    private void recoverPreviousRun() {
        List<StoredFile> files = RecordingFiles.ofCamera(config.recordingsPath(), config.cameraId());
        List<String> names = files.stream().map(StoredFile::fileName).toList();
        for (String name : ledger.unfinished(names)) {
            Path path = config.cameraDirectory().resolve(name);
            StoredFile file = files.stream().filter(f -> f.fileName().equals(name)).findFirst().orElseThrow();
            double seconds;
            String reason = "left unfinished by a previous run";
            try {
                seconds = probe.durationSeconds(path);
                if (Double.isNaN(seconds)) {
                    seconds = 0;
                }
            } catch (SourceFailure unreadable) {
                seconds = 0;
                reason = "left unfinished by a previous run; unreadable: " + unreadable.getMessage();
            }
            SegmentRecord known = ledger.get(name);
            String recordingId = known == null ? null : known.recordingId();
            double rounded = Math.round(seconds * 1000) / 1000.0;
            Instant start = known != null && known.startTime() != null ? Instant.parse(known.startTime()) : file.startTime();
            Instant end = start.plusMillis(Math.round(seconds * 1000));
            ledger.record(new SegmentRecord(name, recordingId, SegmentRecord.FINISHED, start.toString(), end.toString(),
                    file.sizeBytes(), rounded));
            events.report(RecorderEvent.of(EventType.SEGMENT_RECOVERED, recordingId, clock.instant())
                    .withFile(path.toString(), name)
                    .withSize(file.sizeBytes(), rounded)
                    .withTimes(start, end)
                    .withReason(reason));
        }
        ledger.compact(new HashSet<>(names));
    }

    private Optional<String> activeRecordingOfPreviousRun() {
        try {
            if (!Files.exists(activeFile)) {
                return Optional.empty();
            }
            JsonNode json = EventJournal.JSON.readTree(Files.readString(activeFile));
            return Optional.ofNullable(json.path("recording_id").asText(null));
        } catch (IOException e) {
            LOG.warn("ignoring unreadable {}: {}", activeFile, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Starts recording.
     *
     * @param recordingId the Recording's id; null: a new random id
     * @param cameraId when given, must be this recorder's camera
     * @throws RecorderException 400 for a malformed id, 404 for another camera, 409 when recording
     */
    public synchronized RecordingSession start(String recordingId, String cameraId) {
        if (cameraId != null && !cameraId.equals(config.cameraId())) {
            throw new RecorderException(404, "Unknown camera", "this recorder records camera '" + config.cameraId()
                    + "', not '" + cameraId + "'");
        }
        String id = recordingId == null ? java.util.UUID.randomUUID().toString() : recordingId;
        if (!RECORDING_ID.matcher(id).matches()) {
            throw new RecorderException(400, "Invalid recording id",
                    "recording_id must be 1-128 letters, digits, '.', '_', ':' or '-'");
        }
        if (session != null) {
            throw new RecorderException(409, "Already recording", "camera '" + config.cameraId()
                    + "' is already recording (recording_id " + session.recordingId() + "); stop it first");
        }
        try {
            Files.createDirectories(config.cameraDirectory());
            Files.writeString(activeFile, EventJournal.JSON.writeValueAsString(
                    Map.of("recording_id", id, "started_at", clock.instant().toString())));
        } catch (IOException e) {
            throw new RecorderException(500, "Cannot record", "cannot write to " + config.recordingsPath()
                    + ": " + e.getMessage());
        }
        events.report(RecorderEvent.of(EventType.RECORDING_STARTED, id, clock.instant()));
        session = new RecordingSession(id, config, inputs, events, ledger, clock,
                () -> housekeeping.execute(this::enforceRetentionQuietly)).start();
        return session;
    }

    /**
     * Stops gracefully (current segment closed), forced after the stop timeout.
     *
     * @throws RecorderException 409 when not recording
     */
    public synchronized RecordingSession stop() {
        if (session == null) {
            throw new RecorderException(409, "Not recording", "camera '" + config.cameraId() + "' is not recording");
        }
        RecordingSession stopping = session;
        boolean graceful;
        try {
            graceful = stopping.stop(config.stopTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            graceful = false;
        }
        try {
            Files.deleteIfExists(activeFile);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", activeFile, e.getMessage());
        }
        events.report(RecorderEvent.of(EventType.RECORDING_STOPPED, stopping.recordingId(), clock.instant())
                .withTimes(stopping.startedAt(), clock.instant())
                .withReason(graceful ? "stopped" : "stopped; ffmpeg killed after " + config.stopTimeout().toSeconds() + " s"));
        last = stopping;
        session = null;
        return stopping;
    }

    public synchronized Status status() {
        return session != null ? Status.RECORDING : last != null ? Status.STOPPED : Status.IDLE;
    }

    /** The running session, else the last one (stopped), else empty. */
    public synchronized Optional<RecordingSession> currentOrLast() {
        return Optional.ofNullable(session != null ? session : last);
    }

    public SegmentLedger ledger() {
        return ledger;
    }

    public RecorderConfig config() {
        return config;
    }

    public RetentionEnforcer retention() {
        return retention;
    }

    private synchronized Set<Path> filesInUse() {
        if (session == null) {
            return Set.of();
        }
        return session.currentSegment().map(s -> Set.of(s.path())).orElse(Set.of());
    }

    private void enforceRetentionQuietly() {
        try {
            retention.enforce();
        } catch (RuntimeException e) {
            LOG.warn("retention: {}", e.getMessage());
        }
    }

    /** Stops a running recording but keeps it marked active, so the next start resumes it. */
    @Override
    public void close() {
        RecordingSession running;
        synchronized (this) {
            running = session;
        }
        if (running != null) {
            try {
                running.stop(config.stopTimeout());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        housekeeping.shutdownNow();
    }

    /** Helper for listings: files of this camera with their total. */
    public List<StoredFile> files() {
        return RecordingFiles.ofCamera(config.recordingsPath(), config.cameraId());
    }
}
