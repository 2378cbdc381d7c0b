package io.falconeye.e2e.flow;

import io.falconeye.e2e.runner.SharedRunner;
import io.falconeye.testsupport.kube.ControlPlane;
import io.falconeye.testsupport.kube.TestLogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built operator ({@code operator/target/quarkus-app}) as its own process, configured as a
 * user of the local cluster would (JETSON_NODES=jetson-1), with the token of its ServiceAccount and
 * the RBAC it ships with (never as admin), watching one test namespace so other test runs on the
 * same control plane are left alone. Stoppable and startable again, as an operator restart is.
 */
final class OperatorProcess implements AutoCloseable {

    private final Path jar;
    private final Path log;
    private final Map<String, String> env;
    private Process process;

    private OperatorProcess(Path jar, Path log, Map<String, String> env) {
        this.jar = jar;
        this.log = log;
        this.env = env;
    }

    static OperatorProcess start(ControlPlane controlPlane, String namespace) {
        return start(controlPlane, namespace, 0, Map.of());
    }

    /** With the API on 127.0.0.1:{@code apiPort} (0: any) and {@code extraEnv} (database settings, ...). */
    static OperatorProcess start(ControlPlane controlPlane, String namespace, int apiPort, Map<String, String> extraEnv) {
        Path repo = SharedRunner.repoRoot();
        Path jar = repo.resolve("operator/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the operator is not built (" + jar + "); run: mvn -pl operator -am install -DskipTests");
        }
        Path log = repo.resolve("src-test-e2e/target/operator-" + namespace + ".log");
        TestLogs.register(log);
        controlPlane.installOperatorRbac(repo.resolve("operator/src/main/kubernetes/rbac.yaml"));
        Map<String, String> env = new HashMap<>(ControlPlane.quarkusClientEnv(controlPlane.operatorConfig()));
        env.putAll(Map.of(
                "QUARKUS_OPERATOR_SDK_NAMESPACES", namespace,
                "FALCON_EYE_NAMESPACE", namespace,
                "JETSON_NODES", "jetson-1",
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "QUARKUS_HTTP_PORT", String.valueOf(apiPort)));
        if (apiPort > 0) {
            env.put("FALCON_EYE_API_URL", "http://127.0.0.1:" + apiPort);
        }
        env.putAll(extraEnv);
        OperatorProcess operator = new OperatorProcess(jar, log, Map.copyOf(env));
        operator.start();
        return operator;
    }

    synchronized void start() {
        try {
            Files.createDirectories(log.getParent());
            long offset = Files.exists(log) ? Files.size(log) : 0;
            // operator/target/quarkus-app/quarkus-run.jar -> operator/src/main/jvm/jvm.options: the JVM
            // options the operator ships with.
            Path jvmOptions = jar.toAbsolutePath().getParent().getParent().getParent().resolve("src/main/jvm/jvm.options");
            ProcessBuilder builder = new ProcessBuilder(List.of("java", "@" + jvmOptions, "-jar", jar.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().remove("KUBECONFIG");
            builder.environment().putAll(env);
            process = builder.start();
            awaitStarted(offset, Duration.ofSeconds(90));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the operator", e);
        }
    }

    /** Stops the operator as a rollout would: SIGTERM, then SIGKILL after 15 s. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void awaitStarted(long offset, Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String text = Files.readString(log);
            String since = text.length() > offset ? text.substring((int) offset) : "";
            if (since.contains(" started in ")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the operator exited with " + process.exitValue() + ":\n" + tail(since));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the operator did not start within " + timeout.toSeconds() + " s; see " + log);
    }

    private static String tail(String text) {
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    @Override
    public void close() {
        stop();
    }
}
