package io.falconeye.operator.cache;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.falconeye.operator.api.Recording;
import io.falconeye.operator.config.ApiConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every Recording in the cluster, from an informer of its own; see {@link CameraCache}. */
@ApplicationScoped
public class RecordingCache {

    private final KubernetesClient client;
    private final ApiConfig api;
    private final List<ResourceEventHandler<Recording>> handlers = new CopyOnWriteArrayList<>();
    private volatile SharedIndexInformer<Recording> informer;

    public RecordingCache(KubernetesClient client, ApiConfig api) {
        this.client = client;
        this.api = api;
    }

    void start(@Observes StartupEvent event) {
        SharedIndexInformer<Recording> started = (api.watchNamespace().isPresent()
                ? client.resources(Recording.class).inNamespace(api.watchNamespace().get())
                : client.resources(Recording.class).inAnyNamespace()).runnableInformer(0);
        started.addEventHandler(new Fanout<>(handlers));
        started.run();
        informer = started;
    }

    void stop(@Observes ShutdownEvent event) {
        if (informer != null) {
            informer.close();
        }
    }

    public void subscribe(ResourceEventHandler<Recording> handler) {
        handlers.add(handler);
    }

    public boolean hasSynced() {
        return informer != null && informer.hasSynced();
    }

    public List<Recording> all() {
        return informer == null ? List.of() : informer.getStore().list();
    }

    /** Recordings of one camera (by the camera's name in its namespace). */
    public List<Recording> ofCamera(String namespace, String cameraName) {
        return all().stream()
                .filter(r -> namespace.equals(r.getMetadata().getNamespace())
                        && r.getSpec() != null && cameraName.equals(r.getSpec().getCameraRef()))
                .toList();
    }
}
