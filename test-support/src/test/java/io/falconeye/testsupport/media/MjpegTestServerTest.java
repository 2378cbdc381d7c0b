package io.falconeye.testsupport.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Reads the MJPEG test camera as a browser and as ffmpeg would. */
class MjpegTestServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesRealJpegFramesAsMultipart() throws Exception {
        try (MjpegTestServer camera = MjpegTestServer.start(320, 240, 10, 0)) {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(camera.url())).build(),
                    HttpResponse.BodyHandlers.ofInputStream());

            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValue("multipart/x-mixed-replace; boundary=frame");
            List<byte[]> received;
            try (InputStream body = response.body()) {
                received = readParts(body, 3);
            }
            assertThat(received).hasSize(3).allSatisfy(jpeg -> {
                assertThat(camera.isOneOfFrames(jpeg)).isTrue();
                assertThat(jpeg[0] & 0xff).isEqualTo(0xFF);
                assertThat(jpeg[1] & 0xff).isEqualTo(0xD8);
            });
            assertThat(received.get(0)).isNotEqualTo(received.get(1));
            assertThat(camera.frames()).hasSize(20);
        }
    }

    @Test
    void ffprobeSeesAnMjpegStreamOfTheGivenSize() {
        try (MjpegTestServer camera = MjpegTestServer.start(320, 240, 10, 0)) {
            FfmpegTools.Probe probe = FfmpegTools.probe(camera.url());

            assertThat(probe.videoCodec()).isEqualTo("mjpeg");
            assertThat(probe.width()).isEqualTo(320);
            assertThat(probe.height()).isEqualTo(240);
        }
    }

    @Test
    void countsClientsAndCanGoDownAndComeBackOnTheSamePort() throws Exception {
        try (MjpegTestServer camera = MjpegTestServer.start(160, 120, 5, 0)) {
            readOnePart(camera);
            readOnePart(camera);
            assertThat(camera.connectionsOpened()).isEqualTo(2);

            camera.stop();
            camera.startServer();

            assertThat(camera.isOneOfFrames(readOnePart(camera))).isTrue();
            assertThat(camera.connectionsOpened()).isEqualTo(3);
        }
    }

    @Test
    void basicAuthCameraRefusesRequestsWithoutTheRightCredentials() throws Exception {
        try (MjpegTestServer camera = MjpegTestServer.startWithBasicAuth(160, 120, 5, "viewer", "pa:ss")) {
            HttpResponse<Void> anonymous = http.send(HttpRequest.newBuilder(URI.create(camera.url())).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(camera.unauthorizedRequests()).isEqualTo(1);

            String basic = java.util.Base64.getEncoder().encodeToString("viewer:pa:ss".getBytes(StandardCharsets.UTF_8));
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(camera.url()))
                    .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            try (InputStream body = response.body()) {
                assertThat(camera.isOneOfFrames(readParts(body, 1).get(0))).isTrue();
            }
        }
    }

    private byte[] readOnePart(MjpegTestServer camera) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(camera.url())).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            return readParts(body, 1).get(0);
        }
    }

    /** Minimal multipart reader: part headers up to a blank line, then Content-Length bytes. */
    private static List<byte[]> readParts(InputStream body, int count) throws IOException {
        DataInputStream in = new DataInputStream(body);
        List<byte[]> parts = new ArrayList<>();
        while (parts.size() < count) {
            int length = -1;
            String line;
            while (!(line = readLine(in)).isEmpty() || length < 0) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            byte[] jpeg = new byte[length];
            in.readFully(jpeg);
            parts.add(jpeg);
        }
        return parts;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
