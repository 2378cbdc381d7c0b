package io.falconeye.e2e.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTableTest {

    private final ImageTable table = new ImageTable(List.of(
            new ImageEntry("falcon-eye/relay", List.of("java", "-jar", "relay.jar"), null, null),
            new ImageEntry("nginx", null, null, "nginx")));

    @Test
    void matchesARepositoryWithOrWithoutRegistryTagOrDigest() {
        assertThat(table.find("ghcr.io/falcon-eye/relay:0.1.0")).map(ImageEntry::repository).hasValue("falcon-eye/relay");
        assertThat(table.find("falcon-eye/relay")).isPresent();
        assertThat(table.find("localhost:5000/falcon-eye/relay@sha256:abcd")).isPresent();
        assertThat(table.find("nginx:1.27-alpine")).map(ImageEntry::emulatesNginx).hasValue(true);
        assertThat(table.find("docker.io/library/nginx")).isPresent();
    }

    @Test
    void leavesOtherImagesAlone() {
        assertThat(table.find("ghcr.io/falcon-eye/relay-debug:1")).isEmpty();
        assertThat(table.find("myrelay:1")).isEmpty();
        assertThat(table.find("httpd:2.4")).isEmpty();
        assertThat(table.find(null)).isEmpty();
    }

    @Test
    void repositoryOfKeepsARegistryPort() {
        assertThat(ImageTable.repositoryOf("host:5000/a/b:1.0")).isEqualTo("host:5000/a/b");
        assertThat(ImageTable.repositoryOf("host:5000/a/b")).isEqualTo("host:5000/a/b");
    }

    @Test
    void loadsTheProjectsTableWithTheCheckoutRootFilledIn() {
        Path repo = SharedRunner.repoRoot();
        ImageTable loaded = ImageTable.load(repo.resolve("src-test-e2e/cluster/local-images.yaml"), Map.of("REPO", "/co"));
        assertThat(loaded.find("ghcr.io/falcon-eye/recorder:0.1.0").orElseThrow().entrypoint())
                .endsWith("-jar", "/co/recorder-image/target/recorder.jar");
    }

    @Test
    void aBadTableSaysWhatIsWrong(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, "images:\n  - repository: x\n    entrypoint: [\"${NOPE}/x\"]\n");
        assertThatThrownBy(() -> ImageTable.load(file, Map.of())).hasMessageContaining("unknown variable ${NOPE}");
        Files.writeString(file, "images:\n  - repository: x\n");
        assertThatThrownBy(() -> ImageTable.load(file, Map.of())).hasMessageContaining("needs an entrypoint");
    }
}
