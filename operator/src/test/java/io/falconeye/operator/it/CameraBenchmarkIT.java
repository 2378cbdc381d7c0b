package io.falconeye.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.falconeye.operator.model.Conditions;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.reconcile.OperatorOnControlPlane;
import io.falconeye.testsupport.db.PostgresServer;
import io.falconeye.testsupport.kube.ControlPlane;
import io.falconeye.testsupport.kube.TestNamespace;
import io.falconeye.testsupport.kube.WithControlPlane;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 500 Cameras against the real control plane and the packaged operator in its own process. Prints
 * seconds until all are Ready (and until all relay Deployments exist, the operator's own part), the
 * CPU time the operator and each control-plane process used meanwhile (where the time goes), the
 * operator's peak RSS, and camera-create -> relay-Deployment
 * latency p50/p99 (for the burst, and for single cameras applied one at a time on a quiet
 * operator). Not part of the normal run: mvn -pl operator verify -Dbenchmark (see README).
 */
@Tag("benchmark")
@WithControlPlane
class CameraBenchmarkIT {

    static final int CAMERAS = Integer.getInteger("benchmark.cameras", 500);
    static final int SINGLES = 20;
    static final int CREATORS = Integer.getInteger("benchmark.creators", 4);
    static final boolean WATCH_PODS = Boolean.getBoolean("benchmark.watch.pods");
    static final long LIMIT_NANOS = Long.getLong("benchmark.limit.seconds", 300) * 1_000_000_000L;

    @Test
    void fiveHundredCameras(KubernetesClient client, TestNamespace ns) throws Exception {
        OperatorOnControlPlane.installCrdsAndRbac(ControlPlane.shared());
        Map<String, Long> created = new ConcurrentHashMap<>();
        Map<String, Long> deployed = new ConcurrentHashMap<>();
        Map<String, Long> readyAt = new ConcurrentHashMap<>();
        try (BenchmarkNode node = BenchmarkNode.create(ControlPlane.shared().adminClient());
             OperatorProcess operator = OperatorProcess.start(ns.name(), "benchmark", operatorEnv());
             Watch watch = watchRelayDeployments(client, ns.name(), deployed);
             SharedIndexInformer<Camera> cameras = watchReady(client, ns.name(), readyAt);
             // Watching 1000 pods is a load of its own on the API server (every pod change encoded
             // once more, as JSON): only when asked, to see where pods wait.
             SharedIndexInformer<Pod> pods = WATCH_PODS ? client.pods().inNamespace(ns.name()).inform() : null) {
            waitForOperator(operator);
            CpuTimes cpuBefore = CpuTimes.sample(operator.pid());
            long start = System.nanoTime();
            // Cameras are created by a few clients at once, as Argo CD or a script would; the
            // benchmark watches (never polls lists), so its own load on the API server stays small.
            ExecutorService creators = Executors.newFixedThreadPool(CREATORS);
            for (int i = 0; i < CAMERAS; i++) {
                int n = i;
                creators.submit(() -> {
                    Camera camera = client.getKubernetesSerialization().unmarshal(CameraYaml.http("bench-" + n), Camera.class);
                    created.put("cam-bench-" + n, System.nanoTime());
                    client.resource(camera).inNamespace(ns.name()).create();
                    return null;
                });
            }
            creators.shutdown();
            creators.awaitTermination(10, TimeUnit.MINUTES);
            long applied = System.nanoTime();
            long lastReport = start;
            boolean burstWatchClosed = false;
            while (readyAt.size() < CAMERAS && System.nanoTime() - start < LIMIT_NANOS) {
                Thread.sleep(100);
                if (!burstWatchClosed && deployed.size() >= CAMERAS) {
                    // every relay Deployment seen: their status updates are not the benchmark's to receive
                    watch.close();
                    burstWatchClosed = true;
                }
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.printf("  %5.1f s: %d relay Deployments; %s%d cameras Ready%n",
                            (lastReport - start) / 1e9, deployed.size(),
                            pods == null ? "" : "pods " + podStages(pods.getStore().list()) + "; ", readyAt.size());
                }
            }
            int ready = readyAt.size();
            long allReady = readyAt.values().stream().mapToLong(Long::longValue).max().orElse(System.nanoTime());
            long allDeployed = deployed.values().stream().mapToLong(Long::longValue).max().orElse(System.nanoTime());
            CpuTimes cpuAfter = CpuTimes.sample(operator.pid());
            List<Double> burst = latencies(created, deployed);
            Mirrored mirrored = waitForMirror(ns.name(), ready);

            Map<String, Long> singleCreated = new ConcurrentHashMap<>();
            watch.close();
            try (Watch singles = watchRelayDeployments(client, ns.name(), deployed)) {
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
            }
            List<Double> single = latencies(singleCreated, deployed);
            long rssKib = operator.peakRssKib();

            System.out.printf("%nBENCHMARK %d cameras (operator pid %d, %s, kwok nodes, load average %s)%n",
                    CAMERAS, operator.pid(), String.join(" ", OperatorProcess.jvmOptions()), CpuTimes.loadAverage());
            System.out.printf("  create calls (%d clients) %.1f s%n", CREATORS, (applied - start) / 1e9);
            System.out.printf("  all relay Deployments    %d of %d after %.1f s%n", burst.size(), CAMERAS,
                    (allDeployed - start) / 1e9);
            System.out.printf("  Ready                    %d of %d after %.1f s (goal: all within 60 s)%n",
                    ready, CAMERAS, (allReady - start) / 1e9);
            System.out.printf("  PostgreSQL mirror        %d of %d Ready cameras ready in the table %.1f s after the last Ready%n",
                    mirrored.rows(), ready, (mirrored.at() - allReady) / 1e9);
            System.out.printf("  operator peak RSS        %d MiB (goal 400 MiB)%n", rssKib / 1024);
            System.out.printf("  CPU seconds meanwhile    %s%n", cpuAfter.minus(cpuBefore));
            System.out.printf("  create->Deployment burst p50 %.0f ms, p99 %.0f ms (n=%d)%n",
                    percentile(burst, 50), percentile(burst, 99), burst.size());
            System.out.printf("  create->Deployment single p50 %.0f ms, p99 %.0f ms (n=%d)%n%n",
                    percentile(single, 50), percentile(single, 99), single.size());
            assertThat(ready).as("cameras Ready within the benchmark's time limit").isEqualTo(CAMERAS);
        }
    }

    /**
     * Placement on the benchmark's node, and the PostgreSQL mirror as deployed: the operator writes
     * every Camera's status into the database while the burst runs.
     */
    private static Map<String, String> operatorEnv() {
        PostgresServer database = PostgresServer.shared();
        return Map.of(
                "DEFAULT_CAMERA_NODE", BenchmarkNode.NAME, "DEFAULT_RECORDER_NODE", BenchmarkNode.NAME,
                "JETSON_NODES", "jetson-1," + BenchmarkNode.NAME,
                "DATABASE_HOST", database.host(), "DATABASE_PORT", String.valueOf(database.port()),
                "DATABASE_USER", database.user(), "DATABASE_PASSWORD", database.password(),
                "DATABASE_NAME", database.database());
    }

    /** When the mirror's table held every Ready camera as ready (or 60 s had passed), and how many it held. */
    private record Mirrored(long at, int rows) {
    }

    private static Mirrored waitForMirror(String namespace, int ready) throws InterruptedException, SQLException {
        PostgresServer pg = PostgresServer.shared();
        long deadline = System.nanoTime() + 60_000_000_000L;
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
            int rows = readyRows(c, namespace);
            while (rows < ready && System.nanoTime() < deadline) {
                Thread.sleep(100);
                rows = readyRows(c, namespace);
            }
            return new Mirrored(System.nanoTime(), rows);
        }
    }

    private static int readyRows(Connection c, String namespace) {
        try (PreparedStatement q = c.prepareStatement("SELECT count(*) FROM cameras WHERE namespace = ? AND ready")) {
            q.setString(1, namespace);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            // the operator creates the table once it reaches the database
            return 0;
        }
    }

    /** Where the pods are: waiting for the scheduler, scheduled but not ready (kwok), ready. */
    private static String podStages(List<Pod> pods) {
        long unscheduled = pods.stream().filter(p -> p.getSpec().getNodeName() == null).count();
        long ready = pods.stream().filter(p -> p.getStatus() != null && p.getStatus().getConditions() != null
                && p.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))).count();
        return unscheduled + " unscheduled, " + (pods.size() - unscheduled - ready) + " scheduled, " + ready + " ready";
    }

    private static SharedIndexInformer<Camera> watchReady(KubernetesClient client, String ns, Map<String, Long> readyAt) {
        return client.resources(Camera.class).inNamespace(ns).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Camera camera) {
                onUpdate(null, camera);
            }

            @Override
            public void onUpdate(Camera old, Camera camera) {
                if (camera.getStatus() != null && Conditions.isTrue(camera.getStatus().getConditions(), "Ready")) {
                    readyAt.putIfAbsent(camera.getMetadata().getName(), System.nanoTime());
                }
            }

            @Override
            public void onDelete(Camera camera, boolean unknown) {
            }
        });
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
