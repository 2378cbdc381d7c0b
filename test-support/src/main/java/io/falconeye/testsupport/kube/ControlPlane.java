package io.falconeye.testsupport.kube;

import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real local control plane (etcd, kube-apiserver, controller-manager, scheduler, kwok) that
 * {@code src-test-e2e/cluster/kube.sh} builds and starts. One per test JVM: reused when
 * {@code KUBECONFIG} names a running cluster (as {@code make test} arranges), otherwise started
 * here and stopped when the JVM exits.
 */
public final class ControlPlane {

    /** Namespace and name of the operator's ServiceAccount in operator/src/main/kubernetes/rbac.yaml. */
    public static final String OPERATOR_NAMESPACE = "falcon-eye";
    public static final String OPERATOR_SERVICE_ACCOUNT = "falcon-eye-operator";

    private static final Pattern EXPORT_LINE = Pattern.compile("export KUBECONFIG=(\\S+)");
    private static ControlPlane shared;

    private final KubeScript script;
    private final Path kubeconfig;
    private final Config adminConfig;
    private final KubernetesClient adminClient;

    private ControlPlane(KubeScript script, Path kubeconfig) {
        this.script = script;
        this.kubeconfig = kubeconfig;
        this.adminConfig = loadConfig(kubeconfig);
        this.adminClient = new KubernetesClientBuilder().withConfig(adminConfig).build();
    }

    /** The control plane of this test run, started on first use. */
    public static synchronized ControlPlane shared() {
        if (shared == null) {
            shared = startOrReuse();
        }
        return shared;
    }

    private static ControlPlane startOrReuse() {
        KubeScript script = KubeScript.locate();
        String given = System.getenv("KUBECONFIG");
        if (given != null && !given.isBlank() && Files.isRegularFile(Path.of(given))) {
            return new ControlPlane(script, Path.of(given));
        }
        boolean wasRunning = script.run("status").exitCode() == 0;
        KubectlResult up = script.run("up");
        if (up.exitCode() != 0) {
            throw new IllegalStateException("kube.sh up failed:\n" + up.stderr());
        }
        Matcher m = EXPORT_LINE.matcher(up.stdout());
        if (!m.find()) {
            throw new IllegalStateException("kube.sh up printed no KUBECONFIG:\n" + up.stdout());
        }
        if (!wasRunning) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> script.run("down")));
        }
        return new ControlPlane(script, Path.of(m.group(1)));
    }

    private static Config loadConfig(Path kubeconfig) {
        try {
            Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
            config.setRequestTimeout(30_000);
            return config;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read kubeconfig " + kubeconfig, e);
        }
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** A fabric8 configuration with cluster-admin rights. */
    public Config adminConfig() {
        return adminConfig;
    }

    public KubernetesClient adminClient() {
        return adminClient;
    }

    /** A client with cluster-admin rights whose default namespace is {@code namespace}. */
    public KubernetesClient adminClient(String namespace) {
        return new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(adminConfig).withNamespace(namespace).build())
                .build();
    }

    /**
     * Applies the operator's RBAC ({@code rbacYaml}, idempotent; its ServiceAccount lives in
     * {@link #OPERATOR_NAMESPACE}, created here when missing), so that tests run the operator with
     * the privileges it ships with ({@link #operatorConfig()}), never as admin.
     */
    public void installOperatorRbac(Path rbacYaml) {
        if (kubectlResult("get", "namespace", OPERATOR_NAMESPACE).exitCode() != 0) {
            kubectlResult("create", "namespace", OPERATOR_NAMESPACE);
        }
        kubectl("apply", "--server-side", "--force-conflicts", "-f", rbacYaml.toString());
    }

    /** A configuration that authenticates as the operator's ServiceAccount ({@link #installOperatorRbac}). */
    public Config operatorConfig() {
        return configForServiceAccount(OPERATOR_NAMESPACE, OPERATOR_SERVICE_ACCOUNT);
    }

    /**
     * The environment that makes a Quarkus process's Kubernetes client use exactly {@code config}'s
     * server, CA and token. The caller also removes KUBECONFIG from the process's environment: a
     * kubeconfig found there would add the admin's client certificate, which the API server prefers.
     */
    public static Map<String, String> quarkusClientEnv(Config config) {
        return Map.of(
                "KUBERNETES_AUTH_TRYKUBECONFIG", "false",
                "QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", config.getMasterUrl(),
                "QUARKUS_KUBERNETES_CLIENT_CA_CERT_DATA", config.getCaCertData(),
                "QUARKUS_KUBERNETES_CLIENT_TOKEN", config.getOauthToken(),
                "QUARKUS_KUBERNETES_CLIENT_NAMESPACE", config.getNamespace());
    }

    /**
     * A configuration that authenticates as a ServiceAccount with a bound token from the
     * TokenRequest API, so a test can run a component with its own (least) privileges.
     */
    public Config configForServiceAccount(String namespace, String name) {
        TokenRequest request = new TokenRequestBuilder()
                .withNewSpec().withExpirationSeconds(24 * 3600L).endSpec()
                .build();
        String token = adminClient.serviceAccounts().inNamespace(namespace).withName(name)
                .tokenRequest(request).getStatus().getToken();
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(adminConfig.getMasterUrl())
                .withCaCertData(adminConfig.getCaCertData())
                .withOauthToken(token)
                .withNamespace(namespace)
                .withRequestTimeout(30_000)
                .build();
    }

    /** Runs the built kubectl; fails with its stderr when it exits non-zero. */
    public String kubectl(String... args) {
        KubectlResult result = kubectlResult(args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("kubectl " + String.join(" ", args) + " failed ("
                    + result.exitCode() + "):\n" + result.stderr());
        }
        return result.stdout();
    }

    /** Runs the built kubectl and returns whatever happened, for tests that expect a rejection. */
    public KubectlResult kubectlResult(String... args) {
        return kubectlWithInput(null, args);
    }

    /** Runs the built kubectl with {@code stdin} as its standard input ({@code apply -f -}). */
    public KubectlResult kubectlWithInput(String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary("kubectl").toString());
        command.add("--kubeconfig");
        command.add(kubeconfig.toString());
        command.addAll(List.of(args));
        return ProcessRunner.run(command, stdin);
    }

    /** The path of a binary built by kube.sh: kubectl, helm, kwok, etcd, ... */
    public Path binary(String name) {
        return script.binary(name);
    }
}
