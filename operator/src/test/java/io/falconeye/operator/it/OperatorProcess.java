package io.falconeye.operator.it;

import io.fabric8.kubernetes.client.Config;
import io.falconeye.testsupport.kube.ControlPlane;
import io.falconeye.testsupport.kube.TestLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The packaged operator (target/quarkus-app/quarkus-run.jar) as its own process, with its own
 * ServiceAccount token, watching one namespace: something a test can kill and start again, and
 * whose memory is its own.
 */
final class OperatorProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    /** The JVM options the operator ships with (a java @argfile; see the README's run command). */
    static final Path JVM_OPTIONS = Path.of("src", "main", "jvm", "jvm.options");

    private final Process process;
    final Path log;

    private OperatorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static OperatorProcess start(String namespace, String name) throws IOException {
        return start(namespace, name, Map.of("DEFAULT_CAMERA_NODE", "node-b", "JETSON_NODES", "jetson-1"));
    }

    /** With the given placement env (DEFAULT_CAMERA_NODE, JETSON_NODES, ...). */
    static OperatorProcess start(String namespace, String name, Map<String, String> placement) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run mvn package (integration tests run after it)");
        }
        Config config = ControlPlane.shared().operatorConfig();
        Path log = Files.createTempFile("operator-" + name + "-", ".log");
        TestLogs.register(log);
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + JVM_OPTIONS, "-jar",
                JAR.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.remove("KUBECONFIG");
        env.putAll(ControlPlane.quarkusClientEnv(config));
        env.put("QUARKUS_OPERATOR_SDK_NAMESPACES", namespace);
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("QUARKUS_OPERATOR_SDK_ACTIVATE_LEADER_ELECTION_FOR_PROFILES", "none");
        env.putAll(placement);
        return new OperatorProcess(builder.start(), log);
    }

    static List<String> jvmOptions() {
        try {
            return Files.readAllLines(JVM_OPTIONS).stream().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Peak resident set size (VmHWM) in KiB, from /proc. */
    long peakRssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmHWM for " + process.pid());
    }

    /** SIGKILL: the operator gets no chance to finish what it was doing. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
