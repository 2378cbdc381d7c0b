package io.falconeye.operator.reconcile;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.config.FalconEyeConfig;
import io.falconeye.operator.model.Labels;
import io.falconeye.operator.model.Names;
import io.falconeye.operator.model.RelayResources;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import jakarta.inject.Inject;

@KubernetesDependent(informer = @Informer(name = RelayDeploymentDependent.NAME, labelSelector = Labels.RELAY_SELECTOR,
        onUpdateFilter = DeploymentChangeFilter.class))
public class RelayDeploymentDependent extends UnlockedSsaDependent<Deployment> {

    public static final String NAME = "relay-deployment";

    @Inject
    FalconEyeConfig config;

    public RelayDeploymentDependent() {
        super(Deployment.class);
    }

    @Override
    protected String name(Camera camera) {
        return Names.relayDeployment(camera);
    }

    @Override
    protected Deployment desired(Camera camera, Context<Camera> context) {
        return RelayResources.deployment(camera, SettingsEventSource.of(context, config));
    }
}
