package io.falconeye.operator.it;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;

/**
 * A large fake node (kwok) for the benchmark's 1000 pods: the local control plane's nodes take 250
 * pods each on a /24, so 500 cameras (a relay and a recorder each) cannot all run there. It is
 * tainted like a Jetson node, so only pods the operator pins to it (it is listed in JETSON_NODES)
 * land there, never other tests' pods; it is removed afterwards.
 */
final class BenchmarkNode implements AutoCloseable {

    static final String NAME = "bench-1";

    private final KubernetesClient admin;

    private BenchmarkNode(KubernetesClient admin) {
        this.admin = admin;
    }

    static BenchmarkNode create(KubernetesClient admin) throws InterruptedException {
        // same local pod network as the cluster's own nodes (pod IPs on loopback), a /22 above theirs
        String cidr = admin.nodes().withName("node-a").get().getSpec().getPodCIDR();
        String net = cidr.substring(0, cidr.indexOf('.', cidr.indexOf('.') + 1));
        String podCidr = net + ".8.0/22";
        Map<String, Quantity> capacity = Map.of("cpu", new Quantity("400"), "memory", new Quantity("1Ti"),
                "pods", new Quantity("1100"));
        Node node = new NodeBuilder()
                .withNewMetadata().withName(NAME)
                    .addToAnnotations("kwok.x-k8s.io/node", "fake")
                    .addToLabels("type", "kwok").addToLabels("kubernetes.io/hostname", NAME)
                    .addToLabels("kubernetes.io/os", "linux").addToLabels("kubernetes.io/arch", "amd64")
                .endMetadata()
                .withNewSpec().withPodCIDR(podCidr).withPodCIDRs(podCidr)
                    .addNewTaint().withKey("dedicated").withValue("jetson").withEffect("NoSchedule").endTaint()
                .endSpec()
                .withNewStatus().withAllocatable(capacity).withCapacity(capacity)
                    .withNewNodeInfo().withArchitecture("amd64").withOperatingSystem("linux").withKubeletVersion("fake")
                    .endNodeInfo()
                    .addNewAddress().withType("InternalIP").withAddress(net + ".8.1").endAddress()
                    .addNewAddress().withType("Hostname").withAddress(NAME).endAddress()
                .endStatus()
                .build();
        admin.nodes().withName(NAME).delete();
        admin.nodes().withName(NAME).waitUntilCondition(n -> n == null, 60, java.util.concurrent.TimeUnit.SECONDS);
        admin.nodes().resource(node).create();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!ready(admin.nodes().withName(NAME).get())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("kwok did not make node " + NAME + " Ready");
            }
            Thread.sleep(200);
        }
        return new BenchmarkNode(admin);
    }

    private static boolean ready(Node node) {
        return node != null && node.getStatus() != null && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    @Override
    public void close() {
        admin.nodes().withName(NAME).delete();
    }
}
