package io.falconeye.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.falconeye.operator.api.Camera;
import java.util.Map;

/** The ClusterIP Service in front of one of a camera's workloads (relay or recorder). */
final class CameraServices {

    private CameraServices() {
    }

    static Service http(Camera camera, String name, Map<String, String> labels, Map<String, String> selector, int port) {
        return new ServiceBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(camera.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withOwnerReferences(Owners.controlledBy(camera))
                .endMetadata()
                .withNewSpec()
                    .withType("ClusterIP")
                    .withSelector(selector)
                    .addNewPort().withName("http").withProtocol("TCP").withPort(port)
                        .withTargetPort(new IntOrString("http")).endPort()
                .endSpec()
                .build();
    }
}
