package io.falconeye.e2e.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.falconeye.e2e.runner.LocalNodeRunner;
import io.falconeye.e2e.runner.SharedRunner;
import io.falconeye.testsupport.db.PostgresServer;
import io.falconeye.testsupport.kube.ControlPlane;
import io.falconeye.testsupport.kube.TestNamespace;
import io.falconeye.testsupport.media.RtspCamera;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * Everything an end-to-end flow runs against, set up once per test class in its namespace, as
 * {@code make run} sets it up: the CRDs, the internal token Secret, the file servers, the local node
 * runner, a real RTSP camera (640x480, 10 fps), PostgreSQL and the built operator with its API on a
 * free port of 127.0.0.1.
 */
final class FalconEyeStack implements AutoCloseable {

    static final String GROUP_VERSION = "falcon-eye.io/v1alpha1";
    static final String RECORDINGS = "/data/falcon-eye/recordings";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalNodeRunner runner;
    private final RtspCamera source;
    private final OperatorProcess operator;
    private final URI api;

    private FalconEyeStack(LocalNodeRunner runner, RtspCamera source, OperatorProcess operator, URI api) {
        this.runner = runner;
        this.source = source;
        this.operator = operator;
        this.api = api;
    }

    static FalconEyeStack start(ControlPlane controlPlane, KubernetesClient client, TestNamespace ns) {
        Path repo = SharedRunner.repoRoot();
        controlPlane.kubectl("apply", "--server-side", "--force-conflicts", "-f", repo.resolve("crds").toString());
        controlPlane.kubectl("wait", "--for=condition=Established", "--timeout=60s",
                "crd/cameras.falcon-eye.io", "crd/recordings.falcon-eye.io");
        // The token recorders present to the API (the chart creates it).
        client.secrets().resource(new SecretBuilder().withNewMetadata().withName("falcon-eye-internal").endMetadata()
                .addToStringData("token", "e2e-internal-token").build()).create();
        controlPlane.kubectl("apply", "-n", ns.name(), "-f",
                repo.resolve("src-test-e2e/cluster/manifests/file-server.yaml").toString());
        LocalNodeRunner runner = SharedRunner.forNamespace(ns.name());
        RtspCamera source = RtspCamera.start(RtspCamera.Options.defaults().size(640, 480).fps(10));
        int port = RtspCamera.freePort();
        PostgresServer database = PostgresServer.shared();
        OperatorProcess operator = OperatorProcess.start(controlPlane, ns.name(), port, Map.of(
                "DATABASE_HOST", database.host(),
                "DATABASE_PORT", String.valueOf(database.port()),
                "DATABASE_USER", database.user(),
                "DATABASE_PASSWORD", database.password(),
                "DATABASE_NAME", database.database()));
        return new FalconEyeStack(runner, source, operator, URI.create("http://127.0.0.1:" + port));
    }

    LocalNodeRunner runner() {
        return runner;
    }

    RtspCamera source() {
        return source;
    }

    OperatorProcess operator() {
        return operator;
    }

    /** The API's URL of a path, e.g. {@code /api/cameras/<id>/stream}. */
    String url(String path) {
        return api.resolve(path).toString();
    }

    HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> download(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(api.resolve(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The camera's recordings in the API's list (GET /api/recordings?camera_id=), every status. */
    List<JsonNode> recordings(String cameraId) throws IOException, InterruptedException {
        JsonNode list = JSON.readTree(send("GET", "/api/recordings?camera_id=" + cameraId).body());
        return StreamSupport.stream(list.path("recordings").spliterator(), false).toList();
    }

    /** Its finished files: the rows no longer being written. */
    List<JsonNode> files(String cameraId) throws IOException, InterruptedException {
        return recordings(cameraId).stream().filter(r -> !"recording".equals(r.path("status").asText())).toList();
    }

    @Override
    public void close() {
        operator.close();
        source.close();
    }
}
