package io.falconeye.testsupport.media;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A local HTTP MJPEG camera for tests: {@code multipart/x-mixed-replace} of real JPEG frames that
 * the bundled ffmpeg made from a moving test pattern, paced at the configured frame rate.
 *
 * <p>Every path serves the stream. The frames cycle through {@link #frames()}, so a test of a
 * passthrough can check that what it received is byte-for-byte one of them
 * ({@link #isOneOfFrames(byte[])}). {@link #connectionsOpened()} and {@link #connectionsOpen()}
 * count the clients, e.g. to prove a relay opens one ingest whatever the number of viewers.
 */
public final class MjpegTestServer implements AutoCloseable {

    public static final String DEFAULT_BOUNDARY = "frame";

    private final List<byte[]> frames;
    private final int fps;
    private final String boundary;
    private final int port;
    private final AtomicInteger connectionsOpened = new AtomicInteger();
    private final AtomicInteger connectionsOpen = new AtomicInteger();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicInteger unauthorizedRequests = new AtomicInteger();
    private volatile String username;
    private volatile String password;
    private volatile HttpServer server;
    private volatile ExecutorService executor;
    private volatile String bindHost = "127.0.0.1";

    private MjpegTestServer(List<byte[]> frames, int fps, String boundary, int port) {
        this.frames = frames;
        this.fps = fps;
        this.boundary = boundary;
        this.port = port;
    }

    /** Starts a 640x480, 10 fps server on a free port. */
    public static MjpegTestServer start() {
        return start(640, 480, 10, 0);
    }

    /**
     * Starts a server on 127.0.0.1:{@code port} (0 = free port) with {@code 2 * fps} distinct
     * frames of {@code width x height}.
     */
    public static MjpegTestServer start(int width, int height, int fps, int port) {
        return start(width, height, fps, port, DEFAULT_BOUNDARY);
    }

    /**
     * Starts a server on a free port that answers 401 unless the request carries HTTP Basic
     * credentials {@code username:password}, like a camera with a password.
     */
    public static MjpegTestServer startWithBasicAuth(int width, int height, int fps, String username,
            String password) {
        MjpegTestServer mjpeg = create(width, height, fps, 0, DEFAULT_BOUNDARY);
        mjpeg.username = username;
        mjpeg.password = password;
        mjpeg.startServer();
        return mjpeg;
    }

    /**
     * Starts a server on {@code bindHost:port}, e.g. the loopback pod IP (127.1.N.M) a local
     * control plane gave a relay pod, so that clients finding the pod through its Service reach it.
     */
    public static MjpegTestServer startOn(String bindHost, int port, int width, int height, int fps) {
        MjpegTestServer mjpeg = create(width, height, fps, port, DEFAULT_BOUNDARY);
        mjpeg.bindHost = bindHost;
        mjpeg.startServer();
        return mjpeg;
    }

    public static MjpegTestServer start(int width, int height, int fps, int port, String boundary) {
        MjpegTestServer mjpeg = create(width, height, fps, port, boundary);
        mjpeg.startServer();
        return mjpeg;
    }

    /**
     * Starts a server on a free port that sends the given JPEGs in turn at {@code fps}, e.g. the
     * frames another pipeline produced, so two ways of delivering the same stream can be compared.
     */
    public static MjpegTestServer serving(List<byte[]> jpegs, int fps) {
        if (jpegs.isEmpty() || fps <= 0) {
            throw new IllegalArgumentException("need at least one JPEG and a positive fps");
        }
        MjpegTestServer mjpeg = new MjpegTestServer(jpegs.stream().map(byte[]::clone).toList(), fps,
                DEFAULT_BOUNDARY, RtspCamera.freePort());
        mjpeg.startServer();
        return mjpeg;
    }

    private static MjpegTestServer create(int width, int height, int fps, int port, String boundary) {
        if (fps <= 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size and fps must be positive, got " + width + "x" + height
                    + "@" + fps);
        }
        List<byte[]> frames = makeJpegFrames(width, height, fps, Math.max(2, 2 * fps));
        return new MjpegTestServer(frames, fps, boundary, port > 0 ? port : RtspCamera.freePort());
    }

    /** Starts serving again on the same port after {@link #stop()}. No-op when running. */
    public synchronized void startServer() {
        if (server != null) {
            return;
        }
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bindHost), port), 16);
            executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "mjpeg-test-server-" + port);
                thread.setDaemon(true);
                return thread;
            });
            http.setExecutor(executor);
            HttpContext context = http.createContext("/", this::serveStream);
            if (username != null) {
                context.setAuthenticator(basicAuth());
            }
            http.start();
            server = http;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bindHost + ":" + port, e);
        }
    }

    /** Stops listening and drops every client (like a camera going offline). */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        server = null;
    }

    @Override
    public void close() {
        stop();
    }

    /** The stream URL, e.g. {@code http://127.0.0.1:PORT/stream}. */
    public String url() {
        return url("/stream");
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + (path.startsWith("/") ? path : "/" + path);
    }

    public int port() {
        return port;
    }

    public int fps() {
        return fps;
    }

    public String boundary() {
        return boundary;
    }

    /** The distinct JPEGs this server sends, in order (copies). */
    public List<byte[]> frames() {
        return frames.stream().map(byte[]::clone).toList();
    }

    /** True when {@code jpeg} is byte-for-byte one of the frames this server sends. */
    public boolean isOneOfFrames(byte[] jpeg) {
        return frames.stream().anyMatch(frame -> Arrays.equals(frame, jpeg));
    }

    /** Requests answered 401 (no or wrong credentials) when Basic authentication is on. */
    public int unauthorizedRequests() {
        return unauthorizedRequests.get();
    }

    public int connectionsOpened() {
        return connectionsOpened.get();
    }

    public int connectionsOpen() {
        return connectionsOpen.get();
    }

    public long framesSent() {
        return framesSent.get();
    }

    private Authenticator basicAuth() {
        return new BasicAuthenticator("camera") {
            @Override
            public boolean checkCredentials(String user, String pass) {
                return username.equals(user) && password.equals(pass);
            }

            @Override
            public Result authenticate(HttpExchange exchange) {
                Result result = super.authenticate(exchange);
                if (!(result instanceof Success)) {
                    unauthorizedRequests.incrementAndGet();
                }
                return result;
            }
        };
    }

    private void serveStream(HttpExchange exchange) throws IOException {
        connectionsOpened.incrementAndGet();
        connectionsOpen.incrementAndGet();
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "multipart/x-mixed-replace; boundary=" + boundary);
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            long frameNanos = Duration.ofSeconds(1).toNanos() / fps;
            long next = System.nanoTime();
            for (int i = 0; server != null; i = (i + 1) % frames.size()) {
                byte[] jpeg = frames.get(i);
                out.write(("--" + boundary + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(jpeg);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                framesSent.incrementAndGet();
                next += frameNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        } catch (IOException | InterruptedException clientGoneOrStopped) {
            // a client that disconnects ends its own loop
        } finally {
            connectionsOpen.decrementAndGet();
        }
    }

    private static List<byte[]> makeJpegFrames(int width, int height, int fps, int count) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("falcon-eye-mjpeg");
            FfmpegTools.runFfmpeg(Duration.ofSeconds(60), List.of("-loglevel", "error",
                    "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=" + fps,
                    "-frames:v", String.valueOf(count), "-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-q:v", "5",
                    "-f", "image2", dir.resolve("frame-%04d.jpg").toString()));
            try (Stream<Path> files = Files.list(dir)) {
                return files.sorted().map(MjpegTestServer::readAll).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make JPEG test frames", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // temp files; the OS cleans up
        }
    }
}
