package io.falconeye.operator.cluster;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the ready pods behind a Service from its EndpointSlices, so the operator talks to
 * recorders, relays and file servers by pod IP: no cluster DNS is needed, which works inside a
 * cluster and against a local control plane alike.
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
        return readyIn(slices, portName, defaultPort);
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
