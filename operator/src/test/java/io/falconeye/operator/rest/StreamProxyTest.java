package io.falconeye.operator.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.falconeye.operator.cluster.ServiceEndpoint;
import io.falconeye.operator.cluster.ServiceEndpoints;
import io.falconeye.testsupport.media.MjpegTestServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stream proxy against an MJPEG server standing in for the relay, listening on the relay
 * pod's IP (a loopback address the local control plane assigned), found through the relay
 * Service's endpoints exactly as in a cluster.
 */
@QuarkusTest
@QuarkusTestResource(value = ApiTestResource.class, restrictToAnnotatedClass = true)
class StreamProxyTest {

    @Inject
    ServiceEndpoints endpoints;

    @TestHTTPResource("/")
    URL api;

    @Test
    void hundredConnectDisconnectCyclesLeaveNoUpstreamConnection() throws Exception {
        String id = ApiCameras.createHttp("stream-cam", "http://10.20.30.40/video");
        List<ServiceEndpoint> relay = await().atMost(Duration.ofSeconds(60)).until(
                () -> endpoints.ready(ApiTestResource.namespace(), "svc-stream-cam", "http", 8081), l -> !l.isEmpty());
        try (MjpegTestServer camera = MjpegTestServer.startOn(relay.get(0).ip(), relay.get(0).port(), 320, 240, 10)) {
            byte[] first = readFirstFrame(id);
            assertThat(camera.isOneOfFrames(first)).as("proxied frame is byte-for-byte the relay's").isTrue();

            for (int i = 0; i < 99; i++) {
                readFirstFrame(id);
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(
                    () -> assertThat(camera.connectionsOpen()).as("upstream connections still open").isZero());
            assertThat(camera.connectionsOpened()).isEqualTo(100);
        }
        given().get("/api/cameras/" + id + "/stream").then().statusCode(502)
                .contentType("application/problem+json");
        given().delete("/api/cameras/" + id).then().statusCode(204);
    }

    /** Opens the stream over a raw socket, reads one complete JPEG part, and hangs up. */
    private byte[] readFirstFrame(String id) throws IOException {
        try (Socket socket = new Socket(api.getHost(), api.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /api/cameras/" + id + "/stream HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String head = readUntil(in, "\r\n\r\n");
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("multipart/x-mixed-replace");
            // chunked transfer: parse the multipart stream out of the chunk bodies
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readUntil(in, "\r\n").trim();
                int size = Integer.parseInt(sizeLine, 16);
                body.write(in.readNBytes(size));
                in.readNBytes(2);
                byte[] frame = firstJpeg(body.toByteArray());
                if (frame != null) {
                    return frame;
                }
            }
        }
    }

    private static byte[] firstJpeg(byte[] multipart) {
        String text = new String(multipart, StandardCharsets.ISO_8859_1);
        int part = text.indexOf("--frame");
        if (part < 0) {
            return null;
        }
        int headerEnd = text.indexOf("\r\n\r\n", part);
        if (headerEnd < 0) {
            return null;
        }
        String headers = text.substring(part, headerEnd).toLowerCase();
        int lengthAt = headers.indexOf("content-length:");
        int length = Integer.parseInt(headers.substring(lengthAt + 15).split("\r\n")[0].trim());
        int start = headerEnd + 4;
        if (multipart.length < start + length) {
            return null;
        }
        byte[] jpeg = new byte[length];
        System.arraycopy(multipart, start, jpeg, 0, length);
        return jpeg;
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!out.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + out.toString(StandardCharsets.ISO_8859_1));
            }
            out.write(b);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
