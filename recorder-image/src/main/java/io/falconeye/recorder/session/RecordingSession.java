package io.falconeye.recorder.session;

import io.falconeye.media.ReconnectBackoff;
import io.falconeye.media.onvif.OnvifException;
import io.falconeye.media.source.IngestInput;
import io.falconeye.media.source.IngestInputs;
import io.falconeye.media.source.Protocol;
import io.falconeye.media.source.SourceUrl;
import io.falconeye.recorder.config.RecorderConfig;
import io.falconeye.recorder.events.EventReporter;
import io.falconeye.recorder.events.EventType;
import io.falconeye.recorder.events.RecorderEvent;
import io.falconeye.recorder.muxer.AudioHandling;
import io.falconeye.recorder.muxer.MuxerCommand;
import io.falconeye.recorder.muxer.MuxerListener;
import io.falconeye.recorder.muxer.SegmentMuxer;
import io.falconeye.recorder.muxer.SourceFailure;
import io.falconeye.recorder.muxer.SourceProbe;
import io.falconeye.recorder.segments.SegmentLedger;
import io.falconeye.recorder.segments.SegmentRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One recording, start to stop: runs the muxer, and when the source fails (ffmpeg ends on its
 * own) reports the failure, waits with back-off, starts again into a new segment and reports the
 * gap between the last frame written and the first one after.
 */
