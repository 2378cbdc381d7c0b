package io.falconeye.operator.model;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.CameraSource;
import io.falconeye.operator.api.CameraSpec;
import io.falconeye.operator.api.Protocol;
import io.falconeye.operator.config.EffectiveSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Desired relay Deployment cam-{slug} and Service svc-{slug} (port 8081) of a camera. */
public final class RelayResources {

    static final long RELAY_GRACE_SECONDS = 5;

    private RelayResources() {
    }

    public static Deployment deployment(Camera camera, EffectiveSettings settings) {
        NodePlacement placement = NodePlacement.relay(camera, settings);
        boolean usb = camera.getSpec().getProtocol() == Protocol.USB;
        // A relay keeps nothing: it exits at once on SIGTERM, and a hung one should not hold up the
        // Recreate rollout of its camera for the default 30 s.
        PodSpecBuilder pod = CameraWorkloads.podSpec(placement)
                .withTerminationGracePeriodSeconds(RELAY_GRACE_SECONDS)
                .addToContainers(new ContainerBuilder()
                        .withName("relay")
                        .withImage(settings.env().relayImage())
                        .withEnv(env(camera, settings))
                        .addNewPort().withName("http").withContainerPort(Names.RELAY_PORT).withProtocol("TCP").endPort()
                        .withNewReadinessProbe()
                            .withNewHttpGet().withPath("/health").withPort(new IntOrString("http")).endHttpGet()
                            .withPeriodSeconds(5).withFailureThreshold(3)
                        .endReadinessProbe()
                        .withNewResources()
                            .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi")))
                            .withLimits(Map.of("memory", new Quantity("512Mi")))
                        .endResources()
                        .withNewSecurityContext().withPrivileged(usb ? Boolean.TRUE : null).endSecurityContext()
                        .withVolumeMounts(usb
                                ? List.of(new VolumeMountBuilder().withName("video-device")
                                        .withMountPath(devicePath(camera)).build())
                                : null)
                        .build());
        if (usb) {
            pod.addToVolumes(new VolumeBuilder().withName("video-device")
                    .withNewHostPath().withPath(devicePath(camera)).withType("CharDevice")
                    .endHostPath().build());
        }
        return CameraWorkloads.deployment(camera, Names.relayDeployment(camera), Labels.relay(camera),
                Labels.relaySelector(camera), pod.build());
    }

    /**
     * A usb camera's device, /dev/video0 when the spec names none. Not a schema default: a default
     * on source.devicePath would land in every network camera's source too.
     */
    static String devicePath(Camera camera) {
        CameraSource source = camera.getSpec().getSource();
        return source == null || source.getDevicePath() == null ? CameraSource.DEFAULT_DEVICE_PATH : source.getDevicePath();
    }

    public static Service service(Camera camera) {
        return CameraWorkloads.service(camera, Names.relayService(camera), Labels.relay(camera),
                Labels.relayServiceSelector(camera), Names.RELAY_PORT);
    }

    /**
     * The relay's env contract: SOURCE_URL, PROTOCOL, DEVICE_PATH, credentials, WIDTH, HEIGHT, FPS,
     * CAMERA_LABEL, PORT. Resolution and framerate the camera leaves out come from the settings.
     */
    static List<EnvVar> env(Camera camera, EffectiveSettings settings) {
        CameraSpec spec = camera.getSpec();
        List<EnvVar> env = new ArrayList<>();
        env.add(SourceEnv.plain("PROTOCOL", spec.getProtocol().value()));
        if (spec.getProtocol() == Protocol.USB) {
            env.add(SourceEnv.plain("DEVICE_PATH", devicePath(camera)));
        } else {
            env.add(SourceEnv.plain("SOURCE_URL", SourceEnv.networkSourceUrl(camera)));
            if (spec.getProtocol() == Protocol.ONVIF && spec.getSource().getProfile() != null) {
                env.add(SourceEnv.plain("ONVIF_PROFILE", spec.getSource().getProfile()));
            }
        }
        env.addAll(SourceEnv.credentials(camera));
        int[] size = SourceEnv.size(spec.getResolution() != null ? spec.getResolution()
                : settings.defaultResolution().orElse(null));
        if (size != null) {
            env.add(SourceEnv.plain("WIDTH", size[0]));
            env.add(SourceEnv.plain("HEIGHT", size[1]));
        }
        env.add(SourceEnv.plain("FPS", spec.getFramerate() == null ? settings.defaultFramerate() : spec.getFramerate()));
        env.add(SourceEnv.plain("CAMERA_LABEL", camera.getMetadata().getName()));
        env.add(SourceEnv.plain("PORT", Names.RELAY_PORT));
        return env;
    }
}
