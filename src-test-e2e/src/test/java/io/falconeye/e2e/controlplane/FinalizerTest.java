package io.falconeye.e2e.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.testsupport.kube.WithControlPlane;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A finalizer holds an object in deletion until whoever owns the finalizer lets go. */
@WithControlPlane
class FinalizerTest {

    @Test
    void objectWithAFinalizerStaysUntilTheFinalizerIsRemoved(KubernetesClient client) {
        ConfigMap held = new ConfigMapBuilder().withNewMetadata().withName("held")
                .addToFinalizers("falcon-eye.io/proof").endMetadata().addToData("k", "v").build();
        client.configMaps().resource(held).create();

        client.configMaps().withName("held").delete();

        ConfigMap deleting = client.configMaps().withName("held").get();
        assertThat(deleting).isNotNull();
        assertThat(deleting.getMetadata().getDeletionTimestamp()).isNotNull();

        client.configMaps().withName("held").edit(cm -> new ConfigMapBuilder(cm).editMetadata()
                .removeFromFinalizers("falcon-eye.io/proof").endMetadata().build());

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> client.configMaps().withName("held").get() == null);
    }
}
