package io.falconeye.operator.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.fabric8.kubernetes.api.model.Secret;
import io.falconeye.operator.api.Camera;
import io.falconeye.testsupport.kube.ControlPlane;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ApiTestResource.class, restrictToAnnotatedClass = true)
class CameraApiTest {

    @TestHTTPResource("/")
    URL api;

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void createGetListPatchDeleteThroughCameraResources() {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("name", "Front Door", "protocol", "rtsp",
                        "source_url", "rtsp://admin:s3cr%40t@10.0.0.5:554/stream1", "location", "porch",
                        "framerate", 10, "metadata", Map.of("floor", 1)))
                .post("/api/cameras")
                .then().statusCode(201)
                .body("name", equalTo("Front Door"))
                .body("source_url", equalTo("rtsp://10.0.0.5:554/stream1"))
                .body("has_credentials", equalTo(true))
                .body("stream_url", containsString("/stream"))
                .extract().path("id");

        Camera camera = ControlPlane.shared().adminClient().resources(Camera.class)
                .inNamespace(ApiTestResource.namespace()).withName("front-door").get();
        assertThat(camera.getMetadata().getUid()).isEqualTo(id);
        assertThat(camera.getSpec().getSource().getUrl()).isEqualTo("rtsp://10.0.0.5:554/stream1");
        Secret secret = ControlPlane.shared().adminClient().secrets().inNamespace(ApiTestResource.namespace())
                .withName(camera.getSpec().getCredentialsSecretRef().getName()).get();
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("password")))).isEqualTo("s3cr@t");

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/cameras/" + id).then().statusCode(200)
                .body("protocol", equalTo("rtsp")).body("framerate", equalTo(10)).body("metadata.floor", equalTo(1)));
        String body = given().get("/api/cameras/" + id).asString();
        assertThat(body).doesNotContain("s3cr").doesNotContain("admin");

        given().get("/api/cameras?protocol=rtsp").then().statusCode(200)
                .body("cameras.id", org.hamcrest.Matchers.hasItem(id));
        given().get("/api/cameras?protocol=http").then().statusCode(200)
                .body("cameras.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id)));

        given().contentType(ContentType.JSON).body(Map.of("name", "front door!", "protocol", "http",
                "source_url", "http://10.0.0.9/video")).post("/api/cameras")
                .then().statusCode(409).contentType("application/problem+json");

        given().contentType(ContentType.JSON).body(Map.of("location", "garage", "resolution", "1280x720"))
                .patch("/api/cameras/" + id).then().statusCode(200)
                .body("location", equalTo("garage")).body("resolution", equalTo("1280x720"));

        given().post("/api/cameras/" + id + "/stop").then().statusCode(200).body("enabled", equalTo(false));
        given().post("/api/cameras/" + id + "/start").then().statusCode(200).body("enabled", equalTo(true));
        given().post("/api/cameras/" + id + "/restart").then().statusCode(200);
        assertThat(ControlPlane.shared().adminClient().resources(Camera.class).inNamespace(ApiTestResource.namespace())
                .withName("front-door").get().getMetadata().getAnnotations()).containsKey(Camera.RESTARTED_AT_ANNOTATION);
        given().get("/api/cameras/" + id + "/stream-info").then().statusCode(200)
                .body("stream_url", equalTo("/api/cameras/" + id + "/stream"));

        // the mirror: one row per camera, keyed by uid
        await().atMost(WAIT).untilAsserted(() -> assertThat(Db.rows(
                "select name, location, resolution from cameras where id = '" + id + "'"))
                .containsExactly(List.of("front-door", "garage", "1280x720")));

        given().delete("/api/cameras/" + id).then().statusCode(204);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/cameras/" + id).then().statusCode(404)
                .contentType("application/problem+json"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(Db.rows("select id from cameras where id = '" + id + "'"))
                .isEmpty());
    }

    @Test
    void badInputsGiveProblemsNamingTheField() throws Exception {
        problem(Map.of("protocol", "rtsp", "source_url", "rtsp://h/x"), 400, "name");
        problem(Map.of("name", "x", "source_url", "rtsp://h/x"), 400, "protocol");
        problem(Map.of("name", List.of("x"), "protocol", "rtsp", "source_url", "rtsp://h/x"), 400, "name");
        problem(Map.of("name", "x", "protocol", 7, "source_url", "rtsp://h/x"), 400, "protocol");
        problem(Map.of("name", "x", "protocol", "rtsp", "source_url", "rtsp://h/x", "enabled", "maybe"), 400, "enabled");
        problem(Map.of("name", "../..", "protocol", "rtsp", "source_url", "rtsp://h/x"), 400, "name");
        problem(Map.of("name", "x", "protocol", "usb", "node_name", "node-a", "device_path", "../../etc/passwd"), 400,
                "device_path");
        problem(Map.of("name", "x", "protocol", "rtsp", "source_url", "rtsp://h/x", "node_name", "../../etc"), 400,
                "node_name");
        problem(Map.of("name", "x", "protocol", "smoke-signal"), 400, "protocol");
        problem(Map.of("name", "x", "protocol", "rtsp"), 400, "source_url");
        problem(Map.of("name", "x", "protocol", "rtsp", "source_url", "http://h/x"), 400, "source_url");
        problem(Map.of("name", "x", "protocol", "usb"), 400, "node_name");
        problem(Map.of("name", "x", "protocol", "rtsp", "source_url", "rtsp://h/x", "framerate", 500), 400, "framerate");
        problem(Map.of("name", "x", "protocol", "rtsp", "source_url", "rtsp://h/x", "framerate", "fast"), 400, "framerate");
        problem(Map.of("name", "x", "protocol", "rtsp", "source_url", "rtsp://h/x", "resolution", "big"), 400, "resolution");
        problem(Map.of("name", "x", "protocol", "rtsp", "source_url", "rtsp://h/x", "metadata", List.of(1)), 400, "metadata");
        problem(Map.of("name", "x", "protocol", "rtsp", "source_url", "rtsp://h/x", "surprise", true), 400, "surprise");

        given().contentType(ContentType.JSON).body("{not json").post("/api/cameras")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"name\":\"" + "x".repeat(70_000) + "\"}").post("/api/cameras")
                .then().statusCode(413).contentType("application/problem+json").body("field", equalTo("body"));
        // the same without Content-Length (chunked): still refused, not read into memory
        HttpResponse<String> tooLarge = chunked("{\"name\":\"" + "x".repeat(70_000) + "\"}");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(tooLarge.body()).contains("\"field\":\"body\"");
        // a chunked body within the limit reaches the resource whole
        HttpResponse<String> small = chunked("{\"name\":\"chunked-ok\",\"protocol\":\"http\",\"source_url\":\"http://10.6.0.1/a\"}");
        assertThat(small.statusCode()).as(small.body()).isEqualTo(201);
        String chunked = io.restassured.path.json.JsonPath.from(small.body()).getString("id");
        await().atMost(WAIT).untilAsserted(() -> given().delete("/api/cameras/" + chunked).then().statusCode(204));

        given().urlEncodingEnabled(false).get("/api/cameras/..%2F..%2Fetc%2Fpasswd")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("id"));
        given().get("/api/cameras/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).contentType("application/problem+json");
        given().get("/api/recordings/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).contentType("application/problem+json");
        given().urlEncodingEnabled(false).get("/api/cameras/..%2F..%2Fetc%2Fpasswd/stream")
                .then().statusCode(400).contentType("application/problem+json");
        given().get("/api/nodes/No_Such..Node").then().statusCode(400).contentType("application/problem+json");
        given().delete("/api/settings/cameras/all").then().statusCode(400).body("field", equalTo("confirm"));
        given().get("/api/recordings?limit=0").then().statusCode(400).body("field", equalTo("limit"));
        given().get("/api/recordings?limit=ten").then().statusCode(400).body("field", equalTo("limit"));
        given().get("/api/recordings?offset=-1").then().statusCode(400).body("field", equalTo("offset"));
        given().get("/api/recordings?status=lost").then().statusCode(400).body("field", equalTo("status"));
        given().urlEncodingEnabled(false).get("/api/recordings?camera_id=..%2F..%2Fetc%2Fpasswd").then().statusCode(400)
                .body("field", equalTo("camera_id"));
        given().urlEncodingEnabled(false).get("/api/recordings/..%2F..%2Fetc%2Fpasswd").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("id"));
        given().urlEncodingEnabled(false).get("/api/recordings/..%2F..%2Fetc%2Fpasswd/download").then().statusCode(400)
                .contentType("application/problem+json");
        given().delete("/api/recordings/00000000-0000-0000-0000-000000000000?delete_file=yes").then().statusCode(400)
                .body("field", equalTo("delete_file"));
        given().delete("/api/recordings/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType("application/problem+json");
        for (String action : List.of("start", "stop", "restart")) {
            given().post("/api/cameras/00000000-0000-0000-0000-000000000000/" + action).then().statusCode(404)
                    .contentType("application/problem+json");
        }
        given().get("/api/cameras/00000000-0000-0000-0000-000000000000/stream-info").then().statusCode(404);
        given().get("/api/cameras/00000000-0000-0000-0000-000000000000/stream").then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("location", "x"))
                .patch("/api/cameras/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        given().delete("/api/cameras/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        given().get("/api/nodes/no-such-node").then().statusCode(404).contentType("application/problem+json");
    }

    /** The API lists what the operator here reconciles (quarkus.operator-sdk.namespaces), nothing else. */
    @Test
    void aCameraOfANamespaceNotReconciledHereIsNotListed() {
        var admin = ControlPlane.shared().adminClient();
        String other = ApiTestResource.namespace() + "-other";
        admin.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName(other).addToLabels("falcon-eye.io/test", "true").endMetadata().build()).create();
        try {
            Camera foreign = new Camera();
            foreign.getMetadata().setName("elsewhere");
            foreign.getMetadata().setNamespace(other);
            io.falconeye.operator.api.CameraSpec spec = new io.falconeye.operator.api.CameraSpec();
            spec.setProtocol(io.falconeye.operator.api.Protocol.RTSP);
            io.falconeye.operator.api.CameraSource source = new io.falconeye.operator.api.CameraSource();
            source.setUrl("rtsp://10.7.0.1/elsewhere");
            spec.setSource(source);
            foreign.setSpec(spec);
            String foreignUid = admin.resource(foreign).create().getMetadata().getUid();
            // created after the foreign one: once it is listed, the foreign one would be too if it were watched
            String own = create(Map.of("name", "here", "protocol", "rtsp", "source_url", "rtsp://10.7.0.2/here"));
            await().atMost(WAIT).untilAsserted(() -> given().get("/api/cameras").then().statusCode(200)
                    .body("cameras.id", hasItem(own)));
            given().get("/api/cameras").then().statusCode(200)
                    .body("cameras.id", not(hasItem(foreignUid)))
                    .body("cameras.namespace", everyItem(equalTo(ApiTestResource.namespace())));
            given().get("/api/cameras/" + foreignUid).then().statusCode(404);
            // nor does it take a source_url or name here
            String same = create(Map.of("name", "elsewhere", "protocol", "rtsp", "source_url", "rtsp://10.7.0.1/elsewhere"));
            given().delete("/api/cameras/" + same).then().statusCode(204);
            given().delete("/api/cameras/" + own).then().statusCode(204);
        } finally {
            admin.namespaces().withName(other).delete();
        }
    }

    /**
     * A camera created without resolution or framerate leaves them to the settings, and follows
     * them when they change; its JSON shows what the operator applies.
     */
    @Test
    void aCameraWithoutResolutionOrFramerateFollowsTheDefaults() {
        given().contentType(ContentType.JSON).body(Map.of("default_resolution", "800x600", "default_framerate", 12))
                .patch("/api/settings").then().statusCode(200);
        String id = create(Map.of("name", "follows-defaults", "protocol", "rtsp", "source_url", "rtsp://10.8.0.1/a"));
        Camera camera = ControlPlane.shared().adminClient().resources(Camera.class)
                .inNamespace(ApiTestResource.namespace()).withName("follows-defaults").get();
        assertThat(camera.getSpec().getResolution()).isNull();
        assertThat(camera.getSpec().getFramerate()).isNull();
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/cameras/" + id).then().statusCode(200)
                .body("resolution", equalTo("800x600")).body("framerate", equalTo(12)));

        given().contentType(ContentType.JSON).body(Map.of("default_resolution", "640x480", "default_framerate", 7))
                .patch("/api/settings").then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/cameras/" + id).then().statusCode(200)
                .body("resolution", equalTo("640x480")).body("framerate", equalTo(7)));
        given().get("/api/cameras").then().statusCode(200)
                .body("cameras.find { it.id == '" + id + "' }.framerate", equalTo(7));
        given().get("/api/cameras/" + id + "/stream-info").then().statusCode(200).body("framerate", equalTo(7));
        assertThat(ControlPlane.shared().adminClient().resources(Camera.class).inNamespace(ApiTestResource.namespace())
                .withName("follows-defaults").get().getSpec().getFramerate()).isNull();
        given().delete("/api/cameras/" + id).then().statusCode(204);
    }

    @Test
    void listFiltersByProtocolStatusAndNode() {
        String pinned = create(Map.of("name", "filter-pinned", "protocol", "http", "source_url", "http://10.4.0.1/a",
                "node_name", "node-b"));
        String stopped = create(Map.of("name", "filter-stopped", "protocol", "rtsp", "source_url", "rtsp://10.4.0.2/a"));
        given().post("/api/cameras/" + stopped + "/stop").then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/cameras?status=stopped").then().statusCode(200)
                .body("cameras.id", hasItem(stopped)).body("cameras.id", not(hasItem(pinned)))
                .body("cameras.status", everyItem(equalTo("stopped"))));
        given().get("/api/cameras?node=node-b").then().statusCode(200)
                .body("cameras.id", hasItem(pinned)).body("cameras.id", not(hasItem(stopped)))
                .body("cameras.node_name", everyItem(equalTo("node-b")));
        given().get("/api/cameras?protocol=rtsp&status=stopped").then().statusCode(200)
                .body("cameras.id", hasItem(stopped)).body("total", equalTo(given().get(
                        "/api/cameras?protocol=rtsp&status=stopped").<List<?>>path("cameras").size()));
        given().get("/api/cameras?protocol=http&status=stopped").then().statusCode(200)
                .body("cameras.id", not(hasItem(stopped)));
        given().get("/api/cameras?status=sleeping").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("status"));
        given().get("/api/cameras?protocol=smoke-signal").then().statusCode(400).body("field", equalTo("protocol"));
        given().urlEncodingEnabled(false).get("/api/cameras?node=..%2F..%2Fetc").then().statusCode(400)
                .body("field", equalTo("node"));
        given().delete("/api/cameras/" + pinned).then().statusCode(204);
        given().delete("/api/cameras/" + stopped).then().statusCode(204);
    }

    /**
     * Camera passwords, the recorders' token and the assistant's API key go in, and never come
     * out: not in any response of the API, not in any log line it writes meanwhile.
     */
    @Test
    void noSecretInAnyResponseOrLogLine() {
        List<String> secrets = List.of("Pw-in-url-71", "Pw-field-72", "Pw-patched-73", "sk-ant-key-74",
                ApiTestResource.TOKEN);
        LogCapture logs = LogCapture.start();
        List<String> responses = new ArrayList<>();
        try {
            org.jboss.logging.Logger.getLogger(CameraResource.class).info("capture-probe");
            String id = given().contentType(ContentType.JSON).body(Map.of("name", "secret-cam", "protocol", "rtsp",
                    "source_url", "rtsp://viewer:Pw-in-url-71@10.5.0.1:554/live")).post("/api/cameras")
                    .then().statusCode(201).extract().asString();
            id = io.restassured.path.json.JsonPath.from(id).getString("id");
            responses.add(given().contentType(ContentType.JSON).body(Map.of("name", "secret-cam-2", "protocol", "http",
                    "source_url", "http://10.5.0.2/video", "username", "u", "password", "Pw-field-72"))
                    .post("/api/cameras").asString());
            String finalId = id;
            await().atMost(WAIT).until(() -> given().get("/api/cameras/" + finalId).statusCode() == 200);
            responses.add(given().contentType(ContentType.JSON).body(Map.of("password", "Pw-patched-73"))
                    .patch("/api/cameras/" + id).then().statusCode(200).extract().asString());
            // a bad patch that carries a password must not echo it either
            responses.add(given().contentType(ContentType.JSON)
                    .body(Map.of("source_url", "ftp://u:Pw-patched-73@10.5.0.1/x")).patch("/api/cameras/" + id)
                    .then().statusCode(400).extract().asString());
            responses.add(given().contentType(ContentType.JSON).body(Map.of("chatbot", Map.of("api_key", "sk-ant-key-74")))
                    .patch("/api/settings").then().statusCode(200).extract().asString());
            responses.add(given().contentType(ContentType.JSON).header("Authorization", "Bearer " + ApiTestResource.TOKEN)
                    .body(Map.of("type", "segment_finished", "camera_id", id, "file_path",
                            "/recordings/" + id + "/secret-cam_20260101_120000.mp4", "size_bytes", 1))
                    .post("/api/internal/recorder-events").then().statusCode(204).extract().asString());
            responses.add(given().contentType(ContentType.JSON).header("Authorization", "Bearer " + ApiTestResource.TOKEN)
                    .body(Map.of("type", "segment_finished", "camera_id", id, "file_path", "/etc/passwd"))
                    .post("/api/internal/recorder-events").then().statusCode(400).extract().asString());
            for (String path : List.of("/api/cameras", "/api/cameras/" + id, "/api/cameras/" + id + "/stream-info",
                    "/api/cameras/" + id + "/recording/status", "/api/recordings?camera_id=" + id, "/api/settings",
                    "/api/nodes", "/health", "/q/metrics", "/q/openapi")) {
                responses.add(given().get(path).then().statusCode(200).extract().asString());
            }
            given().delete("/api/cameras/" + id).then().statusCode(204);
        } finally {
            logs.stop();
        }
        for (String secret : secrets) {
            assertThat(responses).noneMatch(r -> r.contains(secret));
            assertThat(logs.lines()).as("log lines").noneMatch(line -> line.contains(secret));
        }
        assertThat(logs.lines()).as("the capture sees the application's log").anyMatch(l -> l.contains("capture-probe"));
    }

    /** POST /api/cameras with a body of unknown length (Transfer-Encoding: chunked, no Content-Length). */
    private HttpResponse<String> chunked(String json) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "api/cameras"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String create(Map<String, Object> body) {
        String id = given().contentType(ContentType.JSON).body(body).post("/api/cameras").then().statusCode(201)
                .extract().path("id");
        await().atMost(WAIT).until(() -> given().get("/api/cameras/" + id).statusCode() == 200);
        return id;
    }

    private static void problem(Map<String, Object> body, int status, String field) {
        String response = given().contentType(ContentType.JSON).body(body).post("/api/cameras")
                .then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("detail", notNullValue())
                .body("field", equalTo(field))
                .extract().asString();
        assertThat(response).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void nodesSettingsHealthOpenApiAndMetrics() {
        given().get("/api/nodes").then().statusCode(200).body("name", org.hamcrest.Matchers.hasItems("node-a", "node-b"));
        given().get("/api/nodes/node-a").then().statusCode(200).body("ip", notNullValue())
                .body("ready", equalTo(true));

        given().contentType(ContentType.JSON)
                .body(Map.of("default_resolution", "1280x720", "jetson_nodes", List.of("jetson-1"),
                        "chatbot", Map.of("api_key", "sk-secret-value")))
                .patch("/api/settings").then().statusCode(200)
                .body("default_resolution", equalTo("1280x720"))
                .body("chatbot.api_key_configured", equalTo(true))
                .body("chatbot.api_key", nullValue());
        assertThat(given().get("/api/settings").asString()).doesNotContain("sk-secret-value");
        given().get("/api/nodes/jetson-1").then().statusCode(200).body("is_jetson", equalTo(true));
        given().contentType(ContentType.JSON).body(Map.of("default_framerate", 0)).patch("/api/settings")
                .then().statusCode(400).body("field", equalTo("framerate"));

        given().get("/health").then().statusCode(200).body("status", equalTo("ok"));
        String openapi = given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("/api/cameras/{id}/recording/start", "/api/recordings/{id}", "/api/nodes/{name}",
                "/api/settings", "/api/internal/recorder-events", "/health",
                // the Vert.x routes, from META-INF/openapi.yaml
                "/api/cameras/{id}/stream", "/api/cameras/{id}/snapshot.jpg", "/api/recordings/{id}/download");
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server"))
                .body(containsString("falconeye_stream_proxy_open"));
    }
}
