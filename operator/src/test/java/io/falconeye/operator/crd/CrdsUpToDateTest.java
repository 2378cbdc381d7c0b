package io.falconeye.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.Recording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRDs committed under crds/ must be exactly what the build generates from the Java classes.
 * After changing an api class: mvn -pl operator package -DskipTests && cp operator/target/kubernetes/*-v1.yml crds/
 */
class CrdsUpToDateTest {

    static final Path COMMITTED = Path.of("..", "crds");
    static final List<String> FILES = List.of("cameras.falcon-eye.io-v1.yml", "recordings.falcon-eye.io-v1.yml");

    @Test
    void committedCrdsEqualTheGeneratedOnes(@TempDir Path out) throws IOException {
        new CRDGenerator().inOutputDir(out.toFile()).forCRDVersions("v1")
                .customResourceClasses(Camera.class, Recording.class).generate();
        for (String file : FILES) {
            assertThat(COMMITTED.resolve(file)).as("crds/" + file + " is committed").exists();
            assertThat(Files.readString(COMMITTED.resolve(file)))
                    .as("crds/%s differs from the generated CRD: regenerate it (see this test's javadoc)", file)
                    .isEqualTo(Files.readString(out.resolve(file)));
        }
    }

    @Test
    void quarkusBuildGeneratesTheSameCrds() throws IOException {
        Path built = Path.of("target", "kubernetes");
        for (String file : FILES) {
            if (Files.exists(built.resolve(file))) {
                assertThat(Files.readString(built.resolve(file))).isEqualTo(Files.readString(COMMITTED.resolve(file)));
            }
        }
    }
}
