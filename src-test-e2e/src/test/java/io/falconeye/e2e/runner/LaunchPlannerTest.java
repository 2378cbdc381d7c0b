package io.falconeye.e2e.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Env resolution, path rewriting and command lines, without a cluster. */
class LaunchPlannerTest {

    private static final ClusterObjects OBJECTS = new ClusterObjects() {
        @Override
        public Optional<Secret> secret(String namespace, String name) {
            return "cam-secret".equals(name) ? Optional.of(new SecretBuilder()
                    .addToData("password", "cGFzcw==").build()) : Optional.empty();
        }

        @Override
        public Optional<ConfigMap> configMap(String namespace, String name) {
            return "settings".equals(name) ? Optional.of(new ConfigMapBuilder()
                    .addToData("MODE", "fast").build()) : Optional.empty();
        }
    };

    private final Pod pod = new PodBuilder().withNewMetadata().withName("rec-1").withNamespace("cams").withUid("u-1")
            .endMetadata().withNewSpec().withNodeName("node-b").endSpec()
            .withNewStatus().withPodIP("198.18.2.7").endStatus().build();

    @Test
    void resolvesSecretConfigMapAndDownwardApiValues() {
        Container container = new ContainerBuilder()
                .addNewEnv().withName("CAMERA_PASSWORD").withNewValueFrom().withNewSecretKeyRef("password", "cam-secret", false)
                    .endValueFrom().endEnv()
                .addNewEnv().withName("MODE").withNewValueFrom().withNewConfigMapKeyRef("MODE", "settings", false)
                    .endValueFrom().endEnv()
                .addNewEnv().withName("TOKEN").withNewValueFrom().withNewSecretKeyRef("token", "absent", true)
                    .endValueFrom().endEnv()
                .addNewEnv().withName("NODE_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("spec.nodeName")
                    .endFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("WHERE").withValue("$(NODE_NAME)/$(UNSET)/$$(NODE_NAME)").endEnv()
                .build();
        Map<String, String> env = new EnvResolver(OBJECTS).resolve(pod, container);
        assertThat(env).containsEntry("CAMERA_PASSWORD", "pass").containsEntry("MODE", "fast")
                .containsEntry("NODE_NAME", "node-b").containsEntry("WHERE", "node-b/$(UNSET)/$(NODE_NAME)")
                .doesNotContainKey("TOKEN");
    }

    @Test
    void aMissingSecretIsAConfigErrorNamingIt() {
        Container container = new ContainerBuilder().addNewEnv().withName("X").withNewValueFrom()
                .withNewSecretKeyRef("k", "nowhere", false).endValueFrom().endEnv().build();
        assertThatThrownBy(() -> new EnvResolver(OBJECTS).resolve(pod, container))
                .isInstanceOf(PodSetupException.class).hasMessageContaining("nowhere");
    }

    @Test
    void rewritesMountedPathsAndBindsThePodIp() {
        PathRewriter mounts = new PathRewriter(Map.of("/recordings", Path.of("/state/nodes/node-b/data/rec"),
                "/recordings/special", Path.of("/elsewhere")));
        Container container = new ContainerBuilder().withName("recorder").withArgs("--out=/x", "/recordings/a.mp4").build();
        ImageEntry image = new ImageEntry("falcon-eye/recorder", List.of("java", "-jar", "r.jar"), List.of("ignored"), null);
        LaunchSpec spec = LaunchPlanner.plan(pod, container, image,
                Map.of("RECORDINGS_PATH", "/recordings", "OTHER", "/recordingsX", "S", "/recordings/special/1"),
                mounts, Path.of("/state/pods/p"), Map.of("PATH", "/usr/bin", "SECRET_OF_HOST", "x"));
        assertThat(spec.command()).containsExactly("java", "-jar", "r.jar", "--out=/x", "/state/nodes/node-b/data/rec/a.mp4");
        assertThat(spec.env()).containsEntry("RECORDINGS_PATH", "/state/nodes/node-b/data/rec")
                .containsEntry("OTHER", "/recordingsX").containsEntry("S", "/elsewhere/1")
                .containsEntry("BIND_ADDRESS", "198.18.2.7").containsEntry("HOSTNAME", "rec-1")
                .containsEntry("PATH", "/usr/bin").doesNotContainKey("SECRET_OF_HOST");
    }

    @Test
    void aPodsCommandReplacesTheEntrypointAndItsCmd() {
        ImageEntry image = new ImageEntry("x", List.of("entry"), List.of("default-arg"), null);
        PathRewriter none = new PathRewriter(Map.of());
        Container own = new ContainerBuilder().withCommand("sh", "-c").build();
        assertThat(LaunchPlanner.plan(pod, own, image, Map.of(), none, Path.of("/p"), Map.of()).command())
                .containsExactly("sh", "-c");
        assertThat(LaunchPlanner.plan(pod, new ContainerBuilder().build(), image, Map.of(), none, Path.of("/p"), Map.of())
                .command()).containsExactly("entry", "default-arg");
    }

    @Test
    void rewritesMountPathsInsideConfigFilesAndSubstitutesOnlyDefinedVariables() {
        PathRewriter mounts = new PathRewriter(Map.of("/recordings", Path.of("/n/b/rec")));
        String rendered = mounts.rewriteText(NginxImage.envsubst(
                "listen ${POD_IP}:8080;\nroot /recordings;\nalias /recordings/x; # /recordingsX $uri\n",
                Map.of("POD_IP", "198.18.1.4")));
        assertThat(rendered).isEqualTo("listen 198.18.1.4:8080;\nroot /n/b/rec;\nalias /n/b/rec/x; # /recordingsX $uri\n");
    }
}
