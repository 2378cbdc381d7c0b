package io.falconeye.e2e.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.falconeye.e2e.runner.LocalNodeRunner;
import io.falconeye.e2e.runner.PodStatuses;
import io.falconeye.testsupport.kube.ControlPlane;
import io.falconeye.testsupport.kube.TestNamespace;
import io.falconeye.testsupport.kube.WithControlPlane;
import io.falconeye.testsupport.media.FfmpegTools;
import io.falconeye.testsupport.media.RtspCamera;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end through real video on the {@link FalconEyeStack}: the built operator reconciles Cameras
 * and Recordings on the control plane, the runner runs the relay and recorder jars as the pods'
 * processes, and a real RTSP camera is the source. Checks the relay's live MJPEG, recordings
 * written on the camera's node, an operator restart mid-recording (no duplicate workloads, the
 * recording goes on), a killed relay (restarted, not Ready then Ready, the API's stream resumes)
 * and a deleted camera (its processes stop, its recordings' rows are marked camera_deleted).
 */
@WithControlPlane
class CameraFlowTest {

    static final String GROUP_VERSION = FalconEyeStack.GROUP_VERSION;
    private static final Duration WAIT = Duration.ofSeconds(120);
    static final String RECORDINGS = FalconEyeStack.RECORDINGS;

    private static FalconEyeStack stack;
    private static RtspCamera source;
    private static OperatorProcess operator;
    private static LocalNodeRunner runner;

    @BeforeAll
    static void startEverything(ControlPlane controlPlane, KubernetesClient client, TestNamespace ns) {
        stack = FalconEyeStack.start(controlPlane, client, ns);
        source = stack.source();
        operator = stack.operator();
        runner = stack.runner();
    }

    @AfterAll
    static void stopEverything() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aCameraPinnedToNodeBStreamsAndRecordsOnNodeBThroughAnOperatorRestart(ControlPlane controlPlane,
            KubernetesClient client, TestNamespace ns) throws Exception {
        // Recording and Camera in one apply, the Recording first: see cameraFirstThenRecording for
        // why the other order is not tested yet.
        apply(controlPlane, ns, RECORDING_OF_FRONT + "---\n" + frontCamera());
        controlPlane.kubectl("wait", "-n", ns.name(), "--for=condition=Ready", "--timeout=120s", "camera/front");
        Pod relayPod = runningPod(client, "cam-front");
        assertThat(relayPod.getSpec().getNodeName()).isEqualTo("node-b");

        ServiceTarget relay = readyBackend(client, "svc-front");
        assertThat(relay.node()).isEqualTo("node-b");
        List<byte[]> frames = MjpegFrames.read("http://" + relay.ip() + ":8081/stream", 3, Duration.ofSeconds(30));
        assertThat(frames).hasSize(3).allSatisfy(f -> assertThat(MjpegFrames.size(f)).containsExactly(640, 480));

        GenericKubernetesResource recording = await().atMost(WAIT).until(() -> get(client, "Recording", "front-1"),
                r -> "Recording".equals(status(r, "phase")));
        assertThat(status(recording, "nodeName")).isEqualTo("node-b");

        Map<String, String> workloads = workloadUids(client);
        String recorderPod = runningPod(client, "rec-front").getMetadata().getUid();
        operator.stop();
        operator.start();

        String cameraId = get(client, "Camera", "front").getMetadata().getUid();
        Path nodeB = runner.nodePath("node-b", RECORDINGS + "/" + cameraId);
        await().atMost(WAIT).until(() -> mp4Files(nodeB).size() >= 3);
        assertThat(workloadUids(client)).isEqualTo(workloads);
        assertThat(runningPod(client, "rec-front").getMetadata().getUid()).isEqualTo(recorderPod);
        assertThat(status(get(client, "Recording", "front-1"), "phase")).isEqualTo("Recording");

        client.genericKubernetesResources(GROUP_VERSION, "Recording").withName("front-1")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"stop\":true}}");
        await().atMost(WAIT).until(() -> "Stopped".equals(status(get(client, "Recording", "front-1"), "phase")));

        List<Path> files = mp4Files(nodeB);
        assertThat(files).hasSizeGreaterThanOrEqualTo(2)
                .as("files directly in the camera's folder under the node's recordings root")
                .allSatisfy(file -> assertThat(file.getParent()).isEqualTo(nodeB));
        assertThat(mp4Files(runner.nodePath("node-a", RECORDINGS + "/" + cameraId))).isEmpty();
        for (Path file : files.subList(0, 2)) {
            FfmpegTools.Probe probe = FfmpegTools.probe(file.toString());
            assertThat(probe.videoCodec()).isEqualTo("h264");
            assertThat(probe.firstStream("video").path("width").asInt()).isEqualTo(640);
            assertThat(probe.format().path("duration").asDouble()).isGreaterThan(5.0);
        }
        client.genericKubernetesResources(GROUP_VERSION, "Recording").withName("front-1").delete();
        client.genericKubernetesResources(GROUP_VERSION, "Camera").withName("front").delete();
        await().atMost(WAIT).until(() -> get(client, "Camera", "front") == null);
    }

    @Test
    void cameraFirstThenRecording(ControlPlane controlPlane, KubernetesClient client, TestNamespace ns) {
        // Its own mount of the test camera: the other flows keep /h264 to themselves.
        apply(controlPlane, ns, frontCamera().replace("name: front", "name: porch").replace("/h264", "/h264-pcma"));
        controlPlane.kubectl("wait", "-n", ns.name(), "--for=condition=Ready", "--timeout=120s", "camera/porch");
        apply(controlPlane, ns, RECORDING_OF_FRONT.replace("front", "porch"));
        await().atMost(WAIT).until(() -> "Recording".equals(status(get(client, "Recording", "porch-1"), "phase")));
        client.genericKubernetesResources(GROUP_VERSION, "Camera").withName("porch").delete();
    }

    private static final String RECORDING_OF_FRONT = """
            apiVersion: falcon-eye.io/v1alpha1
            kind: Recording
            metadata:
              name: front-1
            spec:
              cameraRef: front
            """;

    private static String frontCamera() {
        return """
                apiVersion: falcon-eye.io/v1alpha1
                kind: Camera
                metadata:
                  name: front
                spec:
                  protocol: rtsp
                  nodeName: node-b
                  source:
                    url: %s
                  resolution: 640x480
                  framerate: 10
                  recording:
                    segmentSeconds: 10
                """.formatted(source.url("/h264"));
    }

    @Test
    void aKilledRelayIsRestartedAndADeletedCameraStopsItsProcesses(ControlPlane controlPlane, KubernetesClient client,
            TestNamespace ns) throws Exception {
        apply(controlPlane, ns, """
                apiVersion: falcon-eye.io/v1alpha1
                kind: Camera
                metadata:
                  name: yard
                spec:
                  protocol: rtsp
                  source:
                    url: %s
                  framerate: 10
                  recording:
                    segmentSeconds: 10
                """.formatted(source.url("/h264-video")));
        controlPlane.kubectl("wait", "-n", ns.name(), "--for=condition=Ready", "--timeout=120s", "camera/yard");
        Pod relayPod = runningPod(client, "cam-yard");
        long relayPid = pid(relayPod);
        long recorderPid = pid(runningPod(client, "rec-yard"));

        // a watch sees every status write, however briefly Ready is False
        List<String> readiness = new CopyOnWriteArrayList<>();
        try (Watch watch = client.genericKubernetesResources(GROUP_VERSION, "Camera").withName("yard")
                .watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, GenericKubernetesResource camera) {
                        readiness.add(readyStatus(camera));
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                })) {
            ProcessHandle.of(relayPid).orElseThrow().destroyForcibly();
            await().atMost(WAIT).until(() -> restartCount(singlePod(client, "cam-yard")) == 1
                    && "True".equals(readyStatus(get(client, "Camera", "yard"))) && readiness.contains("False"));
        }
        Pod restarted = singlePod(client, "cam-yard");
        assertThat(restarted.getMetadata().getUid()).isEqualTo(relayPod.getMetadata().getUid());
        assertThat(pid(restarted)).isNotEqualTo(relayPid);
        // The stream resumes, through the API as a viewer watches it.
        String cameraId = get(client, "Camera", "yard").getMetadata().getUid();
        assertThat(MjpegFrames.read(stack.url("/api/cameras/" + cameraId + "/stream"), 2, Duration.ofSeconds(30)))
                .hasSize(2).allSatisfy(f -> assertThat(MjpegFrames.size(f)).containsExactly(640, 480));

        // A file recorded before the camera goes, so there are rows to mark.
        assertThat(stack.send("POST", "/api/cameras/" + cameraId + "/recording/start").statusCode()).isEqualTo(201);
        await().atMost(WAIT).until(() -> !stack.files(cameraId).isEmpty());
        // Stopped first: a segment the recorder finishes after its camera is gone is reported after the
        // camera's rows were marked, and its row is not marked (see the module README).
        assertThat(stack.send("POST", "/api/cameras/" + cameraId + "/recording/stop").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> stack.recordings(cameraId).stream()
                .noneMatch(r -> "recording".equals(r.path("status").asText())));
        long newRelayPid = pid(restarted);
        long newRecorderPid = pid(runningPod(client, "rec-yard"));
        client.genericKubernetesResources(GROUP_VERSION, "Camera").withName("yard").delete();
        await().atMost(WAIT).until(() -> !alive(newRelayPid) && !alive(recorderPid) && !alive(newRecorderPid));
        await().atMost(WAIT).until(() -> stack.recordings(cameraId).stream()
                .allMatch(r -> r.path("camera_deleted").asBoolean()));
        await().atMost(WAIT).until(() -> client.pods().withLabel("camera-id").list().getItems().stream()
                .noneMatch(p -> p.getMetadata().getName().contains("yard")));
    }

    static void apply(ControlPlane controlPlane, TestNamespace ns, String yaml) {
        var result = controlPlane.kubectlWithInput(yaml, "apply", "-n", ns.name(), "-f", "-");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
    }

    static GenericKubernetesResource get(KubernetesClient client, String kind, String name) {
        return client.genericKubernetesResources(GROUP_VERSION, kind).withName(name).get();
    }

    @SuppressWarnings("unchecked")
    static String status(GenericKubernetesResource resource, String field) {
        Object status = resource == null ? null : resource.getAdditionalProperties().get("status");
        Object value = status instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(field) : null;
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    static String readyStatus(GenericKubernetesResource resource) {
        Object status = resource == null ? null : resource.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> map) || !(map.get("conditions") instanceof List<?> conditions)) {
            return "Unknown";
        }
        return conditions.stream().map(c -> (Map<String, Object>) c).filter(c -> "Ready".equals(c.get("type")))
                .map(c -> String.valueOf(c.get("status"))).findFirst().orElse("Unknown");
    }

    record ServiceTarget(String ip, String node) {}

    static ServiceTarget readyBackend(KubernetesClient client, String service) {
        return await().atMost(WAIT).until(() -> client.discovery().v1().endpointSlices()
                .withLabel("kubernetes.io/service-name", service).list().getItems().stream()
                .flatMap(s -> s.getEndpoints() == null ? Stream.<Endpoint>empty() : s.getEndpoints().stream())
                .filter(e -> e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady()))
                .map(e -> new ServiceTarget(e.getAddresses().get(0), e.getNodeName())).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    static Pod singlePod(KubernetesClient client, String deployment) {
        return await().atMost(WAIT).until(() -> client.pods().list().getItems().stream()
                .filter(p -> p.getMetadata().getName().startsWith(deployment + "-"))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList(), pods -> pods.size() == 1).get(0);
    }

    /** The deployment's one pod once the runner runs its process and it is ready. */
    static Pod runningPod(KubernetesClient client, String deployment) {
        return await().atMost(WAIT).until(() -> singlePod(client, deployment),
                p -> pid(p) > 0 && p.getStatus().getContainerStatuses().get(0).getReady());
    }

    static long pid(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                || pod.getStatus().getContainerStatuses().isEmpty()) {
            return -1;
        }
        return PodStatuses.pidOf(pod.getStatus().getContainerStatuses().get(0).getContainerID());
    }

    static int restartCount(Pod pod) {
        return pod.getStatus().getContainerStatuses().get(0).getRestartCount();
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Deployment name -> uid: an operator restart must neither replace nor duplicate them. */
    static Map<String, String> workloadUids(KubernetesClient client) {
        Map<String, String> uids = new java.util.TreeMap<>();
        for (HasMetadata d : client.apps().deployments().list().getItems()) {
            uids.put(d.getMetadata().getName(), d.getMetadata().getUid());
        }
        return uids;
    }

    static List<Path> mp4Files(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> found = new ArrayList<>(files.filter(f -> f.toString().endsWith(".mp4")).sorted().toList());
            return found;
        }
    }
}
