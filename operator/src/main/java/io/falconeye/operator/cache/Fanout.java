package io.falconeye.operator.cache;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.List;

/** Passes an informer's events on to every subscriber. */
final class Fanout<T> implements ResourceEventHandler<T> {

    private final List<ResourceEventHandler<T>> handlers;

    Fanout(List<ResourceEventHandler<T>> handlers) {
        this.handlers = handlers;
    }

    @Override
    public void onAdd(T obj) {
        handlers.forEach(h -> h.onAdd(obj));
    }

    @Override
    public void onUpdate(T oldObj, T newObj) {
        handlers.forEach(h -> h.onUpdate(oldObj, newObj));
    }

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        handlers.forEach(h -> h.onDelete(obj, deletedFinalStateUnknown));
    }
}
