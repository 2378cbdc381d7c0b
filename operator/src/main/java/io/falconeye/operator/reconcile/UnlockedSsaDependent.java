package io.falconeye.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.falconeye.operator.api.Camera;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/**
 * A dependent applied with server-side apply without optimistic locking. The operator owns its
 * fields through its field manager, so a resourceVersion taken from a lagging informer cache
 * (Deployments change status all through a rollout) would only cause needless 409 conflicts.
 * Matching skips the full server-side-apply comparison when nothing changed since the last match
 * ({@link MatchMemo}).
 */
abstract class UnlockedSsaDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, Camera> {

    private final MatchMemo matches = new MatchMemo();

    UnlockedSsaDependent(Class<R> type) {
        super(type);
    }

    @Override
    public Matcher.Result<R> match(R actual, R desired, Camera primary, Context<Camera> context) {
        if (matches.knownToMatch(actual, desired)) {
            return Matcher.Result.computed(true, desired);
        }
        Matcher.Result<R> result = super.match(actual, desired, primary, context);
        if (result.matched()) {
            matches.rememberMatch(actual, desired);
        }
        return result;
    }

    @Override
    public R update(R actual, R desired, Camera primary, Context<Camera> context) {
        R unlocked = context.getClient().getKubernetesSerialization().clone(actual);
        unlocked.getMetadata().setResourceVersion(null);
        return super.update(unlocked, desired, primary, context);
    }
}
