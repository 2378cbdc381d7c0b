package io.falconeye.operator.cache;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.falconeye.operator.config.ApiConfig;
import io.falconeye.operator.config.EffectiveSettings;
import io.falconeye.operator.config.FalconEyeConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The settings in effect for reads that happen on every request (a camera's default resolution
 * and framerate in its JSON): an informer on the one settings ConfigMap, so no request reads it
 * from the API server. Writes and the settings endpoint read the ConfigMap directly.
 */
@ApplicationScoped
public class SettingsCache {

    private final KubernetesClient client;
    private final ApiConfig api;
    private final FalconEyeConfig env;
    private volatile SharedIndexInformer<ConfigMap> informer;

    public SettingsCache(KubernetesClient client, ApiConfig api, FalconEyeConfig env) {
        this.client = client;
        this.api = api;
        this.env = env;
    }

    void onStart(@Observes StartupEvent event) {
        informer = client.configMaps().inNamespace(api.namespace()).withName(api.settingsConfigMap()).inform();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (informer != null) {
            informer.close();
        }
    }

    public EffectiveSettings current() {
        ConfigMap map = informer == null ? null
                : informer.getStore().getByKey(api.namespace() + "/" + api.settingsConfigMap());
        return EffectiveSettings.of(env, map == null ? null : map.getData());
    }
}
