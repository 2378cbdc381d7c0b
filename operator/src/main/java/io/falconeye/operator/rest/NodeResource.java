package io.falconeye.operator.rest;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** /api/nodes: the cluster's nodes, and which of them are Jetson devices. */
@Path("/api/nodes")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {

    private final KubernetesClient client;
    private final SettingsStore settings;

    public NodeResource(KubernetesClient client, SettingsStore settings) {
        this.client = client;
        this.settings = settings;
    }

    @GET
    @Operation(summary = "Every node: name, ip, ready, taints, labels, architecture, os, is_jetson")
    public List<Map<String, Object>> list() {
        List<String> jetson = settings.read().jetsonNodes();
        return client.nodes().list().getItems().stream().map(n -> view(n, jetson)).toList();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One node")
    public Map<String, Object> get(@PathParam("name") String name) {
        Ids.requireNodeName("name", name);
        Node node = client.nodes().withName(name).get();
        if (node == null) {
            throw ProblemException.notFound("node " + name);
        }
        return view(node, settings.read().jetsonNodes());
    }

    static Map<String, Object> view(Node node, List<String> jetsonNodes) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        var status = node.getStatus();
        String ip = status == null || status.getAddresses() == null ? null : status.getAddresses().stream()
                .filter(a -> "InternalIP".equals(a.getType())).map(NodeAddress::getAddress).findFirst().orElse(null);
        boolean ready = status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        List<Map<String, Object>> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
                : node.getSpec().getTaints().stream().map(t -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("key", t.getKey());
                    m.put("value", t.getValue());
                    m.put("effect", t.getEffect());
                    return m;
                }).toList();
        String name = node.getMetadata().getName();
        boolean isJetson = jetsonNodes.contains(name)
                || labels.keySet().stream().anyMatch(k -> k.startsWith("nvidia.com/jetson"))
                || "jetson".equals(labels.get("dedicated"))
                || taints.stream().anyMatch(t -> "dedicated".equals(t.get("key")) && "jetson".equals(t.get("value")));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", name);
        view.put("ip", ip);
        view.put("ready", ready);
        view.put("taints", taints);
        view.put("labels", labels);
        view.put("architecture", status == null || status.getNodeInfo() == null ? labels.get("kubernetes.io/arch")
                : status.getNodeInfo().getArchitecture());
        view.put("os", status == null || status.getNodeInfo() == null ? labels.get("kubernetes.io/os")
                : status.getNodeInfo().getOperatingSystem());
        view.put("is_jetson", isJetson);
        return view;
    }
}
