package io.falconeye.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.CameraStatus;
import io.falconeye.operator.config.ApiConfig;
import io.falconeye.operator.config.FalconEyeConfig;
import io.falconeye.operator.model.CameraStatuses;
import io.falconeye.operator.model.Labels;
import io.falconeye.operator.model.Names;
import io.falconeye.operator.model.WorkloadState;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Camera -> relay and recorder Deployments and Services (managed dependents, server-side apply),
 * then the status from those Deployments and their pods ({@link WorkloadState}). Owned objects
 * carry owner references, so deleting a Camera is garbage collection's job: no finalizer.
 */
// Not generation-aware: the restart annotation (metadata only) must reach the pod template.
@ControllerConfiguration(name = CameraReconciler.NAME, generationAwareEventProcessing = false)
@Workflow(dependents = {
        @Dependent(name = RelayDeploymentDependent.NAME, type = RelayDeploymentDependent.class,
                reconcilePrecondition = CameraEnabled.class, readyPostcondition = WorkloadAvailable.class),
        @Dependent(name = RelayServiceDependent.NAME, type = RelayServiceDependent.class,
                reconcilePrecondition = CameraEnabled.class, dependsOn = RelayDeploymentDependent.NAME),
        @Dependent(name = RecorderDeploymentDependent.NAME, type = RecorderDeploymentDependent.class,
                reconcilePrecondition = CameraEnabled.class, readyPostcondition = WorkloadAvailable.class),
        @Dependent(name = RecorderServiceDependent.NAME, type = RecorderServiceDependent.class,
                reconcilePrecondition = CameraEnabled.class, dependsOn = RecorderDeploymentDependent.NAME),
})
public class CameraReconciler implements Reconciler<Camera> {

    public static final String NAME = "camera";
    static final String PODS = "camera-pods";

    @Inject
    FalconEyeConfig config;

    @Inject
    ApiConfig api;

    private final StartingStepHold startingSteps = new StartingStepHold();

    @Override
    public List<EventSource<?, Camera>> prepareEventSources(EventSourceContext<Camera> context) {
        var pods = InformerEventSourceConfiguration.from(Pod.class, Camera.class)
                .withName(PODS)
                .withLabelSelector(Labels.MANAGED_SELECTOR)
                .withSecondaryToPrimaryMapper(new CameraLabelMapper<>())
                .withOnUpdateFilter(CameraReconciler::readinessOrPlacementChanged)
                .withItemStore(new LeanItemStore<>())
                .build();
        return List.of(new InformerEventSource<>(pods, context), SettingsEventSource.create(context, api));
    }

    @Override
    public UpdateControl<Camera> reconcile(Camera camera, Context<Camera> context) {
        Set<Pod> pods = context.getSecondaryResources(Pod.class);
        WorkloadState relay = asTheWorkflowSawIt(context, RelayDeploymentDependent.class,
                WorkloadState.of(deployment(context, Names.relayDeployment(camera)), pods));
        WorkloadState recorder = asTheWorkflowSawIt(context, RecorderDeploymentDependent.class,
                WorkloadState.of(deployment(context, Names.recorderDeployment(camera)), pods));
        Duration timeout = SettingsEventSource.of(context, config).creatingTimeout();
        Instant now = Instant.now();
        CameraStatus desired = CameraStatuses.desired(camera, relay, recorder, relayNode(camera, pods), now, timeout);
        Optional<Duration> held = startingSteps.holdBack(ResourceID.fromResource(camera), camera.getStatus(), desired, now);
        UpdateControl<Camera> control = held.isPresent() || Objects.equals(desired, camera.getStatus())
                ? UpdateControl.noUpdate() : UpdateControl.patchStatus(StatusPatch.of(camera, desired));
        Stream.of(held, CameraStatuses.recheckAfter(desired, timeout, now))
                .flatMap(Optional::stream)
                .min(Comparator.naturalOrder())
                .ifPresent(control::rescheduleAfter);
        return control;
    }

    @Override
    public ErrorStatusUpdateControl<Camera> updateErrorStatus(Camera camera, Context<Camera> context, Exception e) {
        CameraStatus failed = CameraStatuses.failed(camera, ErrorMessages.of(e), Instant.now());
        if (Objects.equals(failed, camera.getStatus())) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        return ErrorStatusUpdateControl.patchStatus(StatusPatch.of(camera, failed));
    }

    /**
     * A pod can turn Ready between the workflow's look ({@link WorkloadAvailable}) and this one; its
     * Service is then made by the next reconcile, which that pod's event brings. Until then the
     * workload counts as not available, so a Ready camera always has its Services.
     */
    private static WorkloadState asTheWorkflowSawIt(Context<Camera> context, Class<?> deploymentDependent,
            WorkloadState state) {
        boolean notReadyToTheWorkflow = context.managedWorkflowAndDependentResourceContext().getWorkflowReconcileResult()
                .map(result -> result.getNotReadyDependents().stream().anyMatch(deploymentDependent::isInstance))
                .orElse(false);
        return notReadyToTheWorkflow ? state.notYetAvailable() : state;
    }

    private static Optional<Deployment> deployment(Context<Camera> context, String name) {
        return context.getSecondaryResourcesAsStream(Deployment.class)
                .filter(d -> name.equals(d.getMetadata().getName()))
                .findFirst();
    }

    /**
     * A camera pod matters to its Camera for whether it is ready (the workload is available) and,
     * for a relay pod, where it runs (status.nodeName). Its other status updates, several per start,
     * reconcile nothing.
     */
    static boolean readinessOrPlacementChanged(Pod newPod, Pod oldPod) {
        return WorkloadState.isReady(newPod) != WorkloadState.isReady(oldPod)
                || (isRelayPod(newPod) && !Objects.equals(newPod.getSpec().getNodeName(), oldPod.getSpec().getNodeName()))
                || !Objects.equals(newPod.getMetadata().getDeletionTimestamp(), oldPod.getMetadata().getDeletionTimestamp());
    }

    private static boolean isRelayPod(Pod pod) {
        return Labels.COMPONENT_CAMERA.equals(pod.getMetadata().getLabels().get(Labels.COMPONENT));
    }

    private static String relayNode(Camera camera, Set<Pod> pods) {
        if (!camera.getSpec().isEnabled()) {
            return null;
        }
        Map<String, String> relayPods = Labels.relaySelector(camera);
        return pods.stream()
                .filter(p -> Labels.selects(relayPods, p))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .map(p -> p.getSpec().getNodeName())
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }
}
