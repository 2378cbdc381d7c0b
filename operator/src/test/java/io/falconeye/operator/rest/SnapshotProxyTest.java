package io.falconeye.operator.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.falconeye.operator.cluster.ServiceEndpoint;
import io.falconeye.operator.cluster.ServiceEndpoints;
import io.falconeye.testsupport.media.FfmpegTools;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * GET /api/cameras/{id}/snapshot.jpg against a real HTTP server that answers like the relay
 * ({@code /snapshot.jpg}: the latest JPEG, 503 before the first frame), listening on the relay pod's
 * IP and port, found through the relay Service's endpoints exactly as in a cluster.
 */
@QuarkusTest
@QuarkusTestResource(value = ApiTestResource.class, restrictToAnnotatedClass = true)
class SnapshotProxyTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    ServiceEndpoints endpoints;

    @Test
    void theSnapshotComesFromTheCamerasRelayAndFromNowhereElse() throws Exception {
        String id = ApiCameras.createHttp("snap-cam", "http://10.20.30.41/video");
        List<ServiceEndpoint> relay = await().atMost(Duration.ofSeconds(60)).until(
                () -> endpoints.ready(ApiTestResource.namespace(), "svc-snap-cam", "http", 8081), l -> !l.isEmpty());
        String snapshot = "/api/cameras/" + id + "/snapshot.jpg";
        byte[] jpeg = oneJpeg();

        List<String> asked = new CopyOnWriteArrayList<>();
        AtomicInteger relayStatus = new AtomicInteger(503);
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getByName(relay.get(0).ip()), relay.get(0).port()), 16);
        server.createContext("/", exchange -> answerLikeTheRelay(exchange, asked, relayStatus.get(), jpeg));
        server.start();
        try {
            // before the relay has a frame: its 503 becomes a problem that says to come back
            given().get(snapshot).then().statusCode(503).contentType(PROBLEM).header("Retry-After", equalTo("2"))
                    .body("detail", containsString("no picture yet"));

            relayStatus.set(200);
            Response answer = given().urlEncodingEnabled(false)
                    .get(snapshot + "?url=http%3A%2F%2F127.0.0.1%3A9%2Fsecret&path=..%2F..%2Fetc%2Fpasswd");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.contentType()).isEqualTo("image/jpeg");
            assertThat(answer.header("Content-Length")).isEqualTo(String.valueOf(jpeg.length));
            assertThat(answer.asByteArray()).isEqualTo(jpeg);

            relayStatus.set(500);
            String failed = given().get(snapshot).then().statusCode(502).contentType(PROBLEM)
                    .body("detail", equalTo("the camera's relay answered HTTP 500")).extract().asString();
            assertThat(failed).doesNotContain("relay error page");

            // nothing in the request chooses the upstream: unknown and path-like ids never reach it
            given().get("/api/cameras/00000000-0000-0000-0000-000000000000/snapshot.jpg").then().statusCode(404)
                    .contentType(PROBLEM);
            given().urlEncodingEnabled(false).get("/api/cameras/..%2F..%2Fetc%2Fpasswd/snapshot.jpg").then()
                    .statusCode(400).contentType(PROBLEM);
            given().urlEncodingEnabled(false).get("/api/cameras/http:%2F%2F127.0.0.1:9%2Fx/snapshot.jpg").then()
                    .statusCode(400).contentType(PROBLEM);
            given().urlEncodingEnabled(false).get("/api/cameras/" + id + "/snapshot.jpg/..%2F..%2Fhealth").then()
                    .statusCode(404);
            assertThat(asked).as("what the relay was asked").hasSize(3).containsOnly("/snapshot.jpg");
        } finally {
            server.stop(0);
        }

        // relay process gone, its pod still listed: 502, no stack trace
        String down = given().get(snapshot).then().statusCode(502).contentType(PROBLEM)
                .body("detail", equalTo("the camera's relay did not answer")).extract().asString();
        assertThat(down).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(relay.get(0).ip());

        // camera stopped: no relay endpoint at all, 503 with Retry-After
        given().post("/api/cameras/" + id + "/stop").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get(snapshot).then().statusCode(503)
                .contentType(PROBLEM).header("Retry-After", equalTo("2"))
                .body("detail", equalTo("the camera's relay is not ready")));
        given().delete("/api/cameras/" + id).then().statusCode(204);
    }

    /** The relay's /snapshot.jpg contract (relay-image's README); anything else is a 404. */
    private static void answerLikeTheRelay(HttpExchange exchange, List<String> asked, int status, byte[] jpeg)
            throws IOException {
        asked.add(exchange.getRequestURI().toString());
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            if (!"/snapshot.jpg".equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
            } else if (status == 200) {
                exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(200, jpeg.length);
                out.write(jpeg);
            } else {
                byte[] text = (status == 503 ? "no frame received from the camera yet\n" : "relay error page\n")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                exchange.getResponseHeaders().set("Retry-After", "1");
                exchange.sendResponseHeaders(status, text.length);
                out.write(text);
            }
        }
    }

    private static byte[] oneJpeg() throws IOException {
        Path dir = Files.createTempDirectory("snapshot");
        Path file = dir.resolve("frame.jpg");
        try {
            FfmpegTools.runFfmpeg(Duration.ofSeconds(60), List.of("-loglevel", "error", "-f", "lavfi",
                    "-i", "testsrc2=size=320x240:rate=1", "-frames:v", "1", "-c:v", "mjpeg", "-f", "image2",
                    file.toString()));
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
