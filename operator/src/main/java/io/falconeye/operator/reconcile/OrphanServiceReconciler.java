package io.falconeye.operator.reconcile;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

/** Removes Falcon-Eye camera and recorder Services whose camera no longer exists, as soon as they are seen. */
@ControllerConfiguration(name = "orphan-services", generationAwareEventProcessing = false,
        informer = @Informer(labelSelector = OrphanDeploymentReconciler.SELECTOR, itemStore = LeanItemStore.class))
public class OrphanServiceReconciler implements Reconciler<Service> {

    @Override
    public UpdateControl<Service> reconcile(Service service, Context<Service> context) {
        Orphans.removeIfOrphan(context.getClient(), service);
        return UpdateControl.noUpdate();
    }
}
