package io.falconeye.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * Informer cache for objects the operator only reads: it drops managedFields and kubectl's
 * last-applied annotation, most of a cached object's size. Not for the dependents' own caches:
 * server-side-apply matching needs managedFields.
 */
public class LeanItemStore<R extends HasMetadata> extends BasicItemStore<R> {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    public LeanItemStore() {
        super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public R put(String key, R object) {
        object.getMetadata().setManagedFields(null);
        if (object.getMetadata().getAnnotations() != null) {
            object.getMetadata().getAnnotations().remove(LAST_APPLIED);
        }
        return super.put(key, object);
    }
}
