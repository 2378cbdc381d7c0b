package io.falconeye.operator.cache;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.falconeye.operator.config.ApiConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * All resources of one kind in the watched namespaces ({@link WatchedNamespaces}), kept current by
 * informers of their own (one for all namespaces, or one per namespace), not the reconcilers' event
 * sources. Subclasses start it at application start and close it at shutdown; they are
 * {@code @Singleton} beans (no client proxy, so no no-args constructor needed).
 */
public abstract class NamespacedInformers<T extends HasMetadata> {

    private static final String BY_UID = "uid";

    private final KubernetesClient client;
    private final ApiConfig api;
    private final Class<T> type;
    private final List<ResourceEventHandler<T>> handlers = new CopyOnWriteArrayList<>();
    /** By namespace; the key null for the one informer on every namespace. */
    private volatile Map<String, SharedIndexInformer<T>> informers = java.util.Collections.emptyMap();

    protected NamespacedInformers(KubernetesClient client, ApiConfig api, Class<T> type) {
        this.client = client;
        this.api = api;
        this.type = type;
    }

    protected void start() {
        Optional<Set<String>> namespaces = WatchedNamespaces.of(api.watchNamespaces().orElse(List.of()),
                client.getNamespace());
        Map<String, SharedIndexInformer<T>> started = new java.util.HashMap<>();
        if (namespaces.isEmpty()) {
            started.put(null, run(client.resources(type).inAnyNamespace().runnableInformer(0)));
        } else {
            namespaces.get().forEach(ns -> started.put(ns, run(client.resources(type).inNamespace(ns).runnableInformer(0))));
        }
        informers = started;
    }

    private SharedIndexInformer<T> run(SharedIndexInformer<T> informer) {
        informer.addIndexers(Map.<String, Function<T, List<String>>>of(BY_UID,
                r -> List.of(r.getMetadata().getUid())));
        informer.addEventHandler(new Fanout<>(handlers));
        informer.run();
        return informer;
    }

    protected void stop() {
        informers.values().forEach(SharedIndexInformer::close);
    }

    /** Receives every add, update and delete (and the initial list) from now on. */
    public void subscribe(ResourceEventHandler<T> handler) {
        handlers.add(handler);
    }

    public boolean hasSynced() {
        Map<String, SharedIndexInformer<T>> current = informers;
        return !current.isEmpty() && current.values().stream().allMatch(SharedIndexInformer::hasSynced);
    }

    public List<T> all() {
        Map<String, SharedIndexInformer<T>> current = informers;
        if (current.size() == 1) {
            return current.values().iterator().next().getStore().list();
        }
        List<T> all = new ArrayList<>();
        current.values().forEach(i -> all.addAll(i.getStore().list()));
        return all;
    }

    public Optional<T> byUid(String uid) {
        for (SharedIndexInformer<T> informer : informers.values()) {
            List<T> found = informer.getIndexer().byIndex(BY_UID, uid);
            if (!found.isEmpty()) {
                return Optional.of(found.get(0));
            }
        }
        return Optional.empty();
    }

    public Optional<T> byName(String namespace, String name) {
        Map<String, SharedIndexInformer<T>> current = informers;
        SharedIndexInformer<T> informer = current.containsKey(null) ? current.get(null) : current.get(namespace);
        return informer == null ? Optional.empty()
                : Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name));
    }
}
