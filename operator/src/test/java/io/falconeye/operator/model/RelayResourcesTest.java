package io.falconeye.operator.model;

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
import io.falconeye.operator.config.EffectiveSettings;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RelayResourcesTest {

    @Test
    void podsGetNoApiTokenAndNoServiceLinks() {
        PodSpec pod = RelayResources.deployment(camera("office-cam", Protocol.RTSP), config()).getSpec().getTemplate().getSpec();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getEnableServiceLinks()).isFalse();
        assertThat(pod.getTerminationGracePeriodSeconds()).as("a relay keeps nothing to flush").isEqualTo(5L);
    }

    @Test
    void namesLabelsAndSelectorFollowTheSeed() {
        Camera camera = camera("office-cam", Protocol.RTSP);
        Deployment d = RelayResources.deployment(camera, config());

        assertThat(d.getMetadata().getName()).isEqualTo("cam-office-cam");
        assertThat(d.getMetadata().getNamespace()).isEqualTo("video");
        assertThat(d.getMetadata().getLabels()).containsEntry("app", "falcon-eye").containsEntry("component", "camera")
                .containsEntry("camera-id", TestCameras.UID).containsEntry("protocol", "rtsp")
                .containsEntry("app.kubernetes.io/managed-by", "falcon-eye-operator")
                .containsEntry("app.kubernetes.io/instance", "office-cam")
                .containsEntry("app.kubernetes.io/part-of", "falcon-eye");
        assertThat(d.getSpec().getSelector().getMatchLabels())
                .isEqualTo(Map.of("app", "falcon-eye", "component", "camera", "camera-id", TestCameras.UID));
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
        assertThat(d.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(d.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getUid()).isEqualTo(TestCameras.UID);
            assertThat(o.getController()).isTrue();
        });
    }

    @Test
    void serviceExposesPort8081OfTheRelayPods() {
        Camera camera = camera("office-cam", Protocol.HTTP);
        Service s = RelayResources.service(camera);
        assertThat(s.getMetadata().getName()).isEqualTo("svc-office-cam");
        assertThat(s.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(s.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(s.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(8081));
        assertThat(s.getSpec().getSelector()).isEqualTo(Map.of("camera-id", TestCameras.UID));
    }

    @Test
    void usbRelayIsPrivilegedPinnedAndMountsTheDevice() {
        Camera camera = camera("desk", Protocol.USB);
        PodSpec pod = RelayResources.deployment(camera, config("node-b", null, null)).getSpec().getTemplate().getSpec();
        Container relay = pod.getContainers().get(0);

        assertThat(pod.getNodeSelector()).isEqualTo(Map.of("kubernetes.io/hostname", "node-a"));
        assertThat(relay.getSecurityContext().getPrivileged()).isTrue();
        assertThat(pod.getVolumes()).singleElement().satisfies(v -> {
            assertThat(v.getHostPath().getPath()).isEqualTo("/dev/video2");
            assertThat(v.getHostPath().getType()).isEqualTo("CharDevice");
        });
        assertThat(relay.getVolumeMounts()).singleElement()
                .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/dev/video2"));
        assertThat(env(relay)).containsEntry("DEVICE_PATH", "/dev/video2").containsEntry("PROTOCOL", "usb")
                .doesNotContainKey("SOURCE_URL");
    }

    @Test
    void networkRelayUsesDefaultCameraNodeElseTheScheduler() {
        Camera camera = camera("door", Protocol.RTSP);
        PodSpec pinned = RelayResources.deployment(camera, config("node-b", null, null)).getSpec().getTemplate().getSpec();
        PodSpec free = RelayResources.deployment(camera, config()).getSpec().getTemplate().getSpec();

        assertThat(pinned.getNodeSelector()).isEqualTo(Map.of("kubernetes.io/hostname", "node-b"));
        assertThat(free.getNodeSelector()).isNullOrEmpty();
        assertThat(free.getTolerations()).isNullOrEmpty();
        assertThat(free.getContainers().get(0).getSecurityContext().getPrivileged()).isNull();
        assertThat(free.getVolumes()).isNullOrEmpty();
    }

    @Test
    void podPinnedToAJetsonNodeToleratesItsTaint() {
        Camera camera = camera("driveway", Protocol.RTSP);
        camera.getSpec().setNodeName("jetson-1");
        PodSpec pod = RelayResources.deployment(camera, config(null, null, List.of("jetson-1", "jetson-2")))
                .getSpec().getTemplate().getSpec();

        assertThat(pod.getNodeSelector()).isEqualTo(Map.of("kubernetes.io/hostname", "jetson-1"));
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("dedicated");
            assertThat(t.getOperator()).isEqualTo("Equal");
            assertThat(t.getValue()).isEqualTo("jetson");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
    }

    @Test
    void envCarriesTheRelayContractAndCredentialsOnlyAsSecretReferences() {
        Camera camera = TestCameras.withCredentials(camera("door", Protocol.RTSP));
        camera.getSpec().setResolution("1280x720");
        camera.getSpec().setFramerate(20);
        Container relay = RelayResources.deployment(camera, config()).getSpec().getTemplate().getSpec()
                .getContainers().get(0);

        assertThat(env(relay)).containsEntry("SOURCE_URL", "rtsp://10.0.0.5:554/live").containsEntry("PROTOCOL", "rtsp")
                .containsEntry("WIDTH", "1280").containsEntry("HEIGHT", "720").containsEntry("FPS", "20")
                .containsEntry("CAMERA_LABEL", "door").containsEntry("PORT", "8081");
        EnvVar password = relay.getEnv().stream().filter(e -> e.getName().equals("CAMERA_PASSWORD")).findFirst().orElseThrow();
        assertThat(password.getValue()).isNull();
        assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("cam-secret");
        assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
        assertThat(relay.getImage()).isEqualTo("relay:test");
    }

    @Test
    void onvifSourceBecomesAnOnvifUrlWithDefaultPort() {
        Camera camera = camera("garden", Protocol.ONVIF);
        camera.getSpec().getSource().setPort(null);
        camera.getSpec().getSource().setProfile("profile_2");
        Container relay = RelayResources.deployment(camera, config()).getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertThat(env(relay)).containsEntry("SOURCE_URL", "onvif://10.0.0.7:80").containsEntry("ONVIF_PROFILE", "profile_2");
    }

    @Test
    void restartAnnotationIsCopiedToThePodTemplate() {
        Camera camera = camera("door", Protocol.RTSP);
        assertThat(RelayResources.deployment(camera, config()).getSpec().getTemplate().getMetadata().getAnnotations())
                .containsOnlyKeys(PodTemplates.HASH_ANNOTATION);
        camera.getMetadata().setAnnotations(Map.of(Camera.RESTARTED_AT_ANNOTATION, "2026-01-01T00:00:00Z", "other", "x"));
        assertThat(RelayResources.deployment(camera, config()).getSpec().getTemplate().getMetadata().getAnnotations())
                .containsOnlyKeys(PodTemplates.HASH_ANNOTATION, Camera.RESTARTED_AT_ANNOTATION)
                .containsEntry(Camera.RESTARTED_AT_ANNOTATION, "2026-01-01T00:00:00Z");
    }

    @Test
    void usbCameraWithoutDevicePathUsesDevVideo0() {
        Camera camera = camera("desk", Protocol.USB);
        camera.getSpec().setSource(null);
        PodSpec pod = RelayResources.deployment(camera, config()).getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).singleElement()
                .satisfies(v -> assertThat(v.getHostPath().getPath()).isEqualTo("/dev/video0"));
        assertThat(pod.getContainers().get(0).getVolumeMounts()).singleElement()
                .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/dev/video0"));
        assertThat(env(pod.getContainers().get(0))).containsEntry("DEVICE_PATH", "/dev/video0");
    }

    @Test
    void settingsConfigMapOverridesPlacementAndFillsOnlyMissingResolutionAndFramerate() {
        var env = TestCameras.env("node-b", null, List.of("jetson-1"));
        var settings = EffectiveSettings.of(env, Map.of("DEFAULT_CAMERA_NODE", "jetson-1",
                "DEFAULT_RESOLUTION", "800x600", "DEFAULT_FRAMERATE", "10"));
        Camera plain = camera("door", Protocol.RTSP);
        PodSpec pod = RelayResources.deployment(plain, settings).getSpec().getTemplate().getSpec();
        assertThat(pod.getNodeSelector()).isEqualTo(Map.of("kubernetes.io/hostname", "jetson-1"));
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> assertThat(t.getValue()).isEqualTo("jetson"));
        assertThat(env(pod.getContainers().get(0))).containsEntry("WIDTH", "800").containsEntry("HEIGHT", "600")
                .containsEntry("FPS", "10");

        Camera own = camera("gate", Protocol.RTSP);
        own.getSpec().setResolution("1920x1080");
        own.getSpec().setFramerate(25);
        assertThat(env(RelayResources.deployment(own, settings).getSpec().getTemplate().getSpec().getContainers().get(0)))
                .containsEntry("WIDTH", "1920").containsEntry("HEIGHT", "1080").containsEntry("FPS", "25");

        // without any setting: the source's size (no WIDTH/HEIGHT) and 15 fps
        assertThat(env(RelayResources.deployment(plain, config()).getSpec().getTemplate().getSpec().getContainers().get(0)))
                .doesNotContainKeys("WIDTH", "HEIGHT").containsEntry("FPS", "15");
    }

    @Test
    void sameCameraGivesEqualDesiredState() {
        Camera camera = camera("door", Protocol.RTSP);
        assertThat(RelayResources.deployment(camera, config())).isEqualTo(RelayResources.deployment(camera, config()));
    }

    static Map<String, String> env(Container container) {
        return container.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}
