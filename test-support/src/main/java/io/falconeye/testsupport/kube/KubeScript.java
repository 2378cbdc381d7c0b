package io.falconeye.testsupport.kube;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code src-test-e2e/cluster/kube.sh}, found by walking up from the working directory. */
final class KubeScript {

    static final String RELATIVE_PATH = "src-test-e2e/cluster/kube.sh";

    private final Path script;

    private KubeScript(Path script) {
        this.script = script;
    }

    static KubeScript locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE_PATH);
            if (Files.isRegularFile(candidate)) {
                return new KubeScript(candidate);
            }
        }
        throw new IllegalStateException("cannot find " + RELATIVE_PATH + " above " + Path.of("").toAbsolutePath());
    }

    KubectlResult run(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        return ProcessRunner.run(command, null);
    }

    Path binary(String name) {
        KubectlResult result = run("bin", name);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(result.stderr().strip());
        }
        return Path.of(result.stdout().strip());
    }
}
