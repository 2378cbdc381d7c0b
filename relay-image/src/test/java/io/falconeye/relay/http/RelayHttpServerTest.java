package io.falconeye.relay.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.falconeye.relay.frames.FrameHub;
import io.falconeye.relay.metrics.RelayMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay's own HTTP server on real sockets, byte for byte: routing, HEAD, errors, the multipart
 * stream's exact framing, and viewers that leave (also in the middle of a part).
 */
class RelayHttpServerTest {

    private FrameHub hub;
    private RelayHttpServer server;
    private int port;
    private volatile boolean ready = true;

    @BeforeEach
    void start() throws IOException {
        hub = new FrameHub();
        server = new RelayHttpServer(hub, new RelayMetrics(hub), () -> ready, () -> "camera refused the connection");
        port = server.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersEachPathAndClosesTheConnection() throws IOException {
        assertThat(exchange("GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 404 Not Found\r\n")
                .contains("Connection: close\r\n").endsWith("\r\n\r\nnot found\n");
        assertThat(exchange("POST /stream HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"))
                .startsWith("HTTP/1.1 405 ").contains("Allow: GET, HEAD\r\n");
        assertThat(exchange("GET /snapshot.jpg HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 503 ").contains("Retry-After: 1");
        ready = false;
        assertThat(exchange("GET /health HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 503 ")
                .endsWith("{\"status\":\"no-frames\",\"lastFrameAgeMs\":null,\"lastError\":\"camera refused the connection\"}\n");
        ready = true;
        byte[] jpeg = randomBytes(5000);
        hub.accept(jpeg);
        String snapshot = exchange("GET /snapshot.jpg?x=1 HTTP/1.1\r\n\r\n");
        assertThat(snapshot).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Type: image/jpeg\r\n", "Content-Length: 5000\r\n")
                .endsWith("\r\n\r\n" + new String(jpeg, StandardCharsets.ISO_8859_1));
        assertThat(exchange("HEAD /snapshot.jpg HTTP/1.1\r\n\r\n")).contains("Content-Length: 5000\r\n").endsWith("\r\n\r\n");
        assertThat(exchange("GET /metrics HTTP/1.1\r\n\r\n")).contains("relay_frames_in_total 1.0", "relay_viewers 0.0");
        assertThat(exchange("HEAD /stream HTTP/1.1\r\n\r\n")).isEqualTo("HTTP/1.1 200 OK\r\n"
                + "Content-Type: multipart/x-mixed-replace; boundary=frame\r\n"
                + "Cache-Control: no-cache, no-store, must-revalidate\r\nPragma: no-cache\r\nConnection: close\r\n\r\n");
        assertThat(exchange("NONSENSE\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    }

    @Test
    void aViewerGetsTheLatestFrameAtOnceThenEveryNewOneAsExactParts() throws IOException {
        byte[] first = randomBytes(3000);
        byte[] second = randomBytes(70_000);
        hub.accept(first);
        try (Socket viewer = connect("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n")) {
            InputStream in = viewer.getInputStream();
            assertThat(readHead(in)).startsWith("HTTP/1.1 200 OK\r\n").doesNotContainIgnoringCase("Transfer-Encoding");
            assertThat(readPart(in)).isEqualTo(first);
            hub.accept(second);
            assertThat(readPart(in)).isEqualTo(second);
            assertThat(server.viewerCount()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> server.viewerCount() == 0);
    }

    @Test
    void aViewerThatStopsReadingSkipsFramesAndIsFreedWhenItLeaves() throws Exception {
        Socket slow = new Socket();
        slow.setReceiveBufferSize(4096);
        slow.connect(new InetSocketAddress("127.0.0.1", port));
        slow.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        await().atMost(Duration.ofSeconds(2)).until(() -> server.viewerCount() == 1);
        // 40 frames of 1 MB never read: far more than the socket buffers hold, so most are skipped.
        for (int i = 0; i < 40; i++) {
            hub.accept(randomBytes(1 << 20));
        }
        String metrics = exchange("GET /metrics HTTP/1.1\r\n\r\n");
        assertThat(skipped(metrics)).isGreaterThanOrEqualTo(30);
        slow.close();
        await().atMost(Duration.ofSeconds(2)).until(() -> server.viewerCount() == 0);
    }

    private static double skipped(String metrics) {
        return metrics.lines().filter(line -> line.startsWith("relay_frames_skipped_total "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst().orElse(-1);
    }

    private String exchange(String request) throws IOException {
        try (Socket socket = connect(request)) {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private Socket connect(String request) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        return socket;
    }

    /** Reads up to and including the blank line. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in a head");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** One part, checking its exact framing; returns its body. */
    private static byte[] readPart(InputStream in) throws IOException {
        String head = readHead(in);
        assertThat(head).startsWith("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: ").contains("\r\nX-Timestamp: ");
        int length = Integer.parseInt(head.substring(head.indexOf("Content-Length: ") + 16, head.indexOf("\r\nX-Timestamp")));
        byte[] body = in.readNBytes(length);
        assertThat(new String(in.readNBytes(2), StandardCharsets.ISO_8859_1)).isEqualTo("\r\n");
        return body;
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return Arrays.copyOf(bytes, length);
    }
}
