package io.falconeye.recorder.muxer;

import io.falconeye.media.BundledFfmpeg;
import io.falconeye.media.source.SourceUrl;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One running ffmpeg process built by {@link MuxerCommand}: reports the segments it opens (from
 * its log) and closes (from the CSV segment list on stdout).
 *
 * <p>ffmpeg runs under {@code setpriv --pdeathsig KILL} where available, so it dies with the
 * recorder even when the recorder is SIGKILLed (otherwise an orphan would go on writing while a
 * restarted recorder starts a second one). Note that Linux delivers the signal when the
 * <em>thread</em> that started the process ends: start it from a thread that lives as long as
 * the process (the session thread does).
 */
public final class SegmentMuxer {

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final Pattern OPENING = Pattern.compile("\\] Opening '(.+)' for writing");
    private static final int LOG_LINES_KEPT = 30;

    private final Process process;
    private final Deque<String> log = new ArrayDeque<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private SegmentMuxer(Process process, Path directory, MuxerListener listener, Clock clock) {
        this.process = process;
        this.stdoutReader = daemon("muxer-segments", () -> readSegmentList(process.getInputStream(), directory, listener));
        this.stderrReader = daemon("muxer-log", () -> readLog(process.getErrorStream(), listener, clock));
    }

    /** Starts ffmpeg with {@code args} writing into {@code directory}. */
    public static SegmentMuxer start(List<String> args, Path directory, MuxerListener listener, Clock clock) {
        // stdin stays a pipe: writing 'q' to it is how ffmpeg is asked to finish its files
        ProcessBuilder builder = BundledFfmpeg.processBuilder(args);
        if (Files.isExecutable(SETPRIV)) {
            List<String> command = new ArrayList<>(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
            command.addAll(builder.command());
            builder.command(command);
        }
        // file names carry the UTC time (strftime uses the process's zone)
        builder.environment().put("TZ", "UTC");
        try {
            return new SegmentMuxer(builder.start(), directory, listener, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ffmpeg", e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Kills ffmpeg at once (nothing worth closing: no segment is open). */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        await();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for ffmpeg to exit and for its last report; returns the exit code. */
    public int await() throws InterruptedException {
        int code = process.waitFor();
        stdoutReader.join(5000);
        stderrReader.join(5000);
        return code;
    }

    /**
     * Asks ffmpeg to finish ('q' on its stdin: it closes the current segment properly), kills it
     * after {@code timeout}. Returns true when it ended gracefully.
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        try {
            process.getOutputStream().write('q');
            process.getOutputStream().flush();
        } catch (IOException alreadyGone) {
            // ffmpeg has exited or is exiting
        }
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            await();
            return true;
        }
        process.destroyForcibly();
        await();
        return false;
    }

    /** The most telling recent error line of ffmpeg, credentials masked. */
    public String lastError() {
        synchronized (log) {
            List<String> lines = new ArrayList<>(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i).toLowerCase();
                if (line.contains("error") || line.contains("failed") || line.contains("refused")
                        || line.contains("timed out") || line.contains("not found") || line.contains("unauthorized")
                        || line.contains("end of file") || line.contains("invalid")) {
                    return lines.get(i);
                }
            }
            return lines.isEmpty() ? "ffmpeg ended without a message" : lines.get(lines.size() - 1);
        }
    }

    /** Recent ffmpeg output, credentials masked. */
    public String recentLog() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    private void readSegmentList(InputStream stdout, Path directory, MuxerListener listener) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                SegmentListEntry entry = SegmentListEntry.parse(line);
                if (entry != null) {
                    listener.segmentFinished(directory.resolve(Path.of(entry.fileName()).getFileName()),
                            entry.start(), entry.end());
                }
            }
        } catch (IOException processGone) {
            // ffmpeg exited; nothing more to read
        }
    }

    private void readLog(InputStream stderr, MuxerListener listener, Clock clock) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                // without credentials, and without the context address ("[rtsp @ 0x55..]") that
                // would make the same error look new on every attempt
                String safe = SourceUrl.redact(line).replaceAll(" @ 0x[0-9a-f]+\\]", "]");
                synchronized (log) {
                    log.addLast(safe);
                    if (log.size() > LOG_LINES_KEPT) {
                        log.removeFirst();
                    }
                }
                Matcher opening = OPENING.matcher(line);
                if (opening.find() && !opening.group(1).startsWith("pipe:")) {
                    listener.segmentStarted(Path.of(opening.group(1)), clock.instant());
                }
            }
        } catch (IOException processGone) {
            // ffmpeg exited; nothing more to read
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
