package io.falconeye.operator.model;

import static io.falconeye.operator.model.TestCameras.camera;
import static io.falconeye.operator.model.TestCameras.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.Protocol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkloadStateTest {

    private final Camera camera = camera("door", Protocol.RTSP);
    private final Deployment relay = RelayResources.deployment(camera, config());
    private final Deployment recorder = RecorderResources.deployment(camera, config());

    @Test
    void availableOnceAPodOfTheCurrentTemplateIsReadyWhateverTheDeploymentStatusSays() {
        assertThat(relay.getStatus()).as("the Deployment controller has not written a status yet").isNull();
        assertThat(WorkloadState.of(relay, List.of(pod(relay, false))).available()).isFalse();

        WorkloadState state = WorkloadState.of(relay, List.of(pod(relay, true)));
        assertThat(state.available()).isTrue();
        assertThat(state.message()).isEqualTo("pod ready");
    }

    @Test
    void notYetAvailableTakesBackOnlyTheAvailability() {
        WorkloadState ready = WorkloadState.of(relay, List.of(pod(relay, true)));
        WorkloadState held = ready.notYetAvailable();
        assertThat(held.exists()).isTrue();
        assertThat(held.available()).isFalse();
        assertThat(held.message()).isEqualTo(WorkloadState.of(relay, List.of()).message());

        WorkloadState starting = WorkloadState.of(relay, List.of(pod(relay, false)));
        assertThat(starting.notYetAvailable()).isSameAs(starting);
    }

    @Test
    void aReadyPodOfAnEarlierTemplateIsNotAvailable() {
        Pod before = pod(relay, true);
        camera.getMetadata().setAnnotations(Map.of(Camera.RESTARTED_AT_ANNOTATION, "2026-01-01T10:00:00Z"));
        Deployment restarted = RelayResources.deployment(camera, config());

        assertThat(WorkloadState.of(restarted, List.of(before)).available()).as("the rollout is under way").isFalse();
        assertThat(WorkloadState.of(restarted, List.of(before, pod(restarted, true))).available()).isTrue();
    }

    @Test
    void aTerminatingPodIsNotAvailable() {
        Pod leaving = pod(relay, true);
        leaving.getMetadata().setDeletionTimestamp("2026-01-01T10:00:00Z");
        assertThat(WorkloadState.of(relay, List.of(leaving)).available()).isFalse();
    }

    @Test
    void onlyPodsTheDeploymentSelectsCount() {
        List<Pod> recorderUp = List.of(pod(recorder, true));
        assertThat(WorkloadState.of(relay, recorderUp).available()).isFalse();
        assertThat(WorkloadState.of(recorder, recorderUp).available()).isTrue();
    }

    @Test
    void theSameInputsGiveTheSameTemplateSoNothingRollsNeedlessly() {
        String hash = PodTemplates.hash(relay.getSpec().getTemplate().getMetadata());
        assertThat(hash).matches("[0-9a-f]{16}");
        assertThat(PodTemplates.hash(RelayResources.deployment(camera("door", Protocol.RTSP), config()).getSpec().getTemplate().getMetadata()))
                .isEqualTo(hash);
        assertThat(PodTemplates.hash(recorder.getSpec().getTemplate().getMetadata())).isNotEqualTo(hash);
        camera.getSpec().setFramerate(5);
        assertThat(PodTemplates.hash(RelayResources.deployment(camera, config()).getSpec().getTemplate().getMetadata())).isNotEqualTo(hash);
    }

    @Test
    void theHashDoesNotDependOnTheOrderMapsAreFilledIn() {
        // Map.of iterates in an order that changes from one JVM to the next (an operator restart).
        PodTemplateSpec template = relay.getSpec().getTemplate();
        template.getMetadata().getAnnotations().remove(PodTemplates.HASH_ANNOTATION);
        PodTemplateSpec reordered = new PodTemplateSpecBuilder(template).build();
        List<String> keys = new ArrayList<>(template.getMetadata().getLabels().keySet());
        Collections.reverse(keys);
        Map<String, String> labels = new LinkedHashMap<>();
        keys.forEach(key -> labels.put(key, template.getMetadata().getLabels().get(key)));
        reordered.getMetadata().setLabels(labels);

        assertThat(PodTemplates.hash(PodTemplates.withHash(reordered).getMetadata()))
                .isEqualTo(PodTemplates.hash(PodTemplates.withHash(template).getMetadata()));
    }

    @Test
    void aStuckRolloutIsAFailureEvenWithAReadyPod() {
        relay.setStatus(new DeploymentStatusBuilder()
                .addNewCondition().withType("Progressing").withStatus("False").withReason("ProgressDeadlineExceeded")
                .withMessage("ReplicaSet has timed out progressing").endCondition().build());
        WorkloadState state = WorkloadState.of(relay, List.of(pod(relay, true)));
        assertThat(state.failed()).isTrue();
        assertThat(state.available()).isFalse();
        assertThat(state.message()).isEqualTo("ReplicaSet has timed out progressing");
    }

    @Test
    void noDeploymentIsAbsent() {
        assertThat(WorkloadState.of(Optional.empty(), List.of(pod(relay, true)))).isEqualTo(WorkloadState.ABSENT);
    }

    /** A pod as the Deployment controller makes it from the Deployment's template, as kwok marks it. */
    private static Pod pod(Deployment deployment, boolean ready) {
        var template = deployment.getSpec().getTemplate();
        return new PodBuilder()
                .withNewMetadata()
                    .withName(deployment.getMetadata().getName() + "-abc12")
                    .withLabels(template.getMetadata().getLabels())
                    .withAnnotations(template.getMetadata().getAnnotations())
                .endMetadata()
                .withSpec(template.getSpec())
                .withNewStatus()
                    .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus()
                .build();
    }
}
