package io.falconeye.relay.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.falconeye.media.source.SourceUrl;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-JVM MJPEG passthrough against a local HTTP server answering like cameras do. */
class HttpMjpegIngestTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void sendsBasicCredentialsAndSaysClearlyWhenTheyAreRejected() throws Exception {
        AtomicReference<String> authorization = new AtomicReference<>();
        String url = serve(exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"camera\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        HttpMjpegIngest ingest = new HttpMjpegIngest(SourceUrl.parse(url).withCredentials("admin", "t0p-secret"));
        assertThatThrownBy(() -> ingest.run(jpeg -> { }))
                .isInstanceOf(IngestFailedException.class)
                .hasMessageContaining("rejected the credentials of user 'admin' (401)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("t0p-secret"));
        assertThat(authorization.get()).isEqualTo("Basic YWRtaW46dDBwLXNlY3JldA==");
    }

    @Test
    void digestChallengeIsReportedSoFfmpegCanTakeOver() throws Exception {
        String url = serve(exchange -> {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Digest realm=\"cam\", nonce=\"abc\", qop=\"auth\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        assertThatThrownBy(() -> new HttpMjpegIngest(SourceUrl.parse(url)).run(jpeg -> { }))
                .isInstanceOf(HttpMjpegIngest.DigestRequiredException.class);
    }

    @Test
    void aSingleJpegIsNotAStream() throws Exception {
        String url = serve(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write(new byte[] {(byte) 0xff, (byte) 0xd8});
            exchange.close();
        });
        assertThatThrownBy(() -> new HttpMjpegIngest(SourceUrl.parse(url)).run(jpeg -> { }))
                .hasMessageContaining("does not send an MJPEG stream (Content-Type 'image/jpeg')");
    }

    @Test
    void boundaryIsTakenFromTheContentTypeInItsCommonSpellings() {
        assertThat(HttpMjpegIngest.boundary("multipart/x-mixed-replace; boundary=frame")).hasValue("frame");
        assertThat(HttpMjpegIngest.boundary("multipart/x-mixed-replace;boundary=\"--myboundary\"")).hasValue("myboundary");
        assertThat(HttpMjpegIngest.boundary("multipart/x-mixed-replace")).isEmpty();
    }

    @Test
    void partsAreHandedOnByteForByte() throws Exception {
        byte[] first = {(byte) 0xff, (byte) 0xd8, 1, 2, 3, (byte) 0xff, (byte) 0xd9};
        byte[] second = {(byte) 0xff, (byte) 0xd8, 4, 5, (byte) 0xff, (byte) 0xd9};
        String url = serve(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "multipart/x-mixed-replace;boundary=cam");
            exchange.sendResponseHeaders(200, 0);
            var out = exchange.getResponseBody();
            for (byte[] jpeg : List.of(first, second)) {
                out.write(("--cam\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n").getBytes());
                out.write(jpeg);
                out.write("\r\n".getBytes());
            }
            exchange.close();
        });
        List<byte[]> received = new ArrayList<>();
        assertThatThrownBy(() -> new HttpMjpegIngest(SourceUrl.parse(url)).run(received::add))
                .hasMessageContaining("ended the stream");
        assertThat(received).containsExactly(first, second);
    }

    private String serve(com.sun.net.httpserver.HttpHandler handler) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", handler);
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/video";
    }
}
