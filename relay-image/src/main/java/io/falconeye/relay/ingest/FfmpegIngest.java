package io.falconeye.relay.ingest;

import io.falconeye.media.BundledFfmpeg;
import io.falconeye.relay.frames.FrameSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single ingest process: one ffmpeg that reads the camera and writes JPEGs to its stdout,
 * which are split and handed to the sink as they arrive.
 */
public final class FfmpegIngest implements Ingest {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegIngest.class);
    private static final int KEPT_ERROR_LINES = 5;

    private final IngestPlan plan;
    private final UnaryOperator<String> redact;
    private final String where;
    private volatile Process process;
    private volatile boolean aborted;

    /**
     * @param redact removes credentials from ffmpeg's messages before they are logged
     * @param where  the source as errors name it (device path, or URL without credentials)
     */
    public FfmpegIngest(IngestPlan plan, UnaryOperator<String> redact, String where) {
        this.plan = plan;
        this.redact = redact;
        this.where = where;
    }

    /** Runs until the source ends or fails, or {@link #abort()} is called; always throws then. */
    @Override
    public void run(FrameSink sink) throws IOException {
        Process started = BundledFfmpeg.processBuilder(plan.args())
                .start();
        started.getOutputStream().close();
        process = started;
        if (aborted) {
            started.destroyForcibly();
        }
        Deque<String> errors = new ArrayDeque<>();
        Thread stderr = new Thread(() -> collectErrors(started, errors), "relay-ffmpeg-stderr");
        stderr.setDaemon(true);
        stderr.start();
        try {
            new MultipartJpegReader(started.getInputStream(), IngestPlan.BOUNDARY).readAll(sink);
        } catch (IOException e) {
            if (!aborted) {
                LOG.debug("reading ffmpeg output failed", e);
            }
        } finally {
            started.destroy();
            waitForExit(started);
            joinQuietly(stderr);
        }
        if (aborted) {
            throw new IngestFailedException("ingest stopped");
        }
        String lastError;
        synchronized (errors) {
            lastError = errors.isEmpty() ? "no error message" : errors.peekLast();
        }
        if (started.exitValue() == 0 && errors.isEmpty()) {
            throw new IngestFailedException("the camera ended the stream");
        }
        throw new IngestFailedException("ffmpeg ended (exit " + started.exitValue() + ") reading " + where + ": "
                + lastError);
    }

    /** Stops the ingest from another thread; {@link #run} then returns with an exception. */
    @Override
    public void abort() {
        aborted = true;
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
        }
    }

    @Override
    public long pid() {
        Process running = process;
        return running == null ? -1 : running.pid();
    }

    private void collectErrors(Process started, Deque<String> errors) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(started.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String safe = redact.apply(line.strip());
                if (safe.isEmpty()) {
                    continue;
                }
                LOG.debug("ffmpeg: {}", safe);
                synchronized (errors) {
                    errors.addLast(safe);
                    if (errors.size() > KEPT_ERROR_LINES) {
                        errors.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("ffmpeg stderr closed", e);
        }
    }

    private static void waitForExit(Process started) {
        try {
            if (!started.waitFor(2, TimeUnit.SECONDS)) {
                started.destroyForcibly();
                started.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            started.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
