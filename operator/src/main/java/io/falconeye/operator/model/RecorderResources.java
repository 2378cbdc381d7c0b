package io.falconeye.operator.model;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.Protocol;
import io.falconeye.operator.api.RecordingMode;
import io.falconeye.operator.api.RecordingSettings;
import io.falconeye.operator.api.Retention;
import io.falconeye.operator.config.EffectiveSettings;
import io.falconeye.operator.config.FalconEyeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Desired recorder Deployment rec-{slug} and Service svc-rec-{slug} (port 8080) of a camera. */
public final class RecorderResources {

    public static final String RECORDINGS_MOUNT = "/recordings";
    public static final int DEFAULT_SEGMENT_SECONDS = 300;
    /** The recorder image's user (recorder-image/src/main/docker/Dockerfile). */
    public static final long RECORDER_UID = 10001L;

    private RecorderResources() {
    }

    public static Deployment deployment(Camera camera, EffectiveSettings settings) {
        FalconEyeConfig config = settings.env();
        NodePlacement placement = NodePlacement.recorder(camera, settings);
        PodSpec pod = CameraWorkloads.podSpec(placement)
                .withTerminationGracePeriodSeconds(15L)
                .addToContainers(new ContainerBuilder()
                        .withName("recorder")
                        .withImage(config.recorderImage())
                        .withEnv(env(camera, config))
                        .withSecurityContext(startsAsRootToHandOverTheRecordings())
                        .addNewPort().withName("http").withContainerPort(Names.RECORDER_PORT)
                            .withProtocol("TCP").endPort()
                        .withNewReadinessProbe()
                            .withNewHttpGet().withPath("/health").withPort(new IntOrString("http")).endHttpGet()
                            .withPeriodSeconds(5).withFailureThreshold(3)
                        .endReadinessProbe()
                        .withNewResources()
                            .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi")))
                            .withLimits(Map.of("memory", new Quantity("512Mi")))
                        .endResources()
                        .addNewVolumeMount().withName("recordings").withMountPath(RECORDINGS_MOUNT).endVolumeMount()
                        .build())
                .addNewVolume().withName("recordings")
                    .withNewHostPath().withPath(recordingsRoot(config)).withType("DirectoryOrCreate").endHostPath()
                .endVolume()
                .build();
        return CameraWorkloads.deployment(camera, Names.recorderDeployment(camera), Labels.recorder(camera),
                Labels.recorderSelector(camera), pod);
    }

    /**
     * The kubelet creates the recordings hostPath as root:root 0755, and fsGroup does not apply to
     * hostPath volumes, so the recorder container starts as root with only what it needs to hand
     * the folder to the recorder's uid and switch to it: the image's entrypoint runs
     * prepare-recordings, then the recorder as {@link #RECORDER_UID} with no capabilities
     * (recorder-image's Dockerfile). An init container did this before; it added a container start
     * and two pod status updates to every recorder start.
     */
    static SecurityContext startsAsRootToHandOverTheRecordings() {
        return new SecurityContextBuilder()
                .withRunAsUser(0L)
                .withRunAsNonRoot(false)
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities()
                    .withDrop("ALL")
                    .withAdd("CHOWN", "DAC_OVERRIDE", "FOWNER", "SETUID", "SETGID")
                .endCapabilities()
                .build();
    }

    public static Service service(Camera camera) {
        return CameraWorkloads.service(camera, Names.recorderService(camera), Labels.recorder(camera),
                Labels.recorderServiceSelector(camera), Names.RECORDER_PORT);
    }

    /**
     * The node's recordings folder, mounted whole at {@link #RECORDINGS_MOUNT}: the recorder writes
     * into its camera's subfolder {camera-id}/ itself, and its free-space guard must see every
     * camera's files on the volume to delete the oldest first.
     */
    static String recordingsRoot(FalconEyeConfig config) {
        return config.recordingsHostPath().replaceAll("/+$", "");
    }

    /**
     * The recorder's env contract. A usb camera's device belongs to its relay, so its recorder reads
     * the relay's MJPEG stream; network cameras are recorded from the source (no double encoding).
     */
    static List<EnvVar> env(Camera camera, FalconEyeConfig config) {
        RecordingSettings recording = camera.getSpec().getRecording();
        Retention retention = recording == null ? null : recording.getRetention();
        List<EnvVar> env = new ArrayList<>();
        env.add(SourceEnv.plain("CAMERA_ID", Names.cameraId(camera)));
        env.add(SourceEnv.plain("CAMERA_NAME", camera.getMetadata().getName()));
        env.add(SourceEnv.plain("PROTOCOL", camera.getSpec().getProtocol().value()));
        env.add(SourceEnv.plain("SOURCE_URL", camera.getSpec().getProtocol() == Protocol.USB
                ? relayStreamUrl(camera) : SourceEnv.networkSourceUrl(camera)));
        env.addAll(SourceEnv.credentials(camera));
        env.add(SourceEnv.plain("RECORDINGS_PATH", RECORDINGS_MOUNT));
        env.add(SourceEnv.plain("RECORDER_UID", RECORDER_UID));
        env.add(SourceEnv.plain("RECORDING_MODE",
                recording == null || recording.getMode() == null ? RecordingMode.OFF.value() : recording.getMode().value()));
        env.add(SourceEnv.plain("SEGMENT_SECONDS",
                recording == null || recording.getSegmentSeconds() == null ? DEFAULT_SEGMENT_SECONDS : recording.getSegmentSeconds()));
        if (retention != null && retention.getMaxAgeDays() != null) {
            env.add(SourceEnv.plain("RETENTION_MAX_AGE_DAYS", retention.getMaxAgeDays()));
        }
        if (retention != null && retention.getMaxBytes() != null) {
            env.add(SourceEnv.plain("RETENTION_MAX_BYTES", retention.getMaxBytes()));
        }
        env.add(SourceEnv.plain("MIN_FREE_BYTES", config.minFreeBytes()));
        // apiVersion spelled out as the API server defaults it: fieldRef is an atomic map, so
        // without it the applied Deployment never matches and every reconcile applies it again.
        env.add(new EnvVarBuilder().withName("NODE_NAME")
                .withNewValueFrom().withNewFieldRef().withApiVersion("v1").withFieldPath("spec.nodeName").endFieldRef()
                .endValueFrom()
                .build());
        env.add(SourceEnv.plain("API_URL", config.apiUrl()));
        env.add(SourceEnv.fromSecret("INTERNAL_TOKEN", config.internalTokenSecret(), "token", true));
        env.add(SourceEnv.plain("PORT", Names.RECORDER_PORT));
        return env;
    }

    static String relayStreamUrl(Camera camera) {
        return "http://" + Names.relayService(camera) + "." + camera.getMetadata().getNamespace()
                + ".svc:" + Names.RELAY_PORT + "/stream";
    }
}
