package io.falconeye.e2e.flow;

import static io.falconeye.e2e.flow.CameraFlowTest.apply;
import static io.falconeye.e2e.flow.FalconEyeStack.GROUP_VERSION;
import static io.falconeye.e2e.flow.FalconEyeStack.RECORDINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.testsupport.kube.ControlPlane;
import io.falconeye.testsupport.kube.TestNamespace;
import io.falconeye.testsupport.kube.WithControlPlane;
import io.falconeye.testsupport.media.FfmpegTools;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    private static final Duration WAIT = Duration.ofSeconds(120);

    private static FalconEyeStack stack;

    @BeforeAll
    static void startEverything(ControlPlane controlPlane, KubernetesClient client, TestNamespace ns) {
        stack = FalconEyeStack.start(controlPlane, client, ns);
    }

    @AfterAll
    static void stopEverything() {
        if (stack != null) {
            stack.close();
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
                """.formatted(stack.source().url("/h264")));
        controlPlane.kubectl("wait", "-n", ns.name(), "--for=condition=Ready", "--timeout=120s", "camera/gate");
        String id = CameraFlowTest.get(client, "Camera", "gate").getMetadata().getUid();

        List<byte[]> frames = MjpegFrames.read(stack.url("/api/cameras/" + id + "/stream"), 3, Duration.ofSeconds(30));
        assertThat(frames).hasSize(3).allSatisfy(f -> assertThat(MjpegFrames.size(f)).containsExactly(640, 480));

        assertThat(stack.send("POST", "/api/cameras/" + id + "/recording/start").statusCode()).isEqualTo(201);
        await().atMost(WAIT).until(() -> stack.files(id).size() >= 2);
        assertThat(stack.send("POST", "/api/cameras/" + id + "/recording/stop").statusCode()).isEqualTo(200);

        List<JsonNode> files = stack.files(id);
        assertThat(files).allSatisfy(f -> assertThat(f.path("node_name").asText()).isEqualTo("node-b"));
        JsonNode file = files.get(0);
        HttpResponse<byte[]> download = stack.download("/api/recordings/" + file.path("id").asText() + "/download");
        assertThat(download.statusCode()).isEqualTo(200);
        Path local = Files.createTempFile("download", ".mp4");
        Files.write(local, download.body());
        FfmpegTools.Probe probe = FfmpegTools.probe(local.toString());
        assertThat(probe.videoCodec()).isEqualTo("h264");
        assertThat(probe.firstStream("video").path("width").asInt()).isEqualTo(640);
        assertThat(probe.format().path("duration").asDouble()).isGreaterThan(5.0);

        // The file is on node-b only: its folder there, nothing in node-a's.
        String name = Path.of(file.path("file_path").asText()).getFileName().toString();
        Path onNodeB = stack.runner().nodePath("node-b", RECORDINGS).resolve(id).resolve(name);
        assertThat(onNodeB).exists();
        assertThat(stack.runner().nodePath("node-a", RECORDINGS).resolve(id).resolve(name)).doesNotExist();
        assertThat(stack.send("DELETE", "/api/recordings/" + file.path("id").asText()).statusCode()).isEqualTo(204);
        assertThat(onNodeB).doesNotExist();
        assertThat(stack.files(id)).extracting(f -> f.path("id").asText()).doesNotContain(file.path("id").asText());

        client.genericKubernetesResources(GROUP_VERSION, "Camera").withName("gate").delete();
        await().atMost(WAIT).until(() -> !stack.files(id).isEmpty()
                && stack.files(id).stream().allMatch(f -> f.path("camera_deleted").asBoolean()));
    }
}
