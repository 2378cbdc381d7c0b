package io.falconeye.e2e.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.testsupport.kube.ControlPlane;
import io.falconeye.testsupport.kube.TestNamespace;
import io.falconeye.testsupport.kube.WithControlPlane;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The file-server manifest (cluster/manifests/file-server.yaml) run by the runner's emulation of
 * the nginx image: one nginx per node, each serving that node's recordings folder on its pod IP,
 * found through the headless Service's EndpointSlices, with Range reads and WebDAV DELETE.
 */
@WithControlPlane
class FileServerManifestTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void servesAndDeletesEachNodesRecordingsOnItsPodIp(ControlPlane controlPlane, KubernetesClient client,
            TestNamespace ns) throws Exception {
        LocalNodeRunner runner = SharedRunner.forNamespace(ns.name());
        Path manifest = SharedRunner.repoRoot().resolve("src-test-e2e/cluster/manifests/file-server.yaml");
        controlPlane.kubectl("apply", "-n", ns.name(), "-f", manifest.toString());

        Map<String, String> ipByNode = await().atMost(Duration.ofSeconds(60)).until(() -> readyEndpoints(client),
                endpoints -> endpoints.keySet().containsAll(List.of("node-a", "node-b", "jetson-1")));
        List<Pod> pods = client.pods().withLabel("component", "file-server").list().getItems();
        assertThat(pods).hasSize(3).allMatch(LocalNodeRunnerTest::ready);

        String camera = "cam-" + UUID.randomUUID();
        Path onNodeB = runner.nodePath("node-b", "/data/falcon-eye/recordings").resolve(camera).resolve("seg-1.mp4");
        Files.createDirectories(onNodeB.getParent());
        Files.write(onNodeB, "0123456789".getBytes());
        String path = "/" + camera + "/seg-1.mp4";

        HttpResponse<String> whole = send(ipByNode.get("node-b"), "GET", path, null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo("0123456789");
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("video/mp4");
        HttpResponse<String> range = send(ipByNode.get("node-b"), "GET", path, "bytes=2-4");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo("234");
        assertThat(send(ipByNode.get("node-a"), "GET", path, null).statusCode()).isEqualTo(404);
        assertThat(send(ipByNode.get("node-a"), "DELETE", path, null).statusCode()).isEqualTo(404);

        assertThat(send(ipByNode.get("node-b"), "DELETE", path, null).statusCode()).isEqualTo(204);
        assertThat(onNodeB).doesNotExist();

        controlPlane.kubectl("delete", "-n", ns.name(), "-f", manifest.toString(), "--wait=false");
        await().atMost(Duration.ofSeconds(60)).until(() -> !LocalNodeRunnerTest.listening(ipByNode.get("node-b"), 8080));
    }

    private static Map<String, String> readyEndpoints(KubernetesClient client) {
        return client.discovery().v1().endpointSlices().withLabel("kubernetes.io/service-name", "falcon-eye-file-server")
                .list().getItems().stream()
                .flatMap(s -> s.getEndpoints() == null ? java.util.stream.Stream.<Endpoint>empty() : s.getEndpoints().stream())
                .filter(e -> e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady()))
                .collect(Collectors.toMap(Endpoint::getNodeName, e -> e.getAddresses().get(0), (a, b) -> a));
    }

    private static HttpResponse<String> send(String ip, String method, String path, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + ip + ":8080" + path))
                .timeout(Duration.ofSeconds(5)).method(method, HttpRequest.BodyPublishers.noBody());
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
