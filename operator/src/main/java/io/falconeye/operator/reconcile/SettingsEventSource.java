package io.falconeye.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.config.ApiConfig;
import io.falconeye.operator.config.EffectiveSettings;
import io.falconeye.operator.config.FalconEyeConfig;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The settings ConfigMap (one object, in the installation namespace) as a secondary resource of
 * every Camera: a change re-reconciles all cameras, so new placement and defaults roll out at once,
 * without restarting the operator. Cameras the change does not affect end in a no-op reconcile.
 */
final class SettingsEventSource {

    static final String NAME = "settings";

    private SettingsEventSource() {
    }

    static InformerEventSource<ConfigMap, Camera> create(EventSourceContext<Camera> context, ApiConfig api) {
        ResourceID settings = new ResourceID(api.settingsConfigMap(), api.namespace());
        var configuration = InformerEventSourceConfiguration.from(ConfigMap.class, Camera.class)
                .withName(NAME)
                .withNamespaces(Set.of(api.namespace()))
                .withFollowControllerNamespacesChanges(false)
                .withFieldSelector(new FieldSelector(new FieldSelector.Field("metadata.name", api.settingsConfigMap())))
                .withSecondaryToPrimaryMapper(configMap -> context.getPrimaryCache().list()
                        .map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper(camera -> Set.of(settings))
                .withItemStore(new LeanItemStore<>())
                .build();
        return new InformerEventSource<>(configuration, context);
    }

    /** The settings in effect for this reconciliation: the ConfigMap's values over the environment. */
    static EffectiveSettings of(Context<Camera> context, FalconEyeConfig env) {
        return EffectiveSettings.of(env, context.getSecondaryResource(ConfigMap.class, NAME)
                .map(ConfigMap::getData).orElse(null));
    }
}