public final class RecordingSession implements MuxerListener {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingSession.class);

    /** Source connection as seen from the recorder. */
    public enum SourceState { CONNECTING, CONNECTED, RECONNECTING }

    /** A segment being written. */
    public record OpenSegment(Path path, Instant started) {}

    private final String recordingId;
    private final RecorderConfig config;
    private final IngestInputs inputs;
    private final SourceProbe probe;
    private final EventReporter events;
    private final SegmentLedger ledger;
    private final Clock clock;
    private final Runnable afterSegment;
    private final Instant startedAt;
    private final ReconnectBackoff backoff = ReconnectBackoff.defaults();
    private final Map<Path, OpenSegment> open = new ConcurrentHashMap<>();
    private final AtomicInteger segments = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger gaps = new AtomicInteger();
    private final Thread thread;
    private volatile OpenSegment current;
    private volatile SourceState sourceState = SourceState.CONNECTING;
    private volatile String lastError;
    private volatile Instant gapStart;
    private volatile Instant lastWritten;
    private volatile boolean stopping;
    private volatile boolean connectedSinceFailure;
    private final Object sleeper = new Object();
    private volatile SegmentMuxer muxer;

    /**
     * @param afterSegment runs after every finished segment (retention)
     */
    public RecordingSession(String recordingId, RecorderConfig config, IngestInputs inputs,
            EventReporter events, SegmentLedger ledger, Clock clock, Runnable afterSegment) {
        this.recordingId = recordingId;
        this.config = config;
        this.inputs = inputs;
        this.probe = new SourceProbe();
        this.events = events;
        this.ledger = ledger;
        this.clock = clock;
        this.afterSegment = afterSegment;
        this.startedAt = clock.instant();
        this.thread = new Thread(this::run, "recording-" + recordingId);
    }

    public RecordingSession start() {
        thread.start();
        return this;
    }

    private void run() {
        String reportedFailure = null;
        while (!stopping) {
            String failure;
            try {
                failure = recordOnce();
            } catch (InterruptedException e) {
                break;
            }
            if (stopping) {
                break;
            }
            lastError = failure;
            if (connectedSinceFailure) {
                connectedSinceFailure = false;
                reportedFailure = null;
            }
            sourceState = SourceState.RECONNECTING;
            if (gapStart == null) {
                // a camera down at start: the gap runs from the start of the recording
                gapStart = lastWritten != null ? lastWritten : startedAt;
            }
            if (!failure.equals(reportedFailure)) {
                events.report(RecorderEvent.of(EventType.FAILURE, recordingId, clock.instant()).withReason(failure));
                reportedFailure = failure;
            }
            Duration delay = backoff.nextDelay();
            LOG.warn("source failed ({}); reconnecting in {} ms", failure, delay.toMillis());
            try {
                synchronized (sleeper) {
                    if (!stopping) {
                        sleeper.wait(delay.toMillis());
                    }
                }
            } catch (InterruptedException e) {
                break;
            }
        }
        if (gapStart != null) {
            reportGap(clock.instant());
        }
    }

    /** Runs ffmpeg until it ends; returns why it ended (when not asked to). */
    private String recordOnce() throws InterruptedException {
        IngestInput input;
        boolean encode;
        AudioHandling audio;
        try {
            input = inputs.resolve(config.source());
            encode = config.source().protocol() == Protocol.HTTP || config.source().protocol() == Protocol.USB;
            if (encode) {
                audio = AudioHandling.NONE;
            } else {
                SourceProbe.Streams streams = probe.streams(input);
                audio = AudioHandling.forCodec(streams.audioCodec());
            }
        } catch (SourceFailure | OnvifException | IllegalArgumentException e) {
            return SourceUrl.redact(e.getMessage());
        }
        if (stopping) {
            return "stopped";
        }
        try {
            Files.createDirectories(config.cameraDirectory());
        } catch (IOException e) {
            return "cannot create " + config.cameraDirectory() + ": " + e.getMessage();
        }
        SegmentMuxer started;
        try {
            started = SegmentMuxer.start(MuxerCommand.args(input, encode, audio, config.cameraDirectory(),
                    config.cameraName(), config.segmentSeconds()), config.cameraDirectory(), this, clock);
        } catch (RuntimeException e) {
            return "cannot start ffmpeg: " + e.getMessage();
        }
        muxer = started;
        LOG.info("recording {} from {} (video {}, audio {}), ffmpeg pid {}", recordingId,
                input.redactedArgs().get(input.redactedArgs().size() - 1), encode ? "to H.264" : "copied",
                audio.name().toLowerCase(), started.pid());
        if (stopping) {
            started.kill();
        }
        int code = started.await();
        closeLeftovers();
        return "ffmpeg exited with code " + code + ": " + started.lastError();
    }

    /** Segments ffmpeg could not close (it was killed): recorded as finished as they are. */
    private void closeLeftovers() {
        for (OpenSegment segment : open.values()) {
            double seconds = Double.NaN;
            try {
                seconds = new SourceProbe().durationSeconds(segment.path()); // also when the source probe is cancelled
            } catch (SourceFailure unreadable) {
                LOG.warn("segment {} left unreadable: {}", segment.path().getFileName(), unreadable.getMessage());
            }
            finish(segment, Double.isNaN(seconds) ? 0 : seconds);
        }
    }

    @Override
    public void segmentStarted(Path file, Instant at) {
        SegmentRecord earlier = ledger.get(file.getFileName().toString());
        if (earlier != null && earlier.finished()) {
            // two segments opened within one second (a burst after a stall): ffmpeg reused the name
            events.report(RecorderEvent.of(EventType.FAILURE, recordingId, at)
                    .withFile(file.toString(), file.getFileName().toString())
                    .withReason("segment file name reused within one second; the earlier segment was overwritten"));
        }
        OpenSegment segment = new OpenSegment(file, at);
        open.put(file, segment);
        current = segment;
        if (gapStart != null) {
            reportGap(at);
        }
        sourceState = SourceState.CONNECTED;
        connectedSinceFailure = true;
        backoff.reset();
        ledger.record(new SegmentRecord(file.getFileName().toString(), recordingId, SegmentRecord.STARTED,
                at.toString(), null, null, null));
        events.report(RecorderEvent.of(EventType.SEGMENT_STARTED, recordingId, at)
                .withFile(file.toString(), file.getFileName().toString())
                .withTimes(at, null));
    }

    @Override
    public void segmentFinished(Path file, double streamStart, double streamEnd) {
        OpenSegment segment = open.get(file);
        if (segment == null) {
            segment = new OpenSegment(file, clock.instant());
        }
        finish(segment, Math.max(0, streamEnd - streamStart));
    }

    /**
     * A live source is read in real time, so the moment ffmpeg closes a segment is its end on the
     * wall clock; its start follows from the stream duration. (The time a file is opened is late
     * for the first segment of a connection, which starts with the buffered probe data.)
     */
    private void finish(OpenSegment segment, double seconds) {
        if (open.remove(segment.path()) == null && ledger.get(segment.path().getFileName().toString()) != null
                && ledger.get(segment.path().getFileName().toString()).finished()) {
            return;
        }
        long size;
        try {
            size = Files.size(segment.path());
        } catch (IOException e) {
            size = 0;
        }
        Instant end = clock.instant();
        Instant start = end.minusMillis(Math.round(seconds * 1000));
        lastWritten = end;
        segments.incrementAndGet();
        bytes.addAndGet(size);
        if (current != null && current.path().equals(segment.path())) {
            current = null;
        }
        double rounded = Math.round(seconds * 1000) / 1000.0;
        ledger.record(new SegmentRecord(segment.path().getFileName().toString(), recordingId, SegmentRecord.FINISHED,
                start.toString(), end.toString(), size, rounded));
        events.report(RecorderEvent.of(EventType.SEGMENT_FINISHED, recordingId, end)
                .withFile(segment.path().toString(), segment.path().getFileName().toString())
                .withSize(size, rounded)
                .withTimes(start, end));
        afterSegment.run();
    }

    private synchronized void reportGap(Instant end) {
        Instant start = gapStart;
        if (start == null) {
            return;
        }
        gapStart = null;
        gaps.incrementAndGet();
        events.report(RecorderEvent.of(EventType.GAP, recordingId, clock.instant())
                .withTimes(start, end)
                .withSize(null, Math.round(Duration.between(start, end).toMillis()) / 1000.0)
                .withReason(lastError == null ? "source unavailable" : lastError));
    }

    /**
     * Stops: ffmpeg gets SIGTERM and closes the current segment; after {@code timeout} it is
     * killed. Returns true when it ended gracefully.
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        stopping = true;
        probe.cancel();
        boolean graceful = true;
        SegmentMuxer running = muxer;
        if (running != null && running.isAlive()) {
            if (open.isEmpty()) {
                running.kill(); // still connecting: no file to close
            } else {
                graceful = running.stop(timeout);
            }
        }
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        // not interrupted: the thread may be writing the ledger of the segment just closed
        thread.join(timeout.toMillis() + 5_000);
        return graceful;
    }

    public String recordingId() {
        return recordingId;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Optional<OpenSegment> currentSegment() {
        return Optional.ofNullable(current);
    }

    public SourceState sourceState() {
        return sourceState;
    }

    public String lastError() {
        return lastError;
    }

    public int segmentCount() {
        return segments.get();
    }

    public long bytesWritten() {
        return bytes.get();
    }

    public int gapCount() {
        return gaps.get();
    }

    /** ffmpeg's process id while it runs (for tests and diagnostics), else -1. */
    public long muxerPid() {
        SegmentMuxer running = muxer;
        return running != null && running.isAlive() ? running.pid() : -1;
    }
}
