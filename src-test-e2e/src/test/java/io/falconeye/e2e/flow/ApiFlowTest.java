package io.falconeye.e2e.flow;

import static io.falconeye.e2e.flow.CameraFlowTest.GROUP_VERSION;
import static io.falconeye.e2e.flow.CameraFlowTest.RECORDINGS;
import static io.falconeye.e2e.flow.CameraFlowTest.apply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.e2e.runner.LocalNodeRunner;
import io.falconeye.e2e.runner.SharedRunner;
import io.falconeye.testsupport.db.PostgresServer;
import io.falconeye.testsupport.kube.ControlPlane;
import io.falconeye.testsupport.kube.TestNamespace;
import io.falconeye.testsupport.kube.WithControlPlane;
import io.falconeye.testsupport.media.FfmpegTools;
import io.falconeye.testsupport.media.RtspCamera;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The flows through the REST API, with the operator, the runner, the file servers and a
 * real RTSP camera: the API stream delivers JPEGs of the source's size; a recording started and
 * stopped through the API lists its files with the node; download is a playable MP4; delete
 * removes the file from that node's folder; deleting the camera marks its rows camera_deleted.
 */
@WithControlPlane
class ApiFlowTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static RtspCamera source;
    private static OperatorProcess operator;
    private static LocalNodeRunner runner;
    private static URI api;

    @BeforeAll
    static void startEverything(ControlPlane controlPlane, KubernetesClient client, TestNamespace ns) {
        Path repo = SharedRunner.repoRoot();
        controlPlane.kubectl("apply", "--server-side", "--force-conflicts", "-f", repo.resolve("crds").toString());
        client.secrets().resource(new SecretBuilder().withNewMetadata().withName("falcon-eye-internal").endMetadata()
                .addToStringData("token", "e2e-internal-token").build()).create();
        controlPlane.kubectl("apply", "-n", ns.name(), "-f",
                repo.resolve("src-test-e2e/cluster/manifests/file-server.yaml").toString());
        runner = SharedRunner.forNamespace(ns.name());
        source = RtspCamera.start(RtspCamera.Options.defaults().size(640, 480).fps(10));
        int port = RtspCamera.freePort();
        PostgresServer database = PostgresServer.shared();
        operator = OperatorProcess.start(controlPlane, ns.name(), port, Map.of(
                "DATABASE_HOST", database.host(),
                "DATABASE_PORT", String.valueOf(database.port()),
                "DATABASE_USER", database.user(),
                "DATABASE_PASSWORD", database.password(),
                "DATABASE_NAME", database.database()));
        api = URI.create("http://127.0.0.1:" + port);
    }

    @AfterAll
    static void stopEverything() {
        if (operator != null) {
            operator.close();
        }
        if (source != null) {
            source.close();
        }
    }

    @Test
    void streamRecordDownloadAndDeleteThroughTheApi(ControlPlane controlPlane, KubernetesClient client,
            TestNamespace ns) throws Exception {
        apply(controlPlane, ns, """
                apiVersion: falcon-eye.io/v1alpha1
                kind: Camera
                metadata:
                  name: gate
                spec:
                  protocol: rtsp
                  nodeName: node-b
                  source:
                    url: %s
                  resolution: 640x480
                  recording:
                    segmentSeconds: 10
                """.formatted(source.url("/h264")));
        controlPlane.kubectl("wait", "-n", ns.name(), "--for=condition=Ready", "--timeout=120s", "camera/gate");
        String id = CameraFlowTest.get(client, "Camera", "gate").getMetadata().getUid();

        List<byte[]> frames = MjpegFrames.read(api.resolve("/api/cameras/" + id + "/stream").toString(), 3,
                Duration.ofSeconds(30));
        assertThat(frames).hasSize(3).allSatisfy(f -> assertThat(MjpegFrames.size(f)).containsExactly(640, 480));

        assertThat(send("POST", "/api/cameras/" + id + "/recording/start").statusCode()).isEqualTo(201);
        await().atMost(WAIT).until(() -> files(id).size() >= 2);
        assertThat(send("POST", "/api/cameras/" + id + "/recording/stop").statusCode()).isEqualTo(200);

        JsonNode file = files(id).get(0);
        assertThat(file.path("node_name").asText()).isEqualTo("node-b");
        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(
                api.resolve("/api/recordings/" + file.path("id").asText() + "/download")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        Path local = Files.createTempFile("download", ".mp4");
        Files.write(local, download.body());
        assertThat(FfmpegTools.probe(local.toString()).videoCodec()).isEqualTo("h264");

        Path onNodeB = runner.nodePath("node-b", RECORDINGS).resolve(id)
                .resolve(Path.of(file.path("file_path").asText()).getFileName());
        assertThat(onNodeB).exists();
        assertThat(send("DELETE", "/api/recordings/" + file.path("id").asText()).statusCode()).isEqualTo(204);
        assertThat(onNodeB).doesNotExist();

        client.genericKubernetesResources(GROUP_VERSION, "Camera").withName("gate").delete();
        await().atMost(WAIT).until(() -> !files(id).isEmpty()
                && files(id).stream().allMatch(f -> f.path("camera_deleted").asBoolean()));
    }

    private static List<JsonNode> files(String cameraId) throws Exception {
        JsonNode list = JSON.readTree(send("GET", "/api/recordings?camera_id=" + cameraId).body());
        return StreamSupport.stream(list.path("recordings").spliterator(), false)
                .filter(r -> !"recording".equals(r.path("status").asText())).toList();
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
