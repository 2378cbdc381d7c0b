package io.falconeye.operator.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.management.OperatingSystemMXBean;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.CameraSource;
import io.falconeye.operator.api.CameraSpec;
import io.falconeye.operator.api.Protocol;
import io.falconeye.operator.cluster.ServiceEndpoint;
import io.falconeye.operator.cluster.ServiceEndpoints;
import io.falconeye.testsupport.kube.ControlPlane;
import io.falconeye.testsupport.media.MjpegTestServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Figures, not assertions on speed: run with {@code make bench-api}, i.e.
 * {@code mvn -pl operator -am verify -Pbenchmark -Dtest=ApiBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}.
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(value = ApiTestResource.class, restrictToAnnotatedClass = true)
class ApiBenchmark {

    private static final int CAMERAS = 1000;
    private static final int CLIENTS = 16;
    private static final int VIEWERS = 20;
    private static final int GOAL_P99_MS = 50;

    @Inject
    ServiceEndpoints backends;

    @TestHTTPResource("/")
    URL api;

    @Test
    void listOfThousandCamerasUnderConcurrentLoad() throws Exception {
        KubernetesClient kube = ControlPlane.shared().adminClient();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> creates = new ArrayList<>();
        for (int i = 0; i < CAMERAS; i++) {
            int n = i;
            creates.add(pool.submit(() -> kube.resource(stoppedCamera("bench-" + n)).create()));
        }
        for (Future<?> f : creates) {
            f.get();
        }
        pool.shutdown();
        await().atMost(Duration.ofMinutes(3)).until(() -> given().get("/api/cameras").<Integer>path("total") >= CAMERAS);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "api/cameras")).GET().build();
        for (int i = 0; i < 50; i++) { // warm-up
            http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        for (int clientsCount : new int[] {1, 4, CLIENTS}) {
            load(http, request, clientsCount);
        }
        try {
            kube.resources(Camera.class).inNamespace(ApiTestResource.namespace()).delete();
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            // a loaded API server may take longer than the client's timeout; the test namespace goes anyway
            System.out.println("cleanup of the benchmark's cameras left to the namespace's deletion: " + e.getMessage());
        }
    }

    @Test
    void streamProxyCpuAgainstDirectRelayWithTwentyViewers() throws Exception {
        String id = ApiCameras.createHttp("bench-stream", "http://10.3.0.1/video");
        List<ServiceEndpoint> relay = await().atMost(Duration.ofSeconds(60)).until(
                () -> backends.ready(ApiTestResource.namespace(), "svc-bench-stream", "http", 8081), l -> !l.isEmpty());
        try (MjpegTestServer camera = MjpegTestServer.startOn(relay.get(0).ip(), relay.get(0).port(), 1280, 720, 15)) {
            Measurement direct = viewers(relay.get(0).ip(), relay.get(0).port(), "/stream");
            Measurement proxied = viewers(api.getHost(), api.getPort(), "/api/cameras/" + id + "/stream");
            System.out.printf("%nBENCHMARK stream proxy, %d viewers of a 1280x720 15 fps MJPEG stream, 15 s each:%n"
                            + "  direct to relay: %.1f MB/s delivered, process CPU %.1f%% of one core%n"
                            + "  through the API: %.1f MB/s delivered, process CPU %.1f%% of one core%n"
                            + "  proxy overhead: %.1f%% of one core (%.2f%% per viewer), %.2f ms CPU per MB%n",
                    VIEWERS, direct.mbPerSecond, direct.cpuPercent, proxied.mbPerSecond, proxied.cpuPercent,
                    proxied.cpuPercent - direct.cpuPercent, (proxied.cpuPercent - direct.cpuPercent) / VIEWERS,
                    (proxied.cpuPercent - direct.cpuPercent) * 10 / Math.max(0.001, proxied.mbPerSecond));
        }
        given().delete("/api/cameras/" + id).then().statusCode(204);
    }

    private static void load(HttpClient http, HttpRequest request, int clientCount) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong bytes = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        ExecutorService clients = Executors.newFixedThreadPool(clientCount);
        long start = System.nanoTime();
        for (int c = 0; c < clientCount; c++) {
            clients.submit(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    latencies.add(System.nanoTime() - t0);
                    bytes.addAndGet(r.body().length);
                    assertThat(r.statusCode()).isEqualTo(200);
                }
                return null;
            });
        }
        clients.shutdown();
        clients.awaitTermination(2, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%nBENCHMARK GET /api/cameras with %d cameras, %d concurrent clients, %.1f s:%n"
                        + "  requests %d, throughput %.1f req/s, body %d KiB%n  latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                CAMERAS, clientCount, seconds, sorted.size(), sorted.size() / seconds, bytes.get() / sorted.size() / 1024,
                pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted.get(sorted.size() - 1) / 1e6);
        System.out.printf("  goal p99 <= %d ms: %s%n", GOAL_P99_MS, pct(sorted, 99) <= GOAL_P99_MS ? "met" : "missed");
    }

    private record Measurement(double mbPerSecond, double cpuPercent) {
    }

    /** VIEWERS raw-socket clients reading and discarding for 15 s; process CPU over the same window. */
    private static Measurement viewers(String host, int port, String path) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong bytes = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < VIEWERS; i++) {
            Thread t = new Thread(() -> {
                try (Socket s = new Socket(host, port)) {
                    s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    InputStream in = s.getInputStream();
                    byte[] buffer = new byte[64 * 1024];
                    while (running.get()) {
                        int n = in.read(buffer);
                        if (n < 0) {
                            return;
                        }
                        bytes.addAndGet(n);
                    }
                } catch (Exception ignored) {
                    // end of measurement
                }
            });
            t.start();
            threads.add(t);
        }
        Thread.sleep(3000);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long bytes0 = bytes.get();
        long t0 = System.nanoTime();
        Thread.sleep(15_000);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        double mb = (bytes.get() - bytes0) / 1e6;
        running.set(false);
        for (Thread t : threads) {
            t.join(5000);
        }
        return new Measurement(mb / wall, 100 * cpu / wall);
    }

    private static double pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    private static Camera stoppedCamera(String name) {
        Camera camera = new Camera();
        camera.getMetadata().setName(name);
        camera.getMetadata().setNamespace(ApiTestResource.namespace());
        CameraSpec spec = new CameraSpec();
        spec.setProtocol(Protocol.RTSP);
        CameraSource source = new CameraSource();
        source.setUrl("rtsp://10.9." + (name.hashCode() & 0xff) + ".1/" + name);
        spec.setSource(source);
        spec.setEnabled(false);
        spec.setLocation("bench rack");
        camera.setSpec(spec);
        return camera;
    }
}
