package io.falconeye.operator.rest;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.operator.cluster.ServiceEndpoint;
import io.falconeye.operator.cluster.ServiceEndpoints;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ready pods behind a Service: from its EndpointSlices, and when those list nobody, from the
 * ready pods its selector matches. The second way matters where the API server refuses the pod
 * addresses in EndpointSlices (a local control plane whose pods have loopback IPs) and costs
 * nothing in a cluster, where the slices answer first.
 */
@ApplicationScoped
public class ServiceBackends {

    private final ServiceEndpoints slices;
    private final KubernetesClient client;

    public ServiceBackends(ServiceEndpoints slices, KubernetesClient client) {
        this.slices = slices;
        this.client = client;
    }

    public List<ServiceEndpoint> ready(String namespace, String serviceName, String portName, int defaultPort) {
        List<ServiceEndpoint> fromSlices = slices.ready(namespace, serviceName, portName, defaultPort);
        if (!fromSlices.isEmpty()) {
            return fromSlices;
        }
        Service service = client.services().inNamespace(namespace).withName(serviceName).get();
        if (service == null || service.getSpec() == null || service.getSpec().getSelector() == null
                || service.getSpec().getSelector().isEmpty()) {
            return List.of();
        }
        List<Pod> pods = client.pods().inNamespace(namespace).withLabels(service.getSpec().getSelector()).list().getItems();
        return readyPods(service, pods, portName, defaultPort);
    }

    /** Pure: ready, running, not terminating pods with an IP, on the Service port's target. */
    static List<ServiceEndpoint> readyPods(Service service, List<Pod> pods, String portName, int defaultPort) {
        ServicePort port = service.getSpec().getPorts() == null ? null : service.getSpec().getPorts().stream()
                .filter(p -> portName == null || portName.equals(p.getName())).findFirst().orElse(null);
        List<ServiceEndpoint> result = new ArrayList<>();
        for (Pod pod : pods) {
            if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null
                    || pod.getStatus().getPodIP() == null || !"Running".equals(pod.getStatus().getPhase())) {
                continue;
            }
            boolean ready = pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            if (ready) {
                result.add(new ServiceEndpoint(pod.getStatus().getPodIP(), targetPort(port, pod, defaultPort),
                        pod.getMetadata().getName(), pod.getSpec().getNodeName()));
            }
        }
        return result;
    }

    private static int targetPort(ServicePort port, Pod pod, int defaultPort) {
        if (port == null || port.getTargetPort() == null) {
            return port == null || port.getPort() == null ? defaultPort : port.getPort();
        }
        if (port.getTargetPort().getIntVal() != null) {
            return port.getTargetPort().getIntVal();
        }
        String name = port.getTargetPort().getStrVal();
        return pod.getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts() == null ? java.util.stream.Stream.<ContainerPort>empty() : c.getPorts().stream())
                .filter(p -> Objects.equals(name, p.getName()))
                .map(ContainerPort::getContainerPort).findFirst().orElse(defaultPort);
    }

}
