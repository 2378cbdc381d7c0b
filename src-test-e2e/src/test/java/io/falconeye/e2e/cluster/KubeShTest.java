package io.falconeye.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kube.sh as a user meets it: clear errors, and up/down that touch only their own cluster. */
class KubeShTest {

    private static final Path SCRIPT = locate();

    @TempDir
    Path temp;

    @Test
    void envWithoutARunningClusterSaysHowToStartOne() throws Exception {
        Result result = run(Map.of("FALCON_EYE_CLUSTER_DIR", temp.resolve("none").toString()), "env");

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.output).contains("no control plane is running").contains("kube.sh up");
    }

    @Test
    void buildWithoutGoNamesTheMissingToolchain() throws Exception {
        Result result = run(Map.of("FALCON_EYE_CACHE", temp.resolve("empty-cache").toString(),
                "PATH", "/usr/bin:/bin"), "build");

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.output).contains("the Go toolchain is missing");
    }

    @Test
    void unknownCommandPrintsUsage() throws Exception {
        Result result = run(Map.of(), "frobnicate");

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.output).contains("usage: kube.sh build|up|down");
    }

    @Test
    void upIsIdempotentAndDownStopsExactlyWhatUpStarted() throws Exception {
        Path state = temp.resolve("cluster");
        Map<String, String> env = Map.of("FALCON_EYE_CLUSTER_DIR", state.toString());

        Result up = run(env, "up");
        assertThat(up.exitCode).as(up.output).isZero();
        assertThat(up.output).contains("export KUBECONFIG=" + state.resolve("kubeconfig"));
        List<Long> pids = new ArrayList<>();
        try (var files = Files.list(state.resolve("pids"))) {
            for (Path pidFile : files.toList()) {
                pids.add(Long.parseLong(Files.readString(pidFile).strip()));
            }
        }
        assertThat(pids).hasSize(5).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());

        Result again = run(env, "up");
        assertThat(again.output).contains("already running");

        Result nodes = run(env, "kubectl", "get", "nodes", "--no-headers");
        assertThat(nodes.output).contains("node-a", "node-b", "jetson-1").doesNotContain("NotReady");

        Result down = run(env, "down");
        assertThat(down.exitCode).as(down.output).isZero();
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        assertThat(state).doesNotExist();
    }

    private record Result(int exitCode, String output) {}

    private static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), output);
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("src-test-e2e/cluster/kube.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("kube.sh not found");
    }
}
