package io.falconeye.operator.reconcile;

import static io.falconeye.operator.reconcile.Kube.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.operator.api.Recording;
import io.falconeye.operator.api.RecordingPhase;
import io.falconeye.operator.model.Conditions;
import io.falconeye.testsupport.kube.ControlPlane;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Recording resources against the real control plane; the recorder pod's process is a stand-in
 * HTTP server on the pod's (loopback) IP, reached by the operator through the Service's EndpointSlices.
 */
@QuarkusTest
@QuarkusTestResource(value = OperatorOnControlPlane.class, restrictToAnnotatedClass = true)
class RecordingLifecycleTest {
    static final io.fabric8.kubernetes.client.KubernetesClient client = ControlPlane.shared().adminClient();

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = OperatorOnControlPlane.TEST_NAMESPACE_PROPERTY)
    String ns;


    @Test
    void recordingStartsOnTheRecorderAndStopsOnRequest() throws Exception {
        Pod recorderPod = cameraWithRecorder("porch");
        try (StandInRecorder recorder = new StandInRecorder(recorderPod.getStatus().getPodIP(), 8080)) {
            Kube.apply(ns, recording("porch-evening", "porch", ""));
            Recording started = awaitPhase("porch-evening", RecordingPhase.Recording);
            assertThat(recorder.calls).containsExactly("start " + started.getMetadata().getUid());
            assertThat(started.getStatus().getNodeName()).isEqualTo(recorderPod.getSpec().getNodeName());
            assertThat(started.getStatus().getRecorderPod()).isEqualTo(recorderPod.getMetadata().getName());
            assertThat(started.getStatus().getCurrentFile()).endsWith(".mp4");
            assertThat(started.getStatus().getStartedAt()).isNotBlank();
            assertThat(Conditions.isTrue(started.getStatus().getConditions(), "Ready")).isTrue();
            assertThat(ControlPlane.shared().kubectl("get", "rec", "-n", ns))
                    .contains("CAMERA", "PHASE", "STARTED", "SIZE", "porch-evening", "Recording");

            // a second Recording of the same camera is refused
            Kube.apply(ns, recording("porch-second", "porch", ""));
            Recording refused = awaitPhase("porch-second", RecordingPhase.Failed);
            assertThat(Conditions.find(refused.getStatus().getConditions(), "Ready").orElseThrow().getReason())
                    .isEqualTo("CameraBusy");
            assertThat(refused.getStatus().getMessage()).contains("porch-evening");

            Kube.apply(ns, recording("porch-evening", "porch", "stop: true"));
            Recording stopped = awaitPhase("porch-evening", RecordingPhase.Stopped);
            assertThat(stopped.getStatus().getEndedAt()).isNotBlank();
            assertThat(recorder.calls).endsWith("stop");
        }
    }

    @Test
    void recordingWithADurationCompletesByItself() throws Exception {
        Pod recorderPod = cameraWithRecorder("yard");
        try (StandInRecorder recorder = new StandInRecorder(recorderPod.getStatus().getPodIP(), 8080)) {
            Kube.apply(ns, recording("yard-short", "yard", "durationSeconds: 2"));
            // phase Recording lasts about two seconds, which a poll on a loaded machine can miss:
            // the start is proven by startedAt and the stand-in's calls instead
            Recording done = awaitPhase("yard-short", RecordingPhase.Completed);
            assertThat(done.getStatus().getStartedAt()).isNotBlank();
            assertThat(Conditions.find(done.getStatus().getConditions(), "Ready").orElseThrow().getReason())
                    .isEqualTo("DurationReached");
            assertThat(recorder.calls).hasSize(2).last().isEqualTo("stop");
        }
    }

    @Test
    void recordingFailsWhenTheRecorderPodDisappears() throws Exception {
        Pod recorderPod = cameraWithRecorder("shed");
        try (StandInRecorder recorder = new StandInRecorder(recorderPod.getStatus().getPodIP(), 8080)) {
            Kube.apply(ns, recording("shed-night", "shed", ""));
            awaitPhase("shed-night", RecordingPhase.Recording);

            client.pods().inNamespace(ns).withName(recorderPod.getMetadata().getName()).delete();
            Recording failed = awaitPhase("shed-night", RecordingPhase.Failed);
            assertThat(Conditions.find(failed.getStatus().getConditions(), "Ready").orElseThrow().getReason())
                    .isEqualTo("RecorderGone");
            assertThat(failed.getStatus().getMessage()).contains(recorderPod.getMetadata().getName(), "disappeared");
        }
    }

    @Test
    void recordingWaitsForARecorderThatRefusesConnectionsAndStartsOnceItListens() throws Exception {
        Pod recorderPod = cameraWithRecorder("gate");
        Kube.apply(ns, recording("gate-night", "gate", ""));
        // Nothing listens on the recorder pod's address: longer than JOSDK's default retry (~18 s) lasts.
        Recording waiting = await().atMost(TIMEOUT).until(() -> get("gate-night"), RecordingLifecycleTest::waitsForRecorder);
        assertThat(waiting.getStatus().getMessage()).contains("svc-rec-gate");
        await().during(Duration.ofSeconds(25)).atMost(Duration.ofSeconds(40))
                .until(() -> get("gate-night"), RecordingLifecycleTest::waitsForRecorder);

        try (StandInRecorder recorder = new StandInRecorder(recorderPod.getStatus().getPodIP(), 8080)) {
            Recording started = awaitPhase("gate-night", RecordingPhase.Recording);
            assertThat(recorder.calls).containsExactly("start " + started.getMetadata().getUid());
            assertThat(started.getStatus().getRecorderPod()).isEqualTo(recorderPod.getMetadata().getName());
            assertThat(Conditions.isTrue(started.getStatus().getConditions(), "Ready")).isTrue();
        }
    }

    private Pod cameraWithRecorder(String camera) {
        Kube.apply(ns, CameraLifecycleTest.camera(camera, "location: " + camera));
        Kube.waitReady(ns, camera);
        return await().atMost(TIMEOUT).until(() -> Kube.singlePod(client, ns, camera, "recorder"),
                p -> p.getStatus() != null && p.getStatus().getPodIP() != null);
    }

    private Recording awaitPhase(String name, RecordingPhase phase) {
        return await().atMost(TIMEOUT).until(() -> get(name),
                r -> r != null && r.getStatus() != null && r.getStatus().getPhase() == phase);
    }

    private Recording get(String name) {
        return client.resources(Recording.class).inNamespace(ns).withName(name).get();
    }

    private static boolean waitsForRecorder(Recording r) {
        return r != null && r.getStatus() != null && r.getStatus().getPhase() == RecordingPhase.Pending
                && Conditions.find(r.getStatus().getConditions(), "Ready")
                        .map(c -> "RecorderUnavailable".equals(c.getReason())).orElse(false);
    }

    private static String recording(String name, String camera, String extra) {
        return """
                apiVersion: falcon-eye.io/v1alpha1
                kind: Recording
                metadata:
                  name: %s
                spec:
                  cameraRef: %s
                  %s
                """.formatted(name, camera, extra);
    }
}
