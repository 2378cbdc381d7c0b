package io.falconeye.operator.cache;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.config.ApiConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;

/**
 * Every Camera of the watched namespaces. The REST API lists and reads cameras from here, so a
 * list is never one API call per camera; the mirror subscribes to it to project cameras into PostgreSQL.
 */
@Singleton
public class CameraCache extends NamespacedInformers<Camera> {

    public CameraCache(KubernetesClient client, ApiConfig api) {
        super(client, api, Camera.class);
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }
}
