package io.falconeye.e2e.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.testsupport.kube.WithControlPlane;
import org.junit.jupiter.api.Test;

/** The fabric8 mock server answers server-side apply with 415; the real API server merges. */
@WithControlPlane
class ServerSideApplyTest {

    @Test
    void twoFieldManagersOwnTheirOwnFields(KubernetesClient client) {
        client.configMaps().resource(configMap("merged", "color", "blue")).fieldManager("painter").serverSideApply();
        client.configMaps().resource(configMap("merged", "size", "large")).fieldManager("tailor").serverSideApply();

        ConfigMap merged = client.configMaps().withName("merged").get();

        assertThat(merged.getData()).containsEntry("color", "blue").containsEntry("size", "large");
        assertThat(merged.getMetadata().getManagedFields())
                .filteredOn(entry -> "Apply".equals(entry.getOperation()))
                .extracting(ManagedFieldsEntry::getManager)
                .containsExactlyInAnyOrder("painter", "tailor");
    }

    @Test
    void applyingAnotherManagersFieldConflictsUnlessForced(KubernetesClient client) {
        client.configMaps().resource(configMap("contested", "owner", "first")).fieldManager("first").serverSideApply();

        assertThatThrownBy(() ->
                        client.configMaps().resource(configMap("contested", "owner", "second")).fieldManager("second").serverSideApply())
                .hasMessageContaining("conflict");

        client.configMaps().resource(configMap("contested", "owner", "second")).fieldManager("second").forceConflicts().serverSideApply();
        assertThat(client.configMaps().withName("contested").get().getData()).containsEntry("owner", "second");
    }

    private static ConfigMap configMap(String name, String key, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
                .addToData(key, value).build();
    }
}
