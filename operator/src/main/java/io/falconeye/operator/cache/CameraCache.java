package io.falconeye.operator.cache;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.config.ApiConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every Camera in the cluster, kept current by one informer of its own (not the reconcilers'
 * event sources). The REST API lists and reads cameras from here, so a list is never one API
 * call per camera; the mirror subscribes to it to project cameras into PostgreSQL.
 */
@ApplicationScoped
public class CameraCache {

    private static final String BY_UID = "uid";

    private final KubernetesClient client;
    private final ApiConfig api;
    private final List<ResourceEventHandler<Camera>> handlers = new CopyOnWriteArrayList<>();
    private volatile SharedIndexInformer<Camera> informer;

    public CameraCache(KubernetesClient client, ApiConfig api) {
        this.client = client;
        this.api = api;
    }

    void start(@Observes StartupEvent event) {
        SharedIndexInformer<Camera> started = (api.watchNamespace().isPresent()
                ? client.resources(Camera.class).inNamespace(api.watchNamespace().get())
                : client.resources(Camera.class).inAnyNamespace()).runnableInformer(0);
        started.addIndexers(Map.of(BY_UID, camera -> List.of(camera.getMetadata().getUid())));
        started.addEventHandler(new Fanout<>(handlers));
        started.run();
        informer = started;
    }

    void stop(@Observes ShutdownEvent event) {
        if (informer != null) {
            informer.close();
        }
    }

    /** Receives every add, update and delete (and the initial list) from now on. */
    public void subscribe(ResourceEventHandler<Camera> handler) {
        handlers.add(handler);
    }

    public boolean hasSynced() {
        return informer != null && informer.hasSynced();
    }

    public List<Camera> all() {
        return informer == null ? List.of() : informer.getStore().list();
    }

    public Optional<Camera> byUid(String uid) {
        if (informer == null) {
            return Optional.empty();
        }
        List<Camera> found = informer.getIndexer().byIndex(BY_UID, uid);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public Optional<Camera> byName(String namespace, String name) {
        return informer == null ? Optional.empty()
                : Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name));
    }
}
