package io.falconeye.testsupport.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real RTSP camera for tests: GStreamer's RTSP server (Debian packages, driven by the bundled
 * {@code rtsp_camera.py}) serving live synthetic streams on 127.0.0.1.
 *
 * <p>Mounts: {@code /h264} (H.264 + G.711 mu-law), {@code /h265} (H.265 + G.711 mu-law),
 * {@code /h264-video} and {@code /h265-video} (video only), {@code /h264-1080p} (1920x1080 H.264 +
 * mu-law, for benchmarks), {@code /h264-pcma} (H.264 + G.711 A-law), {@code /h264-aac} (H.264 + AAC).
 * Video carries a keyframe every {@link Options#keyframeInterval} frames
 * (default: one per second). {@link Options#credentials} makes every mount require RTSP Digest
 * authentication, like a camera with a password.
 *
 * <pre>{@code
 * try (RtspCamera camera = RtspCamera.start(RtspCamera.Options.defaults().size(1280, 720))) {
 *     String url = camera.url("/h264");
 *     camera.stop();   // camera goes down
 *     camera.start();  // and comes back on the same port
 * }
 * }</pre>
 */
public final class RtspCamera implements AutoCloseable {

    /** Debian packages that provide the server; named in the error when they are missing. */
    public static final String DEBIAN_PACKAGES = "python3-gi gir1.2-gstreamer-1.0 gir1.2-gst-rtsp-server-1.0 "
            + "gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad "
            + "gstreamer1.0-plugins-ugly gstreamer1.0-libav";

    private static final String SCRIPT_RESOURCE = "rtsp_camera.py";
    private static final int MISSING_PACKAGES_EXIT = 3;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_LINES_KEPT = 200;
    private static final int MAX_UNEXPECTED_RESTARTS = 3;

    private final Options options;
    private final int port;
    private final AtomicInteger clientsConnected = new AtomicInteger();
    private final AtomicInteger clientsOpen = new AtomicInteger();
    private final Deque<String> log = new ArrayDeque<>();
    private Process process;
    private Thread shutdownHook;
    private int unexpectedRestarts;

    private RtspCamera(Options options, int port) {
        this.options = options;
        this.port = port;
    }

    /** Starts a camera and returns once it answers RTSP requests. */
    public static RtspCamera start(Options options) {
        int port = options.port > 0 ? options.port : freePort();
        RtspCamera camera = new RtspCamera(options, port);
        camera.start();
        return camera;
    }

    /** Starts a camera with the default options (640x480 at 15 fps, a free port). */
    public static RtspCamera startDefault() {
        return start(Options.defaults());
    }

    /** Starts the server again on the same port, after {@link #stop()}. No-op when running. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        Path script = extractScript();
        List<String> command = new ArrayList<>(List.of(options.python, "-u", script.toString(),
                "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--width", String.valueOf(options.width), "--height", String.valueOf(options.height),
                "--fps", String.valueOf(options.fps), "--keyint", String.valueOf(options.keyframeInterval()),
                "--bitrate", String.valueOf(options.bitrateKbps)));
        if (!Files.isExecutable(Path.of(options.python))) {
            throw new IllegalStateException("RTSP test camera needs Debian's " + options.python
                    + " with GStreamer bindings; install the Debian packages: " + DEBIAN_PACKAGES);
        }
        CountDownLatch ready = new CountDownLatch(1);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (options.username != null) {
                // environment, not argv: keeps the password out of process listings
                builder.environment().put("RTSP_CAMERA_USER", options.username);
                builder.environment().put("RTSP_CAMERA_PASSWORD", options.password == null ? "" : options.password);
            }
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + options.python, e);
        }
        Process started = process;
        Thread reader = new Thread(() -> readOutput(started.getInputStream(), ready), "rtsp-camera-" + port);
        reader.setDaemon(true);
        reader.start();
        shutdownHook = new Thread(started::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        awaitReady(started, ready);
        started.onExit().thenRun(() -> restartAfterUnexpectedExit(started));
    }

    /**
     * GStreamer's RTSP server died by itself once in a CI run, and every relay test of the class
     * then failed on "connection refused". Tests kill the camera with {@link #stop()}; an exit
     * nobody asked for is the test server failing, not what a test tests, so it is restarted on
     * the same port (at most {@value #MAX_UNEXPECTED_RESTARTS} times) and reported with its output.
     */
    private synchronized void restartAfterUnexpectedExit(Process exited) {
        if (process != exited || unexpectedRestarts >= MAX_UNEXPECTED_RESTARTS) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            return;
        }
        unexpectedRestarts++;
        System.err.println("RTSP test camera on port " + port + " exited unexpectedly (code " + exited.exitValue()
                + "); starting it again. Its last output:\n" + recentLog());
        process = null;
        clientsOpen.set(0);
        start();
    }

    /** Kills the server (like a camera losing power); {@link #start()} brings it back. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // JVM is already exiting; the hook kills the process anyway.
        }
        process = null;
        clientsOpen.set(0);
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public int port() {
        return port;
    }

    public Options options() {
        return options;
    }

    /** The RTSP URL of a mount, e.g. {@code url("/h264")} -> {@code rtsp://127.0.0.1:PORT/h264}. */
    public String url(String mount) {
        return "rtsp://127.0.0.1:" + port + (mount.startsWith("/") ? mount : "/" + mount);
    }

    /** RTSP client connections accepted since the camera was created (across restarts). */
    public int clientsConnected() {
        return clientsConnected.get();
    }

    /** RTSP client connections open right now. */
    public int clientsOpen() {
        return clientsOpen.get();
    }

    /** The server's recent output, for failure messages. */
    public String recentLog() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    private void readOutput(InputStream output, CountDownLatch ready) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    ready.countDown();
                } else if (line.equals("CLIENT-CONNECTED")) {
                    clientsConnected.incrementAndGet();
                    clientsOpen.incrementAndGet();
                } else if (line.equals("CLIENT-CLOSED")) {
                    clientsOpen.updateAndGet(n -> Math.max(0, n - 1));
                }
                synchronized (log) {
                    log.addLast(line);
                    if (log.size() > LOG_LINES_KEPT) {
                        log.removeFirst();
                    }
                }
            }
        } catch (IOException processGone) {
            // the process was killed; nothing more to read
        }
    }

    private void awaitReady(Process started, CountDownLatch ready) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (!started.isAlive()) {
                    started.waitFor();
                    Thread.sleep(100); // let the reader collect the last lines
                    throw startFailure(started.exitValue());
                }
                if (ready.await(100, TimeUnit.MILLISECONDS) && answersOptions()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while starting the RTSP test camera", e);
        }
        stop();
        throw new IllegalStateException("RTSP test camera did not answer on port " + port + " within "
                + START_TIMEOUT + ". Output:\n" + recentLog());
    }

    private IllegalStateException startFailure(int exitCode) {
        process = null;
        String output = recentLog();
        if (exitCode == MISSING_PACKAGES_EXIT) {
            return new IllegalStateException("RTSP test camera cannot run: " + output
                    + "\n(all needed Debian packages: " + DEBIAN_PACKAGES + ")");
        }
        return new IllegalStateException("RTSP test camera exited with code " + exitCode
                + " on port " + port + ". Output:\n" + output);
    }

    /** True when the server answers an RTSP OPTIONS request with 200. */
    private boolean answersOptions() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(("OPTIONS " + url("/h264") + " RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: falcon-eye-test\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            String status = in.readLine();
            return status != null && status.startsWith("RTSP/1.0 200");
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Extracted once per JVM: the jar may be rewritten by a concurrent build while tests run. */
    private static Path extractedScript;

    private static synchronized Path extractScript() {
        if (extractedScript != null && Files.isRegularFile(extractedScript)) {
            return extractedScript;
        }
        extractedScript = writeScriptToTempFile();
        return extractedScript;
    }

    private static Path writeScriptToTempFile() {
        try (InputStream in = RtspCamera.class.getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + SCRIPT_RESOURCE + " missing from test-support");
            }
            Path script = Files.createTempFile("falcon-eye-rtsp-camera", ".py");
            script.toFile().deleteOnExit();
            Files.write(script, in.readAllBytes());
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + SCRIPT_RESOURCE, e);
        }
    }

    /** A port that was free a moment ago on 127.0.0.1. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** Camera settings; immutable, each setter returns a copy. */
    public static final class Options {
        private final int width;
        private final int height;
        private final int fps;
        private final int port;
        private final int keyframeInterval;
        private final int bitrateKbps;
        private final String python;
        private final String username;
        private final String password;

        private Options(int width, int height, int fps, int port, int keyframeInterval, int bitrateKbps,
                String python, String username, String password) {
            if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
                throw new IllegalArgumentException("size must be positive and even, got " + width + "x" + height);
            }
            if (fps <= 0 || fps > 120) {
                throw new IllegalArgumentException("fps must be 1..120, got " + fps);
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.width = width;
            this.height = height;
            this.fps = fps;
            this.port = port;
            this.keyframeInterval = keyframeInterval;
            this.bitrateKbps = bitrateKbps;
            this.python = python;
            this.username = username;
            this.password = password;
        }

        /** 640x480 at 15 fps, a keyframe every second, 1000 kbit/s, a free port. */
        public static Options defaults() {
            return new Options(640, 480, 15, 0, 0, 1000, "/usr/bin/python3", null, null);
        }

        public Options size(int width, int height) {
            return new Options(width, height, fps, port, keyframeInterval, bitrateKbps, python, username, password);
        }

        public Options fps(int fps) {
            return new Options(width, height, fps, port, keyframeInterval, bitrateKbps, python, username, password);
        }

        /** A fixed port (0 = pick a free one). */
        public Options port(int port) {
            return new Options(width, height, fps, port, keyframeInterval, bitrateKbps, python, username, password);
        }

        /** Frames between keyframes (0 = one keyframe per second). */
        public Options keyframeInterval(int frames) {
            return new Options(width, height, fps, port, frames, bitrateKbps, python, username, password);
        }

        public Options bitrateKbps(int kbps) {
            return new Options(width, height, fps, port, keyframeInterval, kbps, python, username, password);
        }

        /** The Python interpreter with GStreamer's gi bindings (default Debian's /usr/bin/python3). */
        public Options python(String interpreter) {
            return new Options(width, height, fps, port, keyframeInterval, bitrateKbps, interpreter, username, password);
        }

        /**
         * Requires these credentials on every mount (RTSP Digest authentication), like a camera
         * with a password. {@link RtspCamera#url} stays without them.
         */
        public Options credentials(String username, String password) {
            return new Options(width, height, fps, port, keyframeInterval, bitrateKbps, python, username, password);
        }

        public int width() {
            return width;
        }

        public int height() {
            return height;
        }

        public int fps() {
            return fps;
        }

        public int keyframeInterval() {
            return keyframeInterval > 0 ? keyframeInterval : fps;
        }
    }
}
