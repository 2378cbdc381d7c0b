package io.falconeye.operator.cache;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.operator.api.Recording;
import io.falconeye.operator.config.ApiConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import java.util.List;

/** Every Recording of the watched namespaces; see {@link CameraCache}. */
@Singleton
public class RecordingCache extends NamespacedInformers<Recording> {

    public RecordingCache(KubernetesClient client, ApiConfig api) {
        super(client, api, Recording.class);
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Recordings of one camera (by the camera's name in its namespace). */
    public List<Recording> ofCamera(String namespace, String cameraName) {
        return all().stream()
                .filter(r -> namespace.equals(r.getMetadata().getNamespace())
                        && r.getSpec() != null && cameraName.equals(r.getSpec().getCameraRef()))
                .toList();
    }
}
