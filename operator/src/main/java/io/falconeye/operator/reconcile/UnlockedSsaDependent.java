package io.falconeye.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.falconeye.operator.api.Camera;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * A dependent applied with server-side apply without optimistic locking. The operator owns its
 * fields through its field manager, so a resourceVersion taken from a lagging informer cache
 * (Deployments change status all through a rollout) would only cause needless 409 conflicts.
 * Matching skips building the desired state and the full server-side-apply comparison when
 * nothing changed since the last match.
 */
abstract class UnlockedSsaDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, Camera> {

    private final MatchMemo matches = new MatchMemo();

    UnlockedSsaDependent(Class<R> type) {
        super(type);
    }

    /**
     * Skips building the desired state and JOSDK's server-side-apply matcher when this object
     * matched what the same inputs build and has not changed since ({@link MatchMemo}). In a burst
     * of cameras, most reconciles come from pods being bound or becoming ready and change neither.
     */
    @Override
    public Matcher.Result<R> match(R actual, Camera camera, Context<Camera> context) {
        DesiredInputs inputs = DesiredInputs.of(camera, context);
        if (matches.knownToMatch(actual, inputs)) {
            return Matcher.Result.nonComputed(true);
        }
        Matcher.Result<R> result = super.match(actual, camera, context);
        if (result.matched()) {
            matches.rememberMatch(actual, inputs);
        }
        return result;
    }

    /** The object's name: known without building the object. */
    protected abstract String name(Camera camera);

    /**
     * Where to find the object in the cache, from its name alone. JOSDK's default builds the whole
     * desired state for this, on every reconcile, before any matching: most of what building it
     * cost in a burst of cameras.
     */
    @Override
    protected ResourceID targetSecondaryResourceID(Camera camera, Context<Camera> context) {
        return new ResourceID(name(camera), camera.getMetadata().getNamespace());
    }

    @Override
    public R update(R actual, R desired, Camera primary, Context<Camera> context) {
        R unlocked = context.getClient().getKubernetesSerialization().clone(actual);
        unlocked.getMetadata().setResourceVersion(null);
        return super.update(unlocked, desired, primary, context);
    }
}
