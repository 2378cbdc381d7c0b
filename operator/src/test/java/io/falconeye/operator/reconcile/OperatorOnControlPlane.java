package io.falconeye.operator.reconcile;

import io.fabric8.kubernetes.client.Config;
import io.falconeye.testsupport.kube.ControlPlane;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Runs the operator under test against the real local control plane with its own identity: the
 * committed CRDs and RBAC are applied, and the operator's client gets a kubeconfig with a token of
 * its ServiceAccount, never admin rights. Placement settings of the tests: DEFAULT_CAMERA_NODE=node-b,
 * JETSON_NODES=jetson-1 (as environment); the settings ConfigMap is read from the test namespace.
 */
public class OperatorOnControlPlane implements QuarkusTestResourceLifecycleManager {

    public static final String DEFAULT_CAMERA_NODE = "node-b";
    /** Tests read the namespace they work in from this property. */
    public static final String TEST_NAMESPACE_PROPERTY = "falcon-eye-test.namespace";

    private String testNamespace;
    private String previousKubeconfig;

    @Override
    public Map<String, String> start() {
        ControlPlane controlPlane = ControlPlane.shared();
        installCrdsAndRbac(controlPlane);
        Config operator = controlPlane.operatorConfig();
        // The control plane is shared with other test runs (and their operators): this operator
        // watches only its own test namespace, so neither disturbs the other.
        String namespace = "op-test-" + UUID.randomUUID().toString().substring(0, 6);
        controlPlane.kubectl("create", "namespace", namespace);
        controlPlane.kubectl("label", "namespace", namespace, "falcon-eye.io/test=true");
        testNamespace = namespace;
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.operator-sdk.namespaces", namespace);
        properties.put(TEST_NAMESPACE_PROPERTY, namespace);
        // quarkus.kubernetes-client.* is fixed at build time, so a test cannot set the server or
        // token through properties: the client takes them from the kubeconfig fabric8 finds, which
        // is this one (the ServiceAccount's token only) instead of the admin's named by KUBECONFIG.
        previousKubeconfig = System.setProperty("kubeconfig", serviceAccountKubeconfig(operator).toString());
        properties.put("falcon-eye.default-camera-node", DEFAULT_CAMERA_NODE);
        properties.put("falcon-eye.jetson-nodes", "jetson-1");
        // the settings ConfigMap of this operator lives in its own test namespace
        properties.put("falcon-eye.api.namespace", namespace);
        return properties;
    }

    private static Path serviceAccountKubeconfig(Config operator) {
        String authority = operator.getCaCertData() != null
                ? "certificate-authority-data: " + operator.getCaCertData()
                : "certificate-authority: " + operator.getCaCertFile();
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: local
                  cluster:
                    server: %s
                    %s
                users:
                - name: %s
                  user:
                    token: %s
                contexts:
                - name: operator
                  context:
                    cluster: local
                    user: %s
                    namespace: %s
                current-context: operator
                """.formatted(operator.getMasterUrl(), authority, ControlPlane.OPERATOR_SERVICE_ACCOUNT,
                operator.getOauthToken(), ControlPlane.OPERATOR_SERVICE_ACCOUNT, ControlPlane.OPERATOR_NAMESPACE);
        try {
            Path file = Files.createTempFile("operator-kubeconfig-", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, kubeconfig);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies crds/ and the operator's RBAC (idempotent), and waits until the CRDs are served. */
    public static void installCrdsAndRbac(ControlPlane controlPlane) {
        Path crds = Path.of("..", "crds").toAbsolutePath().normalize();
        Path rbac = Path.of("src", "main", "kubernetes", "rbac.yaml").toAbsolutePath();
        controlPlane.kubectl("apply", "--server-side", "--force-conflicts", "-f", crds.toString());
        controlPlane.kubectl("wait", "--for=condition=Established", "--timeout=60s",
                "crd/cameras.falcon-eye.io", "crd/recordings.falcon-eye.io");
        controlPlane.installOperatorRbac(rbac);
    }

    @Override
    public void stop() {
        if (previousKubeconfig == null) {
            System.clearProperty("kubeconfig");
        } else {
            System.setProperty("kubeconfig", previousKubeconfig);
        }
        if (testNamespace != null) {
            // The operator has stopped by now, so nobody would remove the Recordings' finalizers.
            ControlPlane controlPlane = ControlPlane.shared();
            for (String recording : controlPlane.kubectlResult("get", "recordings", "-n", testNamespace, "-o", "name")
                    .stdout().lines().filter(l -> !l.isBlank()).toList()) {
                controlPlane.kubectlResult("patch", "-n", testNamespace, recording, "--type=merge",
                        "-p", "{\"metadata\":{\"finalizers\":null}}");
            }
            controlPlane.kubectlResult("delete", "namespace", testNamespace, "--wait=false");
        }
    }
}
