package io.falconeye.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers that a dependent object matched the desired state built from some inputs
 * ({@link DesiredInputs}), so that the next reconcile with the same inputs, against an object whose
 * spec and metadata did not change since, can skip building the desired state and JOSDK's
 * server-side-apply matcher. The matcher serializes both objects and walks managedFields, the
 * builders copy at every level; in a burst of cameras the two were a third of the operator's CPU,
 * because every status change of a Deployment (a handful per rollout; since filtered out by
 * {@link DeploymentChangeFilter}) or pod reconciles its Camera, and each reconcile built and matched
 * all four dependents again although only a status had moved.
 *
 * <p>What counts as "did not change": for kinds with a generation (Deployments), the generation
 * (bumped by every spec change, not by status updates) with labels, annotations and owner
 * references (which do not bump it); for kinds without one (Services), the resourceVersion. Any
 * edit of the object by someone else therefore still goes through the full matcher and is
 * reverted by the next apply.
 */
final class MatchMemo {

    /** A cache, not state: dropped whole when it holds more objects than any cluster of ours has. */
    private static final int MAX_ENTRIES = 20_000;

    private record Version(String uid, Long generation, String resourceVersion, Map<String, String> labels,
            Map<String, String> annotations, List<OwnerReference> ownerReferences) {

        static Version of(HasMetadata object) {
            ObjectMeta meta = object.getMetadata();
            if (meta.getGeneration() == null) {
                return new Version(meta.getUid(), null, meta.getResourceVersion(), null, null, null);
            }
            return new Version(meta.getUid(), meta.getGeneration(), null, meta.getLabels(), meta.getAnnotations(),
                    meta.getOwnerReferences());
        }
    }

    private record Entry(Version actual, DesiredInputs inputs) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** True when {@code actual} matched what these {@code inputs} build before and has not changed since. */
    boolean knownToMatch(HasMetadata actual, DesiredInputs inputs) {
        Entry entry = entries.get(key(actual));
        return entry != null && entry.actual().equals(Version.of(actual)) && entry.inputs().equals(inputs);
    }

    void rememberMatch(HasMetadata actual, DesiredInputs inputs) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key(actual), new Entry(Version.of(actual), inputs));
    }

    private static String key(HasMetadata object) {
        return Objects.toString(object.getMetadata().getNamespace(), "") + "/" + object.getMetadata().getName();
    }
}
