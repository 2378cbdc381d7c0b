package io.falconeye.e2e.runner;

import io.falconeye.testsupport.kube.ControlPlane;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One local node runner per test JVM, in process, with Falcon-Eye's image table and the test
 * images; its state lives in {@code target/runner-state}. It runs only the pods of the namespaces
 * tests hand it, so other test runs sharing the control plane keep theirs.
 */
public final class SharedRunner {

    private static final Set<String> NAMESPACES = ConcurrentHashMap.newKeySet();
    private static LocalNodeRunner runner;

    private SharedRunner() {}

    /** The runner, now also running the pods of {@code namespace}. */
    public static synchronized LocalNodeRunner forNamespace(String namespace) {
        NAMESPACES.add(namespace);
        return get();
    }

    private static LocalNodeRunner get() {
        if (runner == null) {
            String cidr = ControlPlane.shared().adminClient().nodes().withName("node-a").get().getSpec().getPodCIDR();
            if (cidr.startsWith("127.")) {
                throw new IllegalStateException("this control plane gives pods loopback IPs (" + cidr + "), which the API "
                        + "server refuses in EndpointSlices; it was started by an older kube.sh: restart it (make cluster-down)");
            }
            Path repo = repoRoot();
            Path testResources = testResources();
            Map<String, String> variables = Map.of("REPO", repo.toString(), "TEST_RESOURCES", testResources.toString());
            ImageTable images = ImageTable.load(repo.resolve("src-test-e2e/cluster/local-images.yaml"), variables)
                    .plus(ImageTable.load(testResources.resolve("runner/test-images.yaml"), variables));
            Path state = repo.resolve("src-test-e2e/target/runner-state");
            runner = LocalNodeRunner.start(ControlPlane.shared().adminClient(), new RunnerSettings(state, images, Set.of(), NAMESPACES::contains));
            Runtime.getRuntime().addShutdownHook(new Thread(runner::close));
        }
        return runner;
    }

    public static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("src-test-e2e/cluster/kube.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the checkout root above " + Path.of("").toAbsolutePath());
    }

    private static Path testResources() {
        try {
            return Path.of(SharedRunner.class.getResource("/runner/test-images.yaml").toURI()).getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
