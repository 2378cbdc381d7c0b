package io.falconeye.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.falconeye.operator.api.Camera;
import java.util.Map;

/**
 * The shape a camera's two workloads (relay and recorder) share: one replica, replaced with
 * Recreate (never two ingests of one camera, never two writers of the same files), owned by the
 * Camera, with a headless ClusterIP Service on its "http" port ({@link CameraWorkloadServices}).
 */
final class CameraWorkloads {

    private CameraWorkloads() {
    }

    /**
     * The pod spec both workloads start from: placed as {@code placement} says, with no API token
     * and no service-link variables. Neither relay nor recorder talks to the Kubernetes API (least
     * privilege; the token volume is also most of what a pod adds to every watch event of it), and
     * with hundreds of camera Services in a namespace, service links would put thousands of
     * variables into every container.
     */
    static PodSpecBuilder podSpec(NodePlacement placement) {
        return new PodSpecBuilder()
                .withNodeSelector(placement.nodeSelector().isEmpty() ? null : placement.nodeSelector())
                .withTolerations(placement.tolerations().isEmpty() ? null : placement.tolerations())
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false);
    }

    static Service service(Camera camera, String name, Map<String, String> labels, Map<String, String> selector, int port) {
        return new ServiceBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(camera.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withOwnerReferences(Owners.controlledBy(camera))
                .endMetadata()
                .withNewSpec()
                    .withType("ClusterIP")
                    .withClusterIP(CameraWorkloadServices.HEADLESS)
                    .withSelector(selector)
                    .addNewPort().withName("http").withProtocol("TCP").withPort(port)
                        .withTargetPort(new IntOrString("http")).endPort()
                .endSpec()
                .build();
    }

    static Deployment deployment(Camera camera, String name, Map<String, String> labels, Map<String, String> selector,
            PodSpec pod) {
        return new DeploymentBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(camera.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withOwnerReferences(Owners.controlledBy(camera))
                .endMetadata()
                .withNewSpec()
                    .withReplicas(1)
                    .withNewStrategy().withType("Recreate").endStrategy()
                    .withNewSelector().withMatchLabels(selector).endSelector()
                    .withTemplate(PodTemplates.withHash(new PodTemplateSpecBuilder()
                        .withNewMetadata()
                            .withLabels(labels)
                            .withAnnotations(PodTemplates.annotations(camera))
                        .endMetadata()
                        .withSpec(pod)
                        .build()))
                .endSpec()
                .build();
    }
}
