package io.falconeye.relay;

import static org.awaitility.Awaitility.await;

import io.falconeye.media.BundledFfmpeg;
import io.falconeye.testsupport.media.MjpegTestServer;
import io.falconeye.testsupport.media.RtspCamera;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prints the relay's figures next to the earlier design's (one ffmpeg per viewer), measured side
 * by side in one run. Not part of the normal build: {@code mvn -pl relay-image -am -Pbench verify}.
 */
@Tag("benchmark")
class RelayBenchmarkIT {

    private static final int FPS = 15;
    private static final int QUALITY = 5;
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Duration WINDOW = Duration.ofSeconds(Long.getLong("bench.window.seconds", 10));
    private static final int[] VIEWERS = {1, 5, 20};
    /** Windows of the side-by-side comparison; the goals are checked against their median. */
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);

    private final StringBuilder report = new StringBuilder();

    @Test
    void printFigures() throws Exception {
        line("Relay benchmark, %d fps, JPEG q=%d, %d s windows, %d cores (shared machine: figures are noisy)",
                FPS, QUALITY, WINDOW.toSeconds(), Runtime.getRuntime().availableProcessors());
        for (String size : System.getProperty("bench.sizes", "640x480,1920x1080").split(",")) {
            String[] wh = size.trim().split("x");
            measureSize(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
        }
        Path out = Path.of("target", "benchmark-relay.txt");
        Files.writeString(out, report);
        System.out.println("\n" + report + "\n(written to " + out.toAbsolutePath() + ")");
    }

    private void measureSize(int width, int height) throws Exception {
        line("");
        line("== %dx%d, H.264 + G.711 RTSP source ==", width, height);
        try (RtspCamera camera = RtspCamera.start(RtspCamera.Options.defaults().size(width, height).fps(FPS))) {
            String source = camera.url("/h264");
            List<Double> firstFrameMs = new ArrayList<>();
            List<Double> latencyMs = new ArrayList<>();
            ViewerCounts relay;
            SideBySide sideBySide;
            List<Process> relays = new ArrayList<>();
            try {
                List<Integer> ports = new ArrayList<>();
                for (int ignored : VIEWERS) {
                    relays.add(startRelay(source, width, height));
                }
                for (Process started : relays) {
                    ports.add(awaitRelay(started));
                }
                warmUp(ports);
                relay = compareViewerCounts(relays, ports, latencyMs);
                // The first relay goes on alone: the per-frame comparison shares the machine with nothing else.
                relays.subList(1, relays.size()).forEach(RelayBenchmarkIT::stop);
                for (int i = 0; i < 20; i++) {
                    firstFrameMs.add(timeToFirstFrameMs(ports.get(0)));
                    Thread.sleep(100);
                }
                sideBySide = compareSideBySide(relays.get(0), ports.get(0), source, width, height);
            } finally {
                relays.forEach(RelayBenchmarkIT::stop);
            }
            // A fresh camera session for the baseline, as the relay had when it started.
            camera.stop();
            camera.start();
            List<Window> perViewer = new ArrayList<>();
            for (int n : VIEWERS) {
                perViewer.add(measureFfmpegPerViewer(source, width, height, n));
            }

            line("%-8s | %-28s | %-28s", "viewers", "relay: CPU cores, fps/viewer", "ffmpeg per viewer: CPU, fps/viewer");
            for (int i = 0; i < VIEWERS.length; i++) {
                line("%-8d | %8.3f cores %8.1f fps    | %8.3f cores %8.1f fps", VIEWERS[i],
                        relay.medianCores().get(i), relay.medianFpsPerViewer().get(i),
                        perViewer.get(i).cores(), perViewer.get(i).fpsPerViewer());
            }
            line("relay CPU 20 viewers / 1 viewer, same windows: median %.2fx (goal <= 1.3x); ffmpeg-per-viewer: %.2fx",
                    median(relay.mostToOne()), perViewer.get(VIEWERS.length - 1).cores() / perViewer.get(0).cores());
            line("relay CPU per frame vs one ffmpeg CLI doing the same transcode, same windows: median %.2fx (goal <= 1.15x)",
                    median(sideBySide.relayToCli()));
            line("MJPEG passthrough of the same JPEGs vs transcode, same windows: median %.3fx (goal <= 0.1x)",
                    median(sideBySide.passthroughToTranscode()));
            line("new viewer's time to first frame: median %.1f ms, p95 %.1f ms, max %.1f ms (goal <= 100 ms)",
                    percentile(firstFrameMs, 50), percentile(firstFrameMs, 95), percentile(firstFrameMs, 100));
            line("frame latency through the relay (ffmpeg hands over a JPEG -> viewer has it): median %.1f ms, p95 %.1f ms",
                    percentile(latencyMs, 50), percentile(latencyMs, 95));
        }
    }

    /**
     * Relay CPU (JVM plus its ffmpeg) per viewer count, medians over {@code bench.rounds} windows,
     * and the ratio of the most viewers to one viewer in each window.
     */
    record ViewerCounts(List<Double> medianCores, List<Double> medianFpsPerViewer, List<Double> mostToOne) {}

    /**
     * One warmed-up relay per viewer count, all on the same camera and measured in the same windows:
     * 1, 5 and 20 viewers see the same machine at the same moment, so its drift between windows
     * cannot pass for a cost or a saving of fan-out (measured one after the other, 20 viewers once
     * came out cheaper than one).
     */
    private ViewerCounts compareViewerCounts(List<Process> relays, List<Integer> ports, List<Double> latencyMs)
            throws Exception {
        List<List<Window>> windows = new ArrayList<>();
        for (int ignored : VIEWERS) {
            windows.add(new ArrayList<>());
        }
        List<Double> mostToOne = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            List<Reader> readers = new ArrayList<>();
            try {
                List<Subject> subjects = new ArrayList<>();
                for (int r = 0; r < VIEWERS.length; r++) {
                    List<Reader> viewers = new ArrayList<>();
                    for (int i = 0; i < VIEWERS[r]; i++) {
                        viewers.add(Reader.relayViewer(ports.get(r), r == 0 && i == 0 && round == 1 ? latencyMs : null));
                    }
                    readers.addAll(viewers);
                    long pid = relays.get(r).pid();
                    subjects.add(new Subject(() -> ProcessCpu.treeNanos(pid), () -> ProcessCpu.nanos(pid), viewers));
                }
                List<Window> measured = measureTogether(subjects);
                StringBuilder text = new StringBuilder();
                for (int r = 0; r < VIEWERS.length; r++) {
                    Window w = measured.get(r);
                    windows.get(r).add(w);
                    text.append(String.format(Locale.ROOT, "%s%d viewer(s) %.3f cores (JVM %.3f)",
                            r == 0 ? "" : ", ", VIEWERS[r], w.cores(), w.jvmCores()));
                }
                mostToOne.add(measured.get(VIEWERS.length - 1).cores() / measured.get(0).cores());
                line("   (window %d: relay transcoding, %s: %.2fx)", round, text, mostToOne.get(round - 1));
            } finally {
                readers.forEach(Reader::close);
            }
        }
        return new ViewerCounts(
                windows.stream().map(ws -> median(ws.stream().map(Window::cores).toList())).toList(),
                windows.stream().map(ws -> median(ws.stream().map(Window::fpsPerViewer).toList())).toList(),
                mostToOne);
    }

    /** The earlier design: one {@code ffmpeg ... -f image2pipe -vcodec mjpeg} per viewer. */
    private Window measureFfmpegPerViewer(String source, int width, int height, int viewers) throws Exception {
        List<Process> processes = new ArrayList<>();
        List<Reader> readers = new ArrayList<>();
        Path errors = Files.createTempFile("bench-ffmpeg", ".log");
        try {
            for (int i = 0; i < viewers; i++) {
                Process ffmpeg = startCli(source, width, height, errors);
                processes.add(ffmpeg);
                readers.add(Reader.jpegPipe(ffmpeg.getInputStream()));
            }
            return measure(() -> ProcessCpu.sumNanos(processes), () -> 0L, readers);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("per-viewer ffmpeg produced no frame: " + Files.readString(errors), e);
        } finally {
            readers.forEach(Reader::close);
            processes.forEach(RelayBenchmarkIT::stop);
            Files.deleteIfExists(errors);
        }
    }

    /** Per-frame CPU ratios of the rounds of {@link #compareSideBySide}. */
    record SideBySide(List<Double> relayToCli, List<Double> passthroughToTranscode) {}

    /**
     * The two per-frame goals, measured side by side in the same windows (so that the machine's
     * drift between windows cancels out), over {@code bench.rounds} windows: the transcoding relay
     * with one viewer; one ffmpeg CLI doing the same transcode from the same camera; and a second
     * relay passing through, from an HTTP MJPEG camera, the very JPEGs the first relay produced
     * (same picture, same sizes: only the way they arrive differs).
     */
    private SideBySide compareSideBySide(Process relay, int port, String source, int width, int height)
            throws Exception {
        List<byte[]> relayed = captureFrames(port, 4 * FPS);
        List<Double> relayToCli = new ArrayList<>();
        List<Double> passthroughToTranscode = new ArrayList<>();
        try (MjpegTestServer camera = MjpegTestServer.serving(relayed, FPS)) {
            Process passthrough = startRelayWith(List.of("SOURCE_URL=" + camera.url()));
            try {
                int passthroughPort = awaitRelay(passthrough);
                warmUp(passthroughPort);
                for (int round = 1; round <= ROUNDS; round++) {
                    List<Window> windows = measureRound(relay, port, passthrough, passthroughPort, source, width, height);
                    Window transcode = windows.get(0);
                    Window cli = windows.get(1);
                    Window passed = windows.get(2);
                    relayToCli.add(transcode.cpuMsPerFrame() / cli.cpuMsPerFrame());
                    passthroughToTranscode.add(passed.cpuMsPerFrame() / transcode.cpuMsPerFrame());
                    line("   (window %d: relay %.2f ms/frame (JVM %.3f + ffmpeg %.3f cores), ffmpeg CLI %.2f ms/frame: %.2fx;"
                                    + " passthrough %.3f ms/frame (%.1f KB JPEGs): %.3fx)",
                            round, transcode.cpuMsPerFrame(), transcode.jvmCores(), transcode.cores() - transcode.jvmCores(),
                            cli.cpuMsPerFrame(), relayToCli.get(round - 1), passed.cpuMsPerFrame(),
                            relayed.stream().mapToInt(j -> j.length).average().orElse(0) / 1000,
                            passthroughToTranscode.get(round - 1));
                }
            } finally {
                stop(passthrough);
            }
        }
        return new SideBySide(relayToCli, passthroughToTranscode);
    }

    private List<Window> measureRound(Process relay, int port, Process passthrough, int passthroughPort, String source,
            int width, int height) throws Exception {
        List<Reader> readers = new ArrayList<>();
        Process cli = startCli(source, width, height, null);
        try {
            Reader transcodeViewer = Reader.relayViewer(port, null);
            readers.add(transcodeViewer);
            Reader cliReader = Reader.jpegPipe(cli.getInputStream());
            readers.add(cliReader);
            Reader passthroughViewer = Reader.relayViewer(passthroughPort, null);
            readers.add(passthroughViewer);
            return measureTogether(List.of(
                    new Subject(() -> ProcessCpu.treeNanos(relay.pid()), () -> ProcessCpu.nanos(relay.pid()), List.of(transcodeViewer)),
                    new Subject(() -> ProcessCpu.nanos(cli.pid()), () -> 0L, List.of(cliReader)),
                    new Subject(() -> ProcessCpu.treeNanos(passthrough.pid()), () -> ProcessCpu.nanos(passthrough.pid()),
                            List.of(passthroughViewer))));
        } finally {
            readers.forEach(Reader::close);
            stop(cli);
        }
    }

    /** The next {@code count} JPEGs a relay sends. */
    private static List<byte[]> captureFrames(int port, int count) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        try (MjpegTestViewer viewer = MjpegTestViewer.open("http://127.0.0.1:" + port + "/stream")) {
            while (frames.size() < count) {
                frames.add(viewer.next().jpeg());
            }
        }
        return frames;
    }

    /** What one party of a window is: its CPU counters and the clients counting its frames. */
    record Subject(LongSupplier cpuNanos, LongSupplier jvmNanos, List<Reader> readers) {}

    /** @param jvmNanos the part of {@code cpuNanos} spent in the relay's JVM (0 for plain ffmpeg) */
    private static Window measure(LongSupplier cpuNanos, LongSupplier jvmNanos, List<Reader> readers)
            throws InterruptedException {
        return measureTogether(List.of(new Subject(cpuNanos, jvmNanos, readers))).get(0);
    }

    /** One window over several parties at once, read at the same instants. */
    private static List<Window> measureTogether(List<Subject> subjects) throws InterruptedException {
        // Generous: 20 ffmpeg decoding 1080p each on a small loaded machine take long to start.
        await().atMost(Duration.ofMinutes(3)).until(() -> subjects.stream()
                .allMatch(s -> s.readers().stream().allMatch(r -> r.frames.get() > 0)));
        Thread.sleep(SETTLE.toMillis());
        int n = subjects.size();
        long[] jvmBefore = new long[n];
        long[] cpuBefore = new long[n];
        long[] framesBefore = new long[n];
        for (int i = 0; i < n; i++) {
            jvmBefore[i] = subjects.get(i).jvmNanos().getAsLong();
            cpuBefore[i] = subjects.get(i).cpuNanos().getAsLong();
            framesBefore[i] = frames(subjects.get(i));
        }
        long start = System.nanoTime();
        Thread.sleep(WINDOW.toMillis());
        long elapsed = System.nanoTime() - start;
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Subject subject = subjects.get(i);
            windows.add(new Window(subject.cpuNanos().getAsLong() - cpuBefore[i], subject.jvmNanos().getAsLong() - jvmBefore[i],
                    elapsed, frames(subject) - framesBefore[i], subject.readers().size()));
        }
        return windows;
    }

    private static long frames(Subject subject) {
        return subject.readers().stream().mapToLong(r -> r.frames.get()).sum();
    }

    /**
     * A relay runs for days: measure it after the JIT has compiled the frame path, not while it
     * still does (a viewer attached for {@code bench.warmup.seconds}).
     */
    private static void warmUp(int port) throws IOException, InterruptedException {
        warmUp(List.of(port));
    }

    private static void warmUp(List<Integer> ports) throws IOException, InterruptedException {
        List<Reader> viewers = new ArrayList<>();
        try {
            for (int port : ports) {
                viewers.add(Reader.relayViewer(port, null));
            }
            Thread.sleep(Long.getLong("bench.warmup.seconds", 20) * 1000);
        } finally {
            viewers.forEach(Reader::close);
        }
    }

    private double timeToFirstFrameMs(int port) throws IOException {
        long start = System.nanoTime();
        try (MjpegTestViewer viewer = MjpegTestViewer.open("http://127.0.0.1:" + port + "/stream")) {
            viewer.next();
            return (System.nanoTime() - start) / 1e6;
        }
    }

    private static Process startRelay(String source, int width, int height) throws IOException {
        return startRelayWith(List.of("SOURCE_URL=" + source, "WIDTH=" + width, "HEIGHT=" + height, "FPS=" + FPS,
                "JPEG_QUALITY=" + QUALITY));
    }

    private static Process startRelayWith(List<String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(RelayJarIT.command()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("BIND_ADDRESS", "127.0.0.1");
        builder.environment().put("PORT", Integer.toString(RtspCamera.freePort()));
        for (String entry : env) {
            int eq = entry.indexOf('=');
            builder.environment().put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        Process process = builder.start();
        process.getOutputStream().close();
        PORTS.put(process.pid(), Integer.parseInt(builder.environment().get("PORT")));
        return process;
    }

    private static final java.util.Map<Long, Integer> PORTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static int awaitRelay(Process relay) {
        int port = PORTS.get(relay.pid());
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return port;
    }

    /** {@code ffmpeg -rtsp_transport tcp -i URL -an -vf fps,scale -f image2pipe -vcodec mjpeg pipe:1}, as the earlier design ran per viewer. */
    private static Process startCli(String source, int width, int height, Path errors) throws IOException {
        return BundledFfmpeg.processBuilder(List.of("-hide_banner", "-nostdin", "-loglevel", "error",
                        "-rtsp_transport", "tcp", "-i", source, "-an", "-vf", "fps=" + FPS + ",scale=" + width + ":" + height,
                        "-f", "image2pipe", "-vcodec", "mjpeg", "-q:v", Integer.toString(QUALITY), "pipe:1"))
                .redirectError(errors == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(errors.toFile()))
                .start();
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double median(List<Double> values) {
        return percentile(values, 50);
    }

    private static double percentile(List<Double> values, int percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.append(text).append('\n');
        System.out.println(text);
    }

    /** CPU and frames over one measuring window. */
    record Window(long cpuNanos, long jvmNanos, long elapsedNanos, long frames, int viewers) {
        double cores() {
            return (double) cpuNanos / elapsedNanos;
        }

        double jvmCores() {
            return (double) jvmNanos / elapsedNanos;
        }

        double fpsPerViewer() {
            return frames / (elapsedNanos / 1e9) / viewers;
        }

        /** CPU per frame of one viewer's stream (the relay encodes each frame once). */
        double cpuMsPerFrame() {
            return cpuNanos / 1e6 / (frames / (double) viewers);
        }
    }

    /** A client draining a stream and counting frames on its own thread. */
    static final class Reader {
        final AtomicLong frames = new AtomicLong();
        private final Thread thread;
        private final AutoCloseable resource;

        private Reader(AutoCloseable resource, Runnable loop) {
            this.resource = resource;
            this.thread = new Thread(loop, "bench-reader");
            this.thread.setDaemon(true);
        }

        static Reader relayViewer(int port, List<Double> latencyMs) throws IOException {
            MjpegTestViewer viewer = MjpegTestViewer.open("http://127.0.0.1:" + port + "/stream");
            List<Double> sink = latencyMs == null ? null : new CopyOnWriteArrayList<>();
            Reader[] self = new Reader[1];
            self[0] = new Reader(viewer, () -> {
                try {
                    while (true) {
                        MjpegTestViewer.Part part = viewer.next();
                        self[0].frames.incrementAndGet();
                        if (sink != null) {
                            Instant now = Instant.now();
                            long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
                            latencyMs.add((nowMicros - part.relayReceivedMicros()) / 1000.0);
                        }
                    }
                } catch (IOException | RuntimeException closed) {
                    // closed at the end of the window
                }
            });
            self[0].thread.start();
            return self[0];
        }

        /** Counts JPEG end markers (FFD9) in an image2pipe stream. */
        static Reader jpegPipe(InputStream in) {
            Reader[] self = new Reader[1];
            self[0] = new Reader(in, () -> {
                byte[] buffer = new byte[256 * 1024];
                boolean lastWasFf = false;
                try {
                    int read;
                    while ((read = in.read(buffer)) > 0) {
                        for (int i = 0; i < read; i++) {
                            int b = buffer[i] & 0xff;
                            if (lastWasFf && b == 0xd9) {
                                self[0].frames.incrementAndGet();
                            }
                            lastWasFf = b == 0xff;
                        }
                    }
                } catch (IOException closed) {
                    // process ended
                }
            });
            self[0].thread.start();
            return self[0];
        }

        void close() {
            try {
                resource.close();
            } catch (Exception ignored) {
                // closing anyway
            }
            thread.interrupt();
        }
    }
}
