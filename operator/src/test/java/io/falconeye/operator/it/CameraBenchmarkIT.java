package io.falconeye.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.reconcile.OperatorOnControlPlane;
import io.falconeye.testsupport.kube.ControlPlane;
import io.falconeye.testsupport.kube.TestNamespace;
import io.falconeye.testsupport.kube.WithControlPlane;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 500 Cameras against the real control plane and the packaged operator in its own process. Prints
 * seconds until all are Ready, the operator's peak RSS, and camera-create -> relay-Deployment
 * latency p50/p99 (for the burst, and for single cameras applied one at a time on a quiet
 * operator). Not part of the normal run: mvn -pl operator verify -Dbenchmark (see README).
 */
@Tag("benchmark")
@WithControlPlane
class CameraBenchmarkIT {

    static final int CAMERAS = Integer.getInteger("benchmark.cameras", 500);
    static final int SINGLES = 20;
    static final long LIMIT_NANOS = Long.getLong("benchmark.limit.seconds", 300) * 1_000_000_000L;

    @Test
    void fiveHundredCameras(KubernetesClient client, TestNamespace ns) throws Exception {
        OperatorOnControlPlane.installCrdsAndRbac(ControlPlane.shared());
        Map<String, Long> created = new ConcurrentHashMap<>();
        Map<String, Long> deployed = new ConcurrentHashMap<>();
        try (OperatorProcess operator = OperatorProcess.start(ns.name(), "benchmark");
             Watch watch = watchRelayDeployments(client, ns.name(), deployed)) {
            waitForOperator(operator);
            long start = System.nanoTime();
            for (int i = 0; i < CAMERAS; i++) {
                Camera camera = client.getKubernetesSerialization().unmarshal(CameraYaml.http("bench-" + i), Camera.class);
                created.put("cam-bench-" + i, System.nanoTime());
                client.resource(camera).inNamespace(ns.name()).create();
            }
            long applied = System.nanoTime();
            int ready = 0;
            while (ready < CAMERAS && System.nanoTime() - start < LIMIT_NANOS) {
                Thread.sleep(250);
                ready = countReady(client, ns.name());
            }
            long allReady = System.nanoTime();
            List<Double> burst = latencies(created, deployed);

            Map<String, Long> singleCreated = new ConcurrentHashMap<>();
            for (int i = 0; i < SINGLES; i++) {
                Camera camera = client.getKubernetesSerialization().unmarshal(CameraYaml.http("single-" + i), Camera.class);
                singleCreated.put("cam-single-" + i, System.nanoTime());
                client.resource(camera).inNamespace(ns.name()).create();
                String name = "cam-single-" + i;
                long t0 = System.nanoTime();
                while (!deployed.containsKey(name) && System.nanoTime() - t0 < 10_000_000_000L) {
                    Thread.sleep(5);
                }
            }
            List<Double> single = latencies(singleCreated, deployed);
            long rssKib = operator.peakRssKib();

            System.out.printf("%nBENCHMARK %d cameras (operator pid %d, kwok nodes, shared 2-core machine)%n",
                    CAMERAS, operator.pid());
            System.out.printf("  create calls took        %.1f s%n", (applied - start) / 1e9);
            System.out.printf("  Ready                    %d of %d after %.1f s (goal: all within 60 s)%n",
                    ready, CAMERAS, (allReady - start) / 1e9);
            System.out.printf("  operator peak RSS        %d MiB (goal 400 MiB)%n", rssKib / 1024);
            System.out.printf("  create->Deployment burst p50 %.0f ms, p99 %.0f ms (n=%d)%n",
                    percentile(burst, 50), percentile(burst, 99), burst.size());
            System.out.printf("  create->Deployment single p50 %.0f ms, p99 %.0f ms (n=%d)%n%n",
                    percentile(single, 50), percentile(single, 99), single.size());
            assertThat(ready).as("cameras Ready within the benchmark's time limit").isEqualTo(CAMERAS);
        }
    }

    private static void waitForOperator(OperatorProcess operator) throws Exception {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < 120_000_000_000L) {
            if (java.nio.file.Files.readString(operator.log).contains("'camera' controller started")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("operator did not start; see " + operator.log);
    }

    private static Watch watchRelayDeployments(KubernetesClient client, String ns, Map<String, Long> seen) {
        return client.apps().deployments().inNamespace(ns).withLabel("component", "camera").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment d) {
                seen.putIfAbsent(d.getMetadata().getName(), System.nanoTime());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    private static int countReady(KubernetesClient client, String ns) {
        return (int) client.resources(Camera.class).inNamespace(ns).list().getItems().stream()
                .filter(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
                        .anyMatch(x -> x.getType().equals("Ready") && x.getStatus().equals("True")))
                .count();
    }

    private static List<Double> latencies(Map<String, Long> created, Map<String, Long> deployed) {
        List<Double> ms = new ArrayList<>();
        created.forEach((name, t) -> {
            Long d = deployed.get(name);
            if (d != null) {
                ms.add((d - t) / 1e6);
            }
        });
        Collections.sort(ms);
        return ms;
    }

    private static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
