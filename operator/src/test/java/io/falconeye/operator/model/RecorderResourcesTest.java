package io.falconeye.operator.model;

import static io.falconeye.operator.model.RelayResourcesTest.env;
import static io.falconeye.operator.model.TestCameras.camera;
import static io.falconeye.operator.model.TestCameras.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.Protocol;
import io.falconeye.operator.api.RecordingMode;
import io.falconeye.operator.api.RecordingSettings;
import io.falconeye.operator.api.Retention;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecorderResourcesTest {

    @Test
    void podsGetNoApiTokenAndNoServiceLinks() {
        PodSpec pod = RecorderResources.deployment(camera("office-cam", Protocol.RTSP), config()).getSpec().getTemplate().getSpec();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getEnableServiceLinks()).isFalse();
    }

    @Test
    void namesLabelsAndSelectorFollowTheSeed() {
        Camera camera = camera("office-cam", Protocol.RTSP);
        Deployment d = RecorderResources.deployment(camera, config());
        Service s = RecorderResources.service(camera);

        assertThat(d.getMetadata().getName()).isEqualTo("rec-office-cam");
        assertThat(s.getMetadata().getName()).isEqualTo("svc-rec-office-cam");
        assertThat(d.getMetadata().getLabels()).containsEntry("app", "falcon-eye").containsEntry("component", "recorder")
                .containsEntry("recorder-for", TestCameras.UID).containsEntry("protocol", "rtsp")
                .doesNotContainKey("camera-id");
        assertThat(d.getSpec().getSelector().getMatchLabels())
                .isEqualTo(Map.of("app", "falcon-eye", "component", "recorder", "recorder-for", TestCameras.UID));
        assertThat(s.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(8080));
        assertThat(s.getSpec().getSelector()).isEqualTo(Map.of("recorder-for", TestCameras.UID));
    }

    @Test
    void recorderFollowsTheCameraNodeElseDefaultRecorderNodeElseScheduler() {
        Camera usb = camera("desk", Protocol.USB);
        Camera network = camera("door", Protocol.RTSP);

        assertThat(pod(usb, config("node-b", "node-b", null)).getNodeSelector())
                .isEqualTo(Map.of("kubernetes.io/hostname", "node-a"));
        assertThat(pod(network, config("node-a", "node-b", null)).getNodeSelector())
                .isEqualTo(Map.of("kubernetes.io/hostname", "node-b"));
        assertThat(pod(network, config("node-a", null, null)).getNodeSelector()).isNullOrEmpty();
    }

    @Test
    void recorderOnAJetsonNodeToleratesItsTaint() {
        Camera camera = camera("door", Protocol.RTSP);
        assertThat(pod(camera, config(null, "jetson-1", List.of("jetson-1"))).getTolerations())
                .containsExactly(NodePlacement.jetsonToleration());
        assertThat(pod(camera, config(null, "node-a", List.of("jetson-1"))).getTolerations()).isNullOrEmpty();
    }

    @Test
    void recorderSeesTheNodesWholeRecordingsFolderAndWritesItsCameraSubfolder() {
        Camera camera = camera("door", Protocol.RTSP);
        PodSpec pod = pod(camera, config());
        assertThat(pod.getVolumes()).singleElement().satisfies(v -> {
            assertThat(v.getHostPath().getPath()).isEqualTo("/data/falcon-eye/recordings");
            assertThat(v.getHostPath().getType()).isEqualTo("DirectoryOrCreate");
        });
        assertThat(pod.getContainers().get(0).getVolumeMounts()).singleElement()
                .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/recordings"));
    }

    @Test
    void theRecorderStartsAsRootOnlyWithWhatHandingOverTheHostPathNeeds() {
        Camera camera = camera("door", Protocol.RTSP);
        PodSpec pod = pod(camera, config());
        assertThat(pod.getInitContainers()).as("no init container: one container start per recorder").isEmpty();
        Container recorder = pod.getContainers().get(0);
        var security = recorder.getSecurityContext();
        assertThat(security.getRunAsUser()).isZero();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getPrivileged()).isNull();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd())
                .containsExactlyInAnyOrder("CHOWN", "DAC_OVERRIDE", "FOWNER", "SETUID", "SETGID");
        assertThat(env(recorder)).containsEntry("CAMERA_ID", TestCameras.UID)
                .containsEntry("RECORDINGS_PATH", "/recordings").containsEntry("RECORDER_UID", "10001");
    }

    @Test
    void envCarriesTheRecorderContract() {
        Camera camera = TestCameras.withCredentials(camera("door", Protocol.RTSP));
        RecordingSettings recording = new RecordingSettings();
        recording.setMode(RecordingMode.CONTINUOUS);
        recording.setSegmentSeconds(60);
        Retention retention = new Retention();
        retention.setMaxAgeDays(7);
        retention.setMaxBytes(1_000_000L);
        recording.setRetention(retention);
        camera.getSpec().setRecording(recording);
        Container recorder = pod(camera, config()).getContainers().get(0);

        assertThat(env(recorder)).containsEntry("CAMERA_ID", TestCameras.UID).containsEntry("CAMERA_NAME", "door")
                .containsEntry("SOURCE_URL", "rtsp://10.0.0.5:554/live").containsEntry("PROTOCOL", "rtsp")
                .containsEntry("RECORDINGS_PATH", "/recordings").containsEntry("SEGMENT_SECONDS", "60")
                .containsEntry("RECORDING_MODE", "continuous").containsEntry("RETENTION_MAX_AGE_DAYS", "7")
                .containsEntry("RETENTION_MAX_BYTES", "1000000").containsEntry("MIN_FREE_BYTES", "1024")
                .containsEntry("API_URL", "http://api:8000").containsEntry("PORT", "8080");
        EnvVar node = find(recorder, "NODE_NAME");
        assertThat(node.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
        assertThat(node.getValueFrom().getFieldRef().getApiVersion()).isEqualTo("v1");
        EnvVar token = find(recorder, "INTERNAL_TOKEN");
        assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo("internal");
        assertThat(token.getValueFrom().getSecretKeyRef().getOptional()).isTrue();
        assertThat(find(recorder, "CAMERA_USERNAME").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("username");
    }

    @Test
    void usbRecorderReadsTheRelayStream() {
        Container recorder = pod(camera("desk", Protocol.USB), config()).getContainers().get(0);
        assertThat(env(recorder)).containsEntry("SOURCE_URL", "http://svc-desk.video.svc:8081/stream")
                .containsEntry("SEGMENT_SECONDS", "300").containsEntry("RECORDING_MODE", "off");
    }

    private static PodSpec pod(Camera camera, io.falconeye.operator.config.EffectiveSettings config) {
        return RecorderResources.deployment(camera, config).getSpec().getTemplate().getSpec();
    }

    private static EnvVar find(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
    }
}
