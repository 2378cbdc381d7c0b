package io.falconeye.operator.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.operator.cluster.ServiceEndpoint;
import io.falconeye.operator.cluster.ServiceEndpoints;
import io.falconeye.testsupport.files.NginxFileServer;
import io.falconeye.testsupport.kube.ControlPlane;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Recordings end to end: the recorder's event lands in PostgreSQL, the file is downloaded (with
 * Range) from the nginx file server of the node that has it, and deleting removes it there.
 */
@QuarkusTest
@QuarkusTestResource(value = ApiTestResource.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordingFilesTest {


    @Inject
    ServiceEndpoints endpoints;

    private final List<NginxFileServer> servers = new ArrayList<>();
    private Path nodeB;

    @BeforeAll
    void fileServersOnTwoNodes() throws Exception {
        KubernetesClient kube = ControlPlane.shared().adminClient();
        String ns = ApiTestResource.namespace();
        kube.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("falcon-eye-file-server")
                .endMetadata().withNewSpec().withClusterIP("None").addToSelector("app", "falcon-eye-file-server").addNewPort().withName("http")
                .withPort(8080).withTargetPort(new IntOrString(8080)).endPort().endSpec().build()).create();
        for (String node : List.of("node-a", "node-b")) {
            kube.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("file-server-" + node)
                    .addToLabels("app", "falcon-eye-file-server").endMetadata().withNewSpec().withNodeName(node)
                    .addNewContainer().withName("nginx").withImage("nginx:alpine").addNewPort().withName("http")
                    .withContainerPort(8080).endPort().endContainer().endSpec().build()).create();
        }
        List<ServiceEndpoint> ready = await().atMost(Duration.ofSeconds(60)).until(
                () -> endpoints.ready(ns, "falcon-eye-file-server", "http", 8080), l -> l.size() == 2);
        for (ServiceEndpoint endpoint : ready) {
            Path root = Files.createTempDirectory("files-" + endpoint.nodeName());
            if ("node-b".equals(endpoint.nodeName())) {
                nodeB = root;
            }
            servers.add(NginxFileServer.start(endpoint.ip(), endpoint.port(), root));
        }
        assertThat(nodeB).isNotNull();
    }

    @AfterAll
    void stopFileServers() {
        servers.forEach(NginxFileServer::close);
    }

    @Test
    void rangeDownloadFromTheSecondNodeThenDeleteThere() throws Exception {
        // The camera whose file this is: a real one, mirrored, so the file is not camera_deleted.
        String cameraId = ApiCameras.createHttp("porch", "http://192.0.2.9/porch");
        await().atMost(Duration.ofSeconds(60)).until(
                () -> !Db.rows("select id from cameras where id = '" + cameraId + "'").isEmpty());
        byte[] content = new byte[1 << 20];
        new Random(7).nextBytes(content);
        Path file = nodeB.resolve(cameraId).resolve("porch_20260101_120000.mp4");
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Map<String, Object> event = Map.of("event_id", cameraId + ":7", "type", "segment_finished",
                "camera_id", cameraId, "camera_name", "porch",
                "file_path", "/recordings/" + cameraId + "/porch_20260101_120000.mp4",
                // a stale hint: the API asks node-a first, then finds the file on node-b
                "node_name", "node-a",
                "start_time", "2026-01-01T12:00:00Z", "end_time", "2026-01-01T12:05:00Z",
                "duration_seconds", 300.0, "size_bytes", content.length);

        given().contentType(ContentType.JSON).body(event).post("/api/internal/recorder-events")
                .then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("Authorization", "Bearer wrong").body(event)
                .post("/api/internal/recorder-events").then().statusCode(401);
        for (int i = 0; i < 2; i++) { // a repeated event changes nothing
            given().contentType(ContentType.JSON).header("Authorization", "Bearer " + ApiTestResource.TOKEN).body(event)
                    .post("/api/internal/recorder-events").then().statusCode(204);
        }
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + ApiTestResource.TOKEN)
                .body(Map.of("type", "segment_finished", "camera_id", cameraId,
                        "file_path", "/recordings/" + cameraId + "/../../etc/passwd"))
                .post("/api/internal/recorder-events").then().statusCode(400).body("field", equalTo("file_path"));

        String id = given().get("/api/recordings?camera_id=" + cameraId).then().statusCode(200)
                .body("count", equalTo(1)).body("recordings[0].status", equalTo("completed"))
                .body("recordings[0].file_size_bytes", equalTo(content.length))
                .body("recordings[0].camera_deleted", equalTo(false))
                .extract().path("recordings[0].id");
        given().get("/api/recordings/" + id).then().statusCode(200).body("file_name", equalTo("porch_20260101_120000.mp4"));

        Response range = given().header("Range", "bytes=1000-1999").get("/api/recordings/" + id + "/download");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.header("Content-Range")).isEqualTo("bytes 1000-1999/" + content.length);
        assertThat(range.header("Content-Length")).isEqualTo("1000");
        assertThat(range.asByteArray()).isEqualTo(Arrays.copyOfRange(content, 1000, 2000));

        Response whole = given().get("/api/recordings/" + id + "/download");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.header("Content-Length")).isEqualTo(String.valueOf(content.length));
        assertThat(whole.contentType()).startsWith("video/mp4");
        assertThat(whole.asByteArray()).isEqualTo(content);

        given().delete("/api/recordings/" + id).then().statusCode(204);
        assertThat(file).doesNotExist();
        given().get("/api/recordings/" + id).then().statusCode(404);
        given().get("/api/recordings/" + id + "/download").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
