package io.falconeye.operator.reconcile;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.falconeye.operator.model.Labels;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

/** Removes Falcon-Eye camera and recorder Deployments whose camera no longer exists, as soon as they are seen. */
@ControllerConfiguration(name = "orphan-deployments", generationAwareEventProcessing = false,
        informer = @Informer(labelSelector = OrphanDeploymentReconciler.SELECTOR, itemStore = LeanItemStore.class))
public class OrphanDeploymentReconciler implements Reconciler<Deployment> {

    /** Falcon-Eye workloads this operator did not make (see {@link Orphans}). */
    static final String SELECTOR = Labels.APP + "=" + Labels.APP_VALUE + "," + Labels.COMPONENT + " in ("
            + Labels.COMPONENT_CAMERA + "," + Labels.COMPONENT_RECORDER + ")," + Labels.K8S_MANAGED_BY + "!="
            + Labels.MANAGED_BY_VALUE;

    @Override
    public UpdateControl<Deployment> reconcile(Deployment deployment, Context<Deployment> context) {
        Orphans.removeIfOrphan(context.getClient(), deployment);
        return UpdateControl.noUpdate();
    }
}
