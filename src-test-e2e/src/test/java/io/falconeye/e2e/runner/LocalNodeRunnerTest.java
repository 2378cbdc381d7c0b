package io.falconeye.e2e.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.falconeye.testsupport.kube.TestNamespace;
import io.falconeye.testsupport.kube.WithControlPlane;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runner against the real control plane with real processes: a Deployment of a runner-run
 * image pinned to node-b gets a process bound to its 198.18.2.x pod IP, with env from a Secret and
 * the downward API, hostPath files in node-b's folder, Ready from its readiness endpoint, restarts
 * counted, its process stopped when the pod is deleted, and Services reached by their cluster DNS names.
 */
@WithControlPlane
class LocalNodeRunnerTest {

    private static final String IMAGE = "registry.example/falcon-eye-test/http-probe:1.0";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static LocalNodeRunner runner;

    @BeforeAll
    static void startRunner(TestNamespace ns) {
        runner = SharedRunner.forNamespace(ns.name());
    }

    @Test
    void runsThePodAsAProcessOnItsNodeWithItsEnvVolumesReadinessAndRestarts(KubernetesClient client, TestNamespace ns)
            throws Exception {
        client.secrets().resource(new SecretBuilder().withNewMetadata().withName("probe-secret").endMetadata()
                .addToStringData("token", "s3cret-token").build()).createOr(NonDeletingOperation::update);
        String hostPath = "/data/falcon-eye-test/" + ns.name();
        client.apps().deployments().resource(deployment("probe", "node-b", hostPath)).create();
        client.services().resource(new ServiceBuilder().withNewMetadata().withName("probe").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "probe"))
                .addNewPort().withName("http").withPort(8080).withTargetPort(new IntOrString("http")).endPort()
                .endSpec().build()).create();

        Pod pod = awaitPod(client, p -> ready(p));
        String ip = pod.getStatus().getPodIP();
        assertThat(ip).startsWith(podNetworkPrefix(client, "node-b"));
        assertThat(pod.getMetadata().getAnnotations()).containsKey(PodStatuses.RUNNER_ANNOTATION);
        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");

        Map<String, String> env = new ObjectMapper().readValue(get(ip, "/env"), new TypeReference<>() {});
        Path nodeB = runner.nodePath("node-b", hostPath);
        assertThat(env).containsEntry("BIND_ADDRESS", ip)
                .containsEntry("TOKEN", "s3cret-token")
                .containsEntry("MY_NODE", "node-b")
                .containsEntry("MY_IP", ip)
                .containsEntry("MY_POD", pod.getMetadata().getName())
                .containsEntry("DATA_DIR", nodeB.toString())
                .containsEntry("GREETING", "hello from node-b");

        post(ip, "/write?name=hello.txt", "on node b");
        assertThat(nodeB.resolve("hello.txt")).hasContent("on node b");
        assertThat(runner.nodePath("node-a", hostPath).resolve("hello.txt")).doesNotExist();

        await().atMost(WAIT).until(() -> readyEndpoints(client, "probe").contains(ip));

        post(ip, "/unready", "");
        await().atMost(WAIT).until(() -> !ready(current(client, pod)));
        await().atMost(WAIT).until(() -> !readyEndpoints(client, "probe").contains(ip));
        post(ip, "/ready", "");
        await().atMost(WAIT).until(() -> ready(current(client, pod)));

        long firstPid = pid(current(client, pod));
        assertThat(ProcessHandle.of(firstPid)).isPresent();
        ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();
        await().atMost(WAIT).until(() -> status(current(client, pod)).getRestartCount() == 1 && ready(current(client, pod)));
        ContainerStatus restarted = status(current(client, pod));
        assertThat(restarted.getLastState().getTerminated().getExitCode()).isEqualTo(137);
        long secondPid = pid(current(client, pod));
        assertThat(secondPid).isNotEqualTo(firstPid);
        assertThat(get(ip, "/pid")).isEqualTo(String.valueOf(secondPid));

        post(ip, "/exit?code=3", "");
        await().atMost(WAIT).until(() -> status(current(client, pod)).getRestartCount() == 2 && ready(current(client, pod)));
        assertThat(status(current(client, pod)).getLastState().getTerminated().getExitCode()).isEqualTo(3);
        assertThat(Files.readString(runner.logFile(ns.name(), pod.getMetadata().getName(), "probe")))
                .contains("listening on " + ip + ":8080").contains("(restart 2)");

        long lastPid = pid(current(client, pod));
        client.apps().deployments().withName("probe").scale(0);
        await().atMost(WAIT).until(() -> ProcessHandle.of(lastPid).map(h -> !h.isAlive()).orElse(true));
        await().atMost(WAIT).until(() -> !listening(ip, 8080));
    }

    @Test
    void aSecretThatIsMissingHoldsThePodUntilItExists(KubernetesClient client) throws Exception {
        client.apps().deployments().resource(new DeploymentBuilder(deployment("late", "node-a", "/data/late"))
                .editSpec().editTemplate().editSpec().editFirstContainer()
                .editMatchingEnv(e -> e.getName().equals("TOKEN")).editValueFrom().editSecretKeyRef()
                .withName("late-secret").endSecretKeyRef().endValueFrom().endEnv()
                .endContainer().endSpec().endTemplate().endSpec().build()).create();
        Pod pod = awaitPodOf(client, "late", p -> status(p) != null && status(p).getState().getWaiting() != null
                && "CreateContainerConfigError".equals(status(p).getState().getWaiting().getReason()));
        assertThat(status(pod).getState().getWaiting().getMessage()).contains("late-secret");

        client.secrets().resource(new SecretBuilder().withNewMetadata().withName("late-secret").endMetadata()
                .addToStringData("token", "now-here").build()).create();
        Pod running = awaitPodOf(client, "late", LocalNodeRunnerTest::ready);
        assertThat(running.getStatus().getPodIP()).startsWith(podNetworkPrefix(client, "node-a"));
        assertThat(get(running.getStatus().getPodIP(), "/env")).contains("\"TOKEN\": \"now-here\"");
        client.apps().deployments().withName("late").delete();
    }

    @Test
    void aPodReachesAServiceByItsClusterDnsNameThroughRestartsOfTheBackend(KubernetesClient client, TestNamespace ns)
            throws Exception {
        // The same Secret as the first test's (the class shares one namespace), whichever runs first.
        client.secrets().resource(new SecretBuilder().withNewMetadata().withName("probe-secret").endMetadata()
                .addToStringData("token", "s3cret-token").build()).createOr(NonDeletingOperation::update);
        client.apps().deployments().resource(deployment("backend", "node-a", "/data/backend")).create();
        // Port 80 -> the pod's named port http (8080), as a ClusterIP Service maps it.
        client.services().resource(new ServiceBuilder().withNewMetadata().withName("backend").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "backend"))
                .addNewPort().withName("web").withPort(80).withTargetPort(new IntOrString("http")).endPort()
                .endSpec().build()).create();
        String upstream = "http://backend." + ns.name() + ".svc/pid";
        client.apps().deployments().resource(new DeploymentBuilder(deployment("reader", "node-b", "/data/reader"))
                .editSpec().editTemplate().editSpec().editFirstContainer()
                .addNewEnv().withName("UPSTREAM").withValue(upstream).endEnv()
                .endContainer().endSpec().endTemplate().endSpec().build()).create();

        Pod backend = awaitPodOf(client, "backend", LocalNodeRunnerTest::runningHere);
        String reader = awaitPodOf(client, "reader", LocalNodeRunnerTest::runningHere).getStatus().getPodIP();
        Map<String, String> env = new ObjectMapper().readValue(get(reader, "/env"), new TypeReference<>() {});
        assertThat(env.get("UPSTREAM")).matches("http://198\\.18\\.0\\.\\d+/pid");
        String backendPid = String.valueOf(pid(backend));
        await().atMost(WAIT).until(() -> fetch(reader, "/upstream"), backendPid::equals);

        // The backend's process restarts (a new pid, the same pod IP) and the same address finds it again.
        ProcessHandle.of(pid(backend)).orElseThrow().destroyForcibly();
        Pod restarted = awaitPodOf(client, "backend", p -> runningHere(p) && status(p).getRestartCount() == 1);
        await().atMost(WAIT).until(() -> fetch(reader, "/upstream"), String.valueOf(pid(restarted))::equals);

        // Without a ready endpoint the connection is refused, as kube-proxy refuses it.
        client.apps().deployments().withName("backend").scale(0);
        await().atMost(WAIT).until(() -> fetch(reader, "/upstream").startsWith("502"));
        client.apps().deployments().withName("reader").delete();
        client.apps().deployments().withName("backend").delete();
    }

    /** Ready with a process of the runner (kwok may mark a pod ready for a moment before the runner has it). */
    private static boolean runningHere(Pod pod) {
        return ready(pod) && status(pod) != null && pid(pod) > 0;
    }

    /** The body of a GET, or "502 ..." with the reason when the pod answers 502. */
    private static String fetch(String ip, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080" + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : response.statusCode() + " " + response.body();
    }

    @Test
    void podsOfOtherImagesStayWithKwok(KubernetesClient client) {
        client.apps().deployments().resource(new DeploymentBuilder().withNewMetadata().withName("other").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "other").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "other").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("docker.io/library/httpd:2.4").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
        Pod pod = awaitPodOf(client, "other", LocalNodeRunnerTest::ready);
        assertThat(pod.getMetadata().getAnnotations() == null
                || !pod.getMetadata().getAnnotations().containsKey(PodStatuses.RUNNER_ANNOTATION)).isTrue();
        assertThat(status(pod).getContainerID()).isNull();
    }

    static Deployment deployment(String name, String node, String hostPath) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec()
                .withNodeSelector(Map.of("kubernetes.io/hostname", node))
                .withTerminationGracePeriodSeconds(5L)
                .addNewContainer().withName("probe").withImage(IMAGE)
                .addNewPort().withName("http").withContainerPort(8080).endPort()
                .addNewEnv().withName("PORT").withValue("8080").endEnv()
                .addNewEnv().withName("DATA_DIR").withValue("/data").endEnv()
                .addNewEnv().withName("TOKEN").withNewValueFrom().withNewSecretKeyRef("token", "probe-secret", false)
                    .endValueFrom().endEnv()
                .addNewEnv().withName("MY_NODE").withNewValueFrom().withNewFieldRef().withFieldPath("spec.nodeName")
                    .endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("MY_IP").withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP")
                    .endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("MY_POD").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
                    .endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("GREETING").withValue("hello from $(MY_NODE)").endEnv()
                .withNewReadinessProbe().withNewHttpGet().withPath("/health").withPort(new IntOrString("http")).endHttpGet()
                    .withPeriodSeconds(1).withFailureThreshold(1).endReadinessProbe()
                .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("data").withNewHostPath().withPath(hostPath).withType("DirectoryOrCreate")
                    .endHostPath().endVolume()
                .endSpec().endTemplate().endSpec().build();
    }

    private static Pod awaitPod(KubernetesClient client, java.util.function.Predicate<Pod> condition) {
        return awaitPodOf(client, "probe", condition);
    }

    static Pod awaitPodOf(KubernetesClient client, String app, java.util.function.Predicate<Pod> condition) {
        return await().atMost(WAIT).until(() -> client.pods().withLabel("app", app).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).filter(condition).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    /** "198.18.2." for a node with podCIDR 198.18.2.0/24. */
    static String podNetworkPrefix(KubernetesClient client, String node) {
        String cidr = client.nodes().withName(node).get().getSpec().getPodCIDR();
        return cidr.substring(0, cidr.lastIndexOf('.') + 1);
    }

    private static Pod current(KubernetesClient client, Pod pod) {
        return client.pods().withName(pod.getMetadata().getName()).get();
    }

    static boolean ready(Pod pod) {
        List<PodCondition> conditions = pod.getStatus() == null ? null : pod.getStatus().getConditions();
        return conditions != null && conditions.stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static ContainerStatus status(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                || pod.getStatus().getContainerStatuses().isEmpty() ? null : pod.getStatus().getContainerStatuses().get(0);
    }

    private static long pid(Pod pod) {
        return PodStatuses.pidOf(status(pod).getContainerID());
    }

    private static List<String> readyEndpoints(KubernetesClient client, String service) {
        return client.discovery().v1().endpointSlices().withLabel("kubernetes.io/service-name", service).list().getItems()
                .stream().flatMap(s -> s.getEndpoints() == null ? java.util.stream.Stream.<Endpoint>empty() : s.getEndpoints().stream())
                .filter(e -> e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady()))
                .flatMap(e -> e.getAddresses().stream()).toList();
    }

    static String get(String ip, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080" + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static void post(String ip, String path, String body) throws IOException, InterruptedException {
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080" + path)).timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            if (!path.startsWith("/exit")) {
                throw e;
            }
        }
    }

    static boolean listening(String ip, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
