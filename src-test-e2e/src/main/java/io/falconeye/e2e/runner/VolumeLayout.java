package io.falconeye.e2e.runner;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a pod's volumes live on this machine. hostPath volumes are per node
 * ({@code <state>/nodes/<node>/<hostPath>}), so files written "on" node-a are not on node-b;
 * device nodes are this machine's; configMap, secret and projected volumes are written into the
 * pod's own folder, emptyDir is a folder there.
 */
public final class VolumeLayout {

    private static final Set<String> DEVICE_TYPES = Set.of("CharDevice", "BlockDevice", "Socket");

    private final Path stateDir;
    private final ClusterObjects objects;

    public VolumeLayout(Path stateDir, ClusterObjects objects) {
        this.stateDir = stateDir;
        this.objects = objects;
    }

    /** The folder that stands for {@code hostPath} on {@code node}. */
    public static Path nodePath(Path stateDir, String node, String hostPath) {
        return stateDir.resolve("nodes").resolve(node).resolve(hostPath.replaceFirst("^/+", ""));
    }

    public static Path podDir(Path stateDir, Pod pod) {
        String uid = pod.getMetadata().getUid();
        return stateDir.resolve("pods").resolve(pod.getMetadata().getNamespace() + "_" + pod.getMetadata().getName()
                + "_" + (uid == null ? "nouid" : uid.substring(0, Math.min(8, uid.length()))));
    }

    /** Creates the pod's volume folders and files; returns the mount map of {@code container}. */
    public PathRewriter materialize(Pod pod, Container container) {
        Map<String, Path> volumes = new LinkedHashMap<>();
        for (Volume volume : pod.getSpec().getVolumes() == null ? List.<Volume>of() : pod.getSpec().getVolumes()) {
            volumes.put(volume.getName(), prepare(pod, volume));
        }
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (VolumeMount mount : container.getVolumeMounts() == null ? List.<VolumeMount>of() : container.getVolumeMounts()) {
            Path folder = volumes.get(mount.getName());
            if (folder == null) {
                throw new PodSetupException("CreateContainerConfigError",
                        "volume mount " + mount.getName() + " names no volume of the pod");
            }
            String subPath = mount.getSubPath();
            mounts.put(mount.getMountPath(), subPath == null || subPath.isBlank() ? folder : folder.resolve(subPath));
        }
        return new PathRewriter(mounts);
    }

    private Path prepare(Pod pod, Volume volume) {
        String namespace = pod.getMetadata().getNamespace();
        Path own = podDir(stateDir, pod).resolve("volumes").resolve(volume.getName());
        try {
            if (volume.getHostPath() != null) {
                String type = volume.getHostPath().getType();
                if (type != null && DEVICE_TYPES.contains(type)) {
                    return Path.of(volume.getHostPath().getPath());
                }
                Path folder = nodePath(stateDir, pod.getSpec().getNodeName(), volume.getHostPath().getPath());
                if (type == null || type.isEmpty() || type.startsWith("Directory")) {
                    Files.createDirectories(folder);
                } else {
                    Files.createDirectories(folder.getParent());
                }
                return folder;
            }
            Files.createDirectories(own);
            if (volume.getConfigMap() != null) {
                boolean optional = Boolean.TRUE.equals(volume.getConfigMap().getOptional());
                Optional<ConfigMap> map = objects.configMap(namespace, volume.getConfigMap().getName());
                if (map.isEmpty() && !optional) {
                    throw new PodSetupException("CreateContainerConfigError",
                            "configmap \"" + volume.getConfigMap().getName() + "\" not found");
                }
                map.ifPresent(m -> write(own, EnvResolver.configMapData(m), volume.getConfigMap().getItems()));
            } else if (volume.getSecret() != null) {
                boolean optional = Boolean.TRUE.equals(volume.getSecret().getOptional());
                Optional<Secret> secret = objects.secret(namespace, volume.getSecret().getSecretName());
                if (secret.isEmpty() && !optional) {
                    throw new PodSetupException("CreateContainerConfigError",
                            "secret \"" + volume.getSecret().getSecretName() + "\" not found");
                }
                secret.ifPresent(s -> write(own, EnvResolver.secretData(s), volume.getSecret().getItems()));
            } else if (volume.getProjected() != null && volume.getProjected().getSources() != null) {
                for (VolumeProjection source : volume.getProjected().getSources()) {
                    if (source.getConfigMap() != null) {
                        objects.configMap(namespace, source.getConfigMap().getName())
                                .ifPresent(m -> write(own, EnvResolver.configMapData(m), source.getConfigMap().getItems()));
                    }
                    if (source.getSecret() != null) {
                        objects.secret(namespace, source.getSecret().getName())
                                .ifPresent(s -> write(own, EnvResolver.secretData(s), source.getSecret().getItems()));
                    }
                    if (source.getDownwardAPI() != null) {
                        Files.writeString(own.resolve("namespace"), namespace);
                    }
                }
            }
            return own;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare volume " + volume.getName(), e);
        }
    }

    private static void write(Path folder, Map<String, String> data, List<KeyToPath> items) {
        try {
            if (items == null || items.isEmpty()) {
                for (Map.Entry<String, String> entry : data.entrySet()) {
                    Files.writeString(folder.resolve(entry.getKey()), entry.getValue(), StandardCharsets.UTF_8);
                }
                return;
            }
            for (KeyToPath item : items) {
                String value = data.get(item.getKey());
                if (value != null) {
                    Path file = folder.resolve(item.getPath());
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, value, StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write volume files into " + folder, e);
        }
    }
}
