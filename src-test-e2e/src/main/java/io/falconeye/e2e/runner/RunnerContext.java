package io.falconeye.e2e.runner;

import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;

/** What every pod worker shares: the state folder, the resolvers that read the cluster, the Services' addresses. */
record RunnerContext(Path stateDir, EnvResolver envResolver, VolumeLayout volumeLayout, ServiceProxies services) {

    /** {@code <state>/pod-logs/<namespace>_<pod>_<container>.log}, appended across restarts. */
    Path logFile(Pod pod, String container) {
        return logFile(stateDir, pod.getMetadata().getNamespace(), pod.getMetadata().getName(), container);
    }

    static Path logFile(Path stateDir, String namespace, String pod, String container) {
        return stateDir.resolve("pod-logs").resolve(namespace + "_" + pod + "_" + container + ".log");
    }
}
