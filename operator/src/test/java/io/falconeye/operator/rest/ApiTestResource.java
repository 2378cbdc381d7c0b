package io.falconeye.operator.rest;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.falconeye.testsupport.db.PostgresServer;
import io.falconeye.testsupport.kube.ControlPlane;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Runs the app against the real local control plane (CRDs applied from the repository's crds/)
 * and a real PostgreSQL, in a namespace of its own that holds the recorders' token Secret.
 */
public class ApiTestResource implements QuarkusTestResourceLifecycleManager {

    /** Fixed: test classes may see another copy of this class (Quarkus class loaders), so no random value. */
    public static final String TOKEN = "falcon-eye-test-internal-token";
    private String namespace;

    /** The namespace of the running application (read from its configuration, not from a static field). */
    public static String namespace() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("falcon-eye.api.namespace", String.class);
    }

    @Override
    public Map<String, String> start() {
        PostgresServer pg = PostgresServer.shared();
        ControlPlane cp = ControlPlane.shared();
        Path crds = Path.of("..", "crds");
        if (!Files.isDirectory(crds)) {
            throw new IllegalStateException("crds/ not found next to the operator module");
        }
        cp.kubectl("apply", "--server-side", "--force-conflicts", "-f", crds.toString());
        cp.kubectl("wait", "--for=condition=Established", "crd/cameras.falcon-eye.io", "crd/recordings.falcon-eye.io",
                "--timeout=60s");
        namespace = "t-api-" + UUID.randomUUID().toString().substring(0, 6);
        cp.adminClient().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                .addToLabels("falcon-eye.io/test", "true").endMetadata().build()).create();
        cp.adminClient().secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata()
                .withName("falcon-eye-internal").endMetadata().addToStringData("token", TOKEN).build()).create();
        System.setProperty("kubeconfig", cp.kubeconfig().toString());
        return Map.ofEntries(
                Map.entry("quarkus.kubernetes-client.devservices.enabled", "false"),
                Map.entry("quarkus.http.test-port", "0"),
                Map.entry("quarkus.http.test-host", "127.0.0.1"),
                Map.entry("quarkus.datasource.jdbc.url", pg.jdbcUrl()),
                Map.entry("quarkus.datasource.reactive.url", pg.reactiveUrl()),
                Map.entry("quarkus.datasource.username", pg.user()),
                Map.entry("quarkus.datasource.password", pg.password()),
                Map.entry("falcon-eye.api.namespace", namespace),
                Map.entry("falcon-eye-test.namespace", namespace),
                // this app reconciles (and so lists and mirrors) only its own namespace: other test apps share the cluster
                Map.entry("quarkus.operator-sdk.namespaces", namespace));
    }

    @Override
    public void stop() {
        if (namespace != null) {
            ControlPlane.shared().adminClient().namespaces().withName(namespace).delete();
        }
    }
}
