package io.falconeye.operator.cluster;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.readiness.Readiness;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the ready pods behind a Service, so the operator talks to recorders, relays and file
 * servers by pod IP: no cluster DNS is needed. The Service's EndpointSlices are read first; when
 * they list no endpoint the ready pods matching the Service's selector are used, as the
 * EndpointSlice controller would. That fallback matters where pod IPs are loopback addresses
 * (the local kwok control plane), which EndpointSlice validation refuses.
 */
@ApplicationScoped
public class ServiceEndpoints {

    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private final KubernetesClient client;

    public ServiceEndpoints(KubernetesClient client) {
        this.client = client;
    }

    /** Ready endpoints of {@code service}'s port named {@code portName} (falling back to {@code defaultPort}). */
    public List<ServiceEndpoint> ready(String namespace, String service, String portName, int defaultPort) {
        List<EndpointSlice> slices = client.discovery().v1().endpointSlices().inNamespace(namespace)
                .withLabel(SERVICE_NAME_LABEL, service).list().getItems();
        List<ServiceEndpoint> fromSlices = readyIn(slices, portName, defaultPort);
        if (!fromSlices.isEmpty()) {
            return fromSlices;
        }
        Service svc = client.services().inNamespace(namespace).withName(service).get();
        if (svc == null || svc.getSpec().getSelector() == null || svc.getSpec().getSelector().isEmpty()) {
            return List.of();
        }
        return readyPods(client.pods().inNamespace(namespace).withLabels(svc.getSpec().getSelector()).list().getItems(),
                portName, defaultPort);
    }

    /** Pure selection of pods that are Ready, not terminating and have an IP. */
    public static List<ServiceEndpoint> readyPods(List<Pod> pods, String portName, int defaultPort) {
        List<ServiceEndpoint> result = new ArrayList<>();
        for (Pod pod : pods) {
            if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null
                    || pod.getStatus().getPodIP() == null || !Readiness.isPodReady(pod)) {
                continue;
            }
            int port = pod.getSpec().getContainers().stream()
                    .flatMap(c -> c.getPorts() == null ? java.util.stream.Stream.empty() : c.getPorts().stream())
                    .filter(p -> portName == null || portName.equals(p.getName()))
                    .map(ContainerPort::getContainerPort)
                    .findFirst().orElse(defaultPort);
            result.add(new ServiceEndpoint(pod.getStatus().getPodIP(), port, pod.getMetadata().getName(),
                    pod.getSpec().getNodeName()));
        }
        return result;
    }

    /** Pure selection of ready IPv4/IPv6 addresses in the given slices. */
    public static List<ServiceEndpoint> readyIn(List<EndpointSlice> slices, String portName, int defaultPort) {
        List<ServiceEndpoint> result = new ArrayList<>();
        for (EndpointSlice slice : slices) {
            if ("FQDN".equals(slice.getAddressType())) {
                continue;
            }
            int port = port(slice, portName, defaultPort);
            for (Endpoint endpoint : slice.getEndpoints() == null ? List.<Endpoint>of() : slice.getEndpoints()) {
                // A nil ready condition means ready (discovery.k8s.io/v1); terminating endpoints are not.
                boolean ready = endpoint.getConditions() == null || endpoint.getConditions().getReady() == null
                        || endpoint.getConditions().getReady();
                if (!ready || endpoint.getAddresses() == null || endpoint.getAddresses().isEmpty()) {
                    continue;
                }
                String pod = endpoint.getTargetRef() == null ? null : endpoint.getTargetRef().getName();
                result.add(new ServiceEndpoint(endpoint.getAddresses().get(0), port, pod, endpoint.getNodeName()));
            }
        }
        return result;
    }

    private static int port(EndpointSlice slice, String portName, int defaultPort) {
        if (slice.getPorts() == null) {
            return defaultPort;
        }
        return slice.getPorts().stream()
                .filter(p -> portName == null || portName.equals(p.getName()))
                .map(EndpointPort::getPort)
                .filter(p -> p != null)
                .findFirst()
                .orElse(defaultPort);
    }
}
