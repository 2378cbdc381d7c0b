package io.falconeye.operator.reconcile;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.falconeye.operator.model.WorkloadState;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Which updates of a camera Deployment reconcile its Camera: a spec change (generation), a change
 * of what the operator applies besides the spec (labels, owner references), deletion, and a
 * rollout becoming stuck or unstuck. Availability comes from the pods ({@link WorkloadState}), so
 * the Deployment controller's other status updates, three or four per rollout, reconcile nothing.
 */
public class DeploymentChangeFilter implements OnUpdateFilter<Deployment> {

    @Override
    public boolean accept(Deployment newDeployment, Deployment oldDeployment) {
        ObjectMeta now = newDeployment.getMetadata();
        ObjectMeta before = oldDeployment.getMetadata();
        return !Objects.equals(now.getGeneration(), before.getGeneration())
                || !Objects.equals(now.getLabels(), before.getLabels())
                || !Objects.equals(now.getOwnerReferences(), before.getOwnerReferences())
                || !Objects.equals(now.getDeletionTimestamp(), before.getDeletionTimestamp())
                || !Objects.equals(WorkloadState.stuckMessage(newDeployment), WorkloadState.stuckMessage(oldDeployment));
    }
}
