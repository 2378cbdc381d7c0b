package io.falconeye.e2e.runner;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/** The Secrets and ConfigMaps a pod's env and volumes name. */
public interface ClusterObjects {

    Optional<Secret> secret(String namespace, String name);

    Optional<ConfigMap> configMap(String namespace, String name);

    static ClusterObjects of(KubernetesClient client) {
        return new ClusterObjects() {
            @Override
            public Optional<Secret> secret(String namespace, String name) {
                return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
            }

            @Override
            public Optional<ConfigMap> configMap(String namespace, String name) {
                return Optional.ofNullable(client.configMaps().inNamespace(namespace).withName(name).get());
            }
        };
    }
}
