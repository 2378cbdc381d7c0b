package io.falconeye.relay.ingest;

import io.falconeye.media.ReconnectBackoff;
import io.falconeye.relay.frames.FrameHub;
import io.falconeye.relay.frames.FrameSink;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps exactly one ingest running: starts it, restarts it with back-off when the source fails
 * (also when the camera is down at start), and kills it when the source stalls without closing.
 */
public final class IngestSupervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestSupervisor.class);

    /** Prepares the next ingest; resolving ONVIF happens here, so it is retried too. */
    @FunctionalInterface
    public interface Planner {
        Ingest next() throws Exception;
    }

    private final Planner planner;
    private final FrameSink sink;
    private final FrameHub hub;
    private final ReconnectBackoff backoff;
    private final Duration stallTimeout;
    private final BooleanSupplier wanted;
    private final Runnable onReconnect;
    private final UnaryOperator<String> redact;
    /**
     * How long the idle loop and the watchdog sleep at most without a reason to wake: a change of
     * {@code wanted} comes with {@link #wantedMayHaveChanged()}, a new ingest wakes the watchdog.
     */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Thread loop;
    private final Thread watchdog;
    private volatile boolean running;
    private volatile Ingest current;
    private volatile long currentStartedNanos;
    private volatile String lastError;

    /**
     * @param sink        where frames go (the hub, possibly behind a pacer)
     * @param hub         tells when the last frame arrived
     * @param backoff     delays between retries; reset once a source delivered frames
     * @param wanted      false while nobody needs frames and the relay is configured to stop then
     * @param onReconnect counted each time a failed ingest is started again
     */
    public IngestSupervisor(Planner planner, FrameSink sink, FrameHub hub, ReconnectBackoff backoff,
                            Duration stallTimeout, BooleanSupplier wanted, Runnable onReconnect,
                            UnaryOperator<String> redact) {
        this.planner = planner;
        this.sink = sink;
        this.hub = hub;
        this.backoff = backoff;
        this.stallTimeout = stallTimeout;
        this.wanted = wanted;
        this.onReconnect = onReconnect;
        this.redact = redact;
        this.loop = new Thread(this::superviseLoop, "relay-ingest");
        this.loop.setDaemon(true);
        this.watchdog = new Thread(this::watch, "relay-ingest-watchdog");
        this.watchdog.setDaemon(true);
    }

    public void start() {
        running = true;
        loop.start();
        watchdog.start();
    }

    /** Process id of the running ffmpeg, -1 between attempts or for an in-JVM ingest. */
    public long ingestPid() {
        Ingest ingest = current;
        return ingest == null ? -1 : ingest.pid();
    }

    /** Why the source was last unavailable (credentials removed); null when it never failed. */
    public String lastError() {
        return lastError;
    }

    private void superviseLoop() {
        boolean first = true;
        while (running) {
            if (!wanted.getAsBoolean()) {
                LockSupport.parkNanos(IDLE_NANOS);
                continue;
            }
            if (!first) {
                onReconnect.run();
            }
            first = false;
            long framesBefore = hub.framesReceived();
            String reason;
            Duration minDelay = Duration.ZERO;
            try {
                Ingest ingest = planner.next();
                currentStartedNanos = System.nanoTime();
                current = ingest;
                LockSupport.unpark(watchdog);
                if (!running) {
                    break;
                }
                boolean[] announced = {false};
                ingest.run(jpeg -> {
                    if (!announced[0]) {
                        announced[0] = true;
                        LOG.info("receiving frames from the camera");
                    }
                    sink.accept(jpeg);
                });
                reason = "source ended";
            } catch (IngestFailedException e) {
                reason = e.getMessage();
                minDelay = e.minRetryDelay();
            } catch (Exception e) {
                reason = redact.apply(String.valueOf(e.getMessage()));
            } finally {
                current = null;
            }
            if (!running) {
                break;
            }
            if (!wanted.getAsBoolean()) {
                LOG.info("no viewers: ingest paused");
                first = true;
                backoff.reset();
                continue;
            }
            boolean wasUp = hub.framesReceived() > framesBefore;
            if (wasUp) {
                backoff.reset();
            }
            Duration delay = backoff.nextDelay();
            if (delay.compareTo(minDelay) < 0) {
                delay = minDelay;
            }
            // One warning per outage (or new reason); the retries after it only at debug level.
            if (wasUp || !reason.equals(lastError)) {
                LOG.warn("camera source unavailable ({}); retrying with back-off", reason);
            } else {
                LOG.debug("camera source still unavailable ({}); retrying in {} ms", reason, delay.toMillis());
            }
            lastError = reason;
            sleep(delay);
        }
    }

    /**
     * Tells the supervisor that {@code wanted} may have changed (a viewer came or went): an idle
     * ingest starts, an unwanted one stops, without polling.
     */
    public void wantedMayHaveChanged() {
        LockSupport.unpark(loop);
        LockSupport.unpark(watchdog);
    }

    /** Sleeps until the ingest would count as stalled, or until woken (a timer per frame would cost more). */
    private void watch() {
        while (running) {
            LockSupport.parkNanos(checkStalled());
        }
    }

    /** Aborts a stalled or unwanted ingest; returns how long the watchdog may sleep. */
    private long checkStalled() {
        Ingest ingest = current;
        if (ingest == null) {
            return IDLE_NANOS;
        }
        if (!wanted.getAsBoolean()) {
            ingest.abort();
            return IDLE_NANOS;
        }
        long now = System.nanoTime();
        long lastFrame = hub.lastFrameNanos();
        long since = lastFrame == Long.MIN_VALUE || lastFrame - currentStartedNanos < 0 ? currentStartedNanos : lastFrame;
        long stalledFor = now - since;
        if (stalledFor > stallTimeout.toNanos()) {
            LOG.warn("no frame for {} s: restarting the ingest", stallTimeout.toSeconds());
            ingest.abort();
            return IDLE_NANOS;
        }
        return stallTimeout.toNanos() - stalledFor + 1;
    }

    private void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(watchdog);
        Ingest ingest = current;
        if (ingest != null) {
            ingest.abort();
        }
        loop.interrupt();
        try {
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
