package io.falconeye.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.falconeye.operator.api.Camera;
import io.falconeye.operator.api.Recording;
import io.falconeye.operator.api.RecordingPhase;
import io.falconeye.operator.api.RecordingStatus;
import io.falconeye.operator.cluster.RecorderClient;
import io.falconeye.operator.cluster.RecorderClient.Answer;
import io.falconeye.operator.cluster.ServiceEndpoint;
import io.falconeye.operator.cluster.ServiceEndpoints;
import io.falconeye.operator.model.Labels;
import io.falconeye.operator.model.Names;
import io.falconeye.operator.model.RecordingStatuses;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Recording -> asks the camera's recorder to start and stop, and follows it. The recorder is
 * reached by pod IP from its Service's ready EndpointSlices. Informers on the Camera, the recorder
 * pods and their EndpointSlices trigger this reconciler, so a recorder pod that disappears ends the
 * Recording as Failed at once. The finalizer exists for state outside the cluster: a recorder
 * still recording when its Recording is deleted is told to stop.
 */
@ControllerConfiguration(name = RecordingReconciler.NAME)
public class RecordingReconciler implements Reconciler<Recording>, Cleaner<Recording> {

    public static final String NAME = "recording";
    static final String BY_CAMERA = "byCamera";
    static final String CAMERAS = "recording-cameras";
    static final String PODS = "recorder-pods";
    static final String ENDPOINTS = "recorder-endpoints";
    static final Duration POLL = Duration.ofSeconds(15);
    static final Duration WAIT_FOR_RECORDER = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(RecordingReconciler.class);

    private final RecorderClient recorders;

    public RecordingReconciler(RecorderClient recorders) {
        this.recorders = recorders;
    }

    @Override
    public List<EventSource<?, Recording>> prepareEventSources(EventSourceContext<Recording> context) {
        IndexerResourceCache<Recording> recordings = context.getPrimaryCache();
        recordings.addIndexer(BY_CAMERA, r -> List.of(key(r.getMetadata().getNamespace(), r.getSpec().getCameraRef())));
        var cameras = InformerEventSourceConfiguration.from(Camera.class, Recording.class)
                .withName(CAMERAS)
                .withSecondaryToPrimaryMapper(recordingsOf(recordings, c -> c.getMetadata().getName()))
                .withPrimaryToSecondaryMapper((Recording r) -> Set.of(
                        new ResourceID(r.getSpec().getCameraRef(), r.getMetadata().getNamespace())))
                .withItemStore(new LeanItemStore<>())
                .build();
        var pods = InformerEventSourceConfiguration.from(Pod.class, Recording.class)
                .withName(PODS)
                .withLabelSelector(Labels.RECORDER_SELECTOR)
                .withSecondaryToPrimaryMapper(recordingsOf(recordings, RecordingReconciler::cameraLabel))
                .withItemStore(new LeanItemStore<>())
                .build();
        var slices = InformerEventSourceConfiguration.from(EndpointSlice.class, Recording.class)
                .withName(ENDPOINTS)
                .withLabelSelector(Labels.RECORDER_SELECTOR)
                .withSecondaryToPrimaryMapper(recordingsOf(recordings, RecordingReconciler::cameraLabel))
                .withItemStore(new LeanItemStore<>())
                .build();
        return List.of(new InformerEventSource<>(cameras, context), new InformerEventSource<>(pods, context),
                new InformerEventSource<>(slices, context));
    }

    @Override
    public UpdateControl<Recording> reconcile(Recording recording, Context<Recording> context) {
        RecordingStatus current = recording.getStatus();
        RecordingPhase phase = current == null || current.getPhase() == null ? RecordingPhase.Pending : current.getPhase();
        if (phase.isFinal()) {
            return UpdateControl.noUpdate();
        }
        Instant now = Instant.now();
        Step step = phase == RecordingPhase.Recording ? follow(recording, context, now) : start(recording, context, now);
        if (Objects.equals(step.status(), current)) {
            return step.reschedule(UpdateControl.noUpdate());
        }
        return step.reschedule(UpdateControl.patchStatus(StatusPatch.of(recording, step.status())));
    }

    private Step start(Recording recording, Context<Recording> context, Instant now) {
        if (recording.getSpec().isStop()) {
            return Step.done(RecordingStatuses.ended(recording, RecordingPhase.Stopped, "StoppedBeforeStart",
                    "stopped before the recorder started", now));
        }
        String cameraName = recording.getSpec().getCameraRef();
        Optional<Camera> camera = context.getSecondaryResourcesAsStream(Camera.class)
                .filter(c -> c.getMetadata().getName().equals(cameraName)).findFirst();
        if (camera.isEmpty()) {
            return Step.done(RecordingStatuses.pending(recording, "CameraNotFound",
                    "camera " + cameraName + " does not exist", now));
        }
        if (!camera.get().getSpec().isEnabled()) {
            return Step.done(RecordingStatuses.pending(recording, "CameraStopped",
                    "camera " + cameraName + " is disabled", now));
        }
        Optional<Recording> holder = activeBefore(recording, context);
        if (holder.isPresent()) {
            return Step.done(RecordingStatuses.ended(recording, RecordingPhase.Failed, "CameraBusy",
                    "camera " + cameraName + " is already being recorded by Recording " + holder.get().getMetadata().getName(),
                    now));
        }
        List<ServiceEndpoint> ready = recorderEndpoints(context, recording.getMetadata().getNamespace(), cameraName);
        if (ready.isEmpty()) {
            return Step.after(RecordingStatuses.pending(recording, "RecorderNotReady",
                    "waiting for the recorder of camera " + cameraName + " to become ready", now), WAIT_FOR_RECORDER);
        }
        ServiceEndpoint recorder = ready.get(0);
        String id = recording.getMetadata().getUid();
        Answer answer;
        try {
            answer = recorders.start(recorder.baseUri(), id);
            if (answer.conflict()) {
                Answer status = recorders.status(recorder.baseUri());
                if (status.status() == null || !status.status().isRecording(id)) {
                    return Step.done(RecordingStatuses.ended(recording, RecordingPhase.Failed, "RecorderBusy",
                            "the recorder of camera " + cameraName + " is already recording something else", now));
                }
                answer = status; // this Recording was started before an operator restart: adopt it
            }
        } catch (RecorderClient.Unreachable e) {
            LOG.debugf("Recording %s/%s: %s", recording.getMetadata().getNamespace(), recording.getMetadata().getName(),
                    e.getMessage());
            return waitForRecorder(recording, cameraName, "not answering", now);
        }
        if (answer.code() / 100 == 5) {
            return waitForRecorder(recording, cameraName, "HTTP " + answer.code(), now);
        }
        if (!answer.ok()) {
            throw new IllegalStateException("recorder refused to start (HTTP " + answer.code() + ")");
        }
        var reported = answer.status();
        String startedAt = reported != null && reported.startTime() != null ? reported.startTime()
                : RecordingStatuses.timestamp(now);
        return Step.after(RecordingStatuses.recording(recording, startedAt, recorder.nodeName(), recorder.podName(),
                reported == null ? null : firstNonNull(reported.filePath(), reported.fileName()),
                reported == null ? null : reported.segments(), reported == null ? null : reported.bytes(), now),
                nextCheck(recording, startedAt, now));
    }

    /**
     * The recorder pod is ready but its process does not take the start: stay Pending and try
     * again after a short back-off (JOSDK's error retry would give up after ~18 s, and the
     * Recording would never start). There is no upper bound on purpose: the recorder belongs to
     * the Camera, whose status already reports a recorder that does not come up (creating
     * timeout); a Recording failing on its own would have to be re-created by hand once the
     * recorder is back, while a waiting one starts by itself. It stops waiting when its Camera is
     * deleted or disabled (CameraNotFound / CameraStopped), on spec.stop, or when it is deleted.
     */
    private static Step waitForRecorder(Recording recording, String cameraName, String why, Instant now) {
        RecordingStatus waiting = RecordingStatuses.waitingForRecorder(recording, Names.recorderService(cameraName),
                why, now);
        return Step.after(waiting, RecordingStatuses.retryAfter(waiting, now));
    }

    private Step follow(Recording recording, Context<Recording> context, Instant now) {
        RecordingStatus status = recording.getStatus();
        String podName = status.getRecorderPod();
        var pods = (InformerEventSource<Pod, Recording>) context.eventSourceRetriever().getEventSourceFor(Pod.class, PODS);
        Optional<Pod> pod = pods.get(new ResourceID(podName, recording.getMetadata().getNamespace()));
        if (pod.isEmpty() || pod.get().getMetadata().getDeletionTimestamp() != null) {
            return Step.done(RecordingStatuses.ended(recording, RecordingPhase.Failed, "RecorderGone",
                    "recorder pod " + podName + " disappeared during the recording", now));
        }
        Optional<ServiceEndpoint> recorder = recorderEndpoints(context, recording.getMetadata().getNamespace(), recording.getSpec().getCameraRef()).stream()
                .filter(e -> podName.equals(e.podName())).findFirst();
        if (recorder.isEmpty()) {
            // The pod is there but not ready right now; look again soon.
            return Step.after(status, WAIT_FOR_RECORDER);
        }
        if (recording.getSpec().isStop()) {
            stop(recorder.get());
            return Step.done(RecordingStatuses.ended(recording, RecordingPhase.Stopped, "StopRequested",
                    "stopped on request", now));
        }
        if (durationReached(recording, status.getStartedAt(), now)) {
            stop(recorder.get());
            return Step.done(RecordingStatuses.ended(recording, RecordingPhase.Completed, "DurationReached",
                    "recorded for " + recording.getSpec().getDurationSeconds() + " s", now));
        }
        Answer answer = recorders.status(recorder.get().baseUri());
        var reported = answer.status();
        if (!answer.ok() || reported == null) {
            throw new IllegalStateException("recorder status failed (HTTP " + answer.code() + ")");
        }
        if (!reported.isRecording(recording.getMetadata().getUid())) {
            return Step.done(RecordingStatuses.ended(recording, RecordingPhase.Failed, "RecorderStopped",
                    "the recorder is no longer recording (its status is " + reported.status() + ")", now));
        }
        return Step.after(RecordingStatuses.recording(recording, status.getStartedAt(), status.getNodeName(), podName,
                firstNonNull(reported.filePath(), reported.fileName(), status.getCurrentFile()),
                firstNonNull(reported.segments(), status.getSegments()), firstNonNull(reported.bytes(), status.getBytes()),
                now), nextCheck(recording, status.getStartedAt(), now));
    }

    @Override
    public DeleteControl cleanup(Recording recording, Context<Recording> context) {
        RecordingStatus status = recording.getStatus();
        if (status == null || status.getPhase() != RecordingPhase.Recording) {
            return DeleteControl.defaultDelete();
        }
        Optional<ServiceEndpoint> recorder = recorderEndpoints(context, recording.getMetadata().getNamespace(), recording.getSpec().getCameraRef()).stream()
                .filter(e -> Objects.equals(status.getRecorderPod(), e.podName())).findFirst();
        if (recorder.isPresent()) {
            stop(recorder.get());
        } else {
            LOG.infof("Recording %s/%s deleted while its recorder pod %s is gone; nothing to stop",
                    recording.getMetadata().getNamespace(), recording.getMetadata().getName(), status.getRecorderPod());
        }
        return DeleteControl.defaultDelete();
    }

    @Override
    public ErrorStatusUpdateControl<Recording> updateErrorStatus(Recording recording, Context<Recording> context,
            Exception e) {
        RecordingStatus current = recording.getStatus();
        if (current != null && current.getPhase() != null && current.getPhase().isFinal()) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        RecordingStatus failed = current != null && current.getPhase() == RecordingPhase.Recording
                ? current : RecordingStatuses.pending(recording, "RecorderError", ErrorMessages.of(e), Instant.now());
        if (current != null && current.getPhase() == RecordingPhase.Recording) {
            failed.setMessage("recorder not reachable: " + ErrorMessages.of(e));
        }
        if (Objects.equals(failed, current)) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        return ErrorStatusUpdateControl.patchStatus(StatusPatch.of(recording, failed));
    }

    private void stop(ServiceEndpoint recorder) {
        Answer answer = recorders.stop(recorder.baseUri());
        // 409: the recorder is idle already, which is what stopping wants.
        if (!answer.ok() && !answer.conflict()) {
            throw new IllegalStateException("recorder refused to stop (HTTP " + answer.code() + ")");
        }
    }

    /** The Recording that holds the camera before this one: one already recording, or an older pending one. */
    private static Optional<Recording> activeBefore(Recording recording, Context<Recording> context) {
        Comparator<Recording> age = Comparator
                .comparing((Recording r) -> r.getMetadata().getCreationTimestamp())
                .thenComparing(r -> r.getMetadata().getName());
        return context.getPrimaryCache()
                .byIndex(BY_CAMERA, key(recording.getMetadata().getNamespace(), recording.getSpec().getCameraRef()))
                .stream()
                .filter(other -> !other.getMetadata().getUid().equals(recording.getMetadata().getUid()))
                .filter(other -> other.getMetadata().getDeletionTimestamp() == null)
                .filter(other -> {
                    RecordingPhase p = other.getStatus() == null || other.getStatus().getPhase() == null
                            ? RecordingPhase.Pending : other.getStatus().getPhase();
                    return p == RecordingPhase.Recording
                            || (p == RecordingPhase.Pending && !other.getSpec().isStop() && age.compare(other, recording) < 0);
                })
                .findFirst();
    }

    /**
     * Ready recorder endpoints, from the informers' caches: the recorder Service's EndpointSlices,
     * else its ready pods (see {@link ServiceEndpoints}).
     */
    @SuppressWarnings("unchecked")
    private static List<ServiceEndpoint> recorderEndpoints(Context<Recording> context, String namespace, String cameraName) {
        String service = Names.recorderService(cameraName);
        var sliceCache = (InformerEventSource<EndpointSlice, Recording>) context.eventSourceRetriever()
                .getEventSourceFor(EndpointSlice.class, ENDPOINTS);
        List<EndpointSlice> slices = sliceCache.list(namespace,
                        s -> service.equals(s.getMetadata().getLabels().get(ServiceEndpoints.SERVICE_NAME_LABEL)))
                .collect(Collectors.toList());
        List<ServiceEndpoint> ready = ServiceEndpoints.readyIn(slices, "http", Names.RECORDER_PORT);
        if (!ready.isEmpty()) {
            return ready;
        }
        var podCache = (InformerEventSource<Pod, Recording>) context.eventSourceRetriever()
                .getEventSourceFor(Pod.class, PODS);
        List<Pod> pods = podCache.list(namespace, p -> cameraName.equals(cameraLabel(p))).collect(Collectors.toList());
        return ServiceEndpoints.readyPods(pods, "http", Names.RECORDER_PORT);
    }

    private static boolean durationReached(Recording recording, String startedAt, Instant now) {
        Long duration = recording.getSpec().getDurationSeconds();
        return duration != null && startedAt != null && !now.isBefore(parse(startedAt).plusSeconds(duration));
    }

    private static Duration nextCheck(Recording recording, String startedAt, Instant now) {
        Long duration = recording.getSpec().getDurationSeconds();
        if (duration == null || startedAt == null) {
            return POLL;
        }
        Duration left = Duration.between(now, parse(startedAt).plusSeconds(duration));
        return left.isNegative() ? Duration.ofMillis(100) : left.compareTo(POLL) < 0 ? left.plusMillis(50) : POLL;
    }

    private static Instant parse(String timestamp) {
        try {
            return Instant.parse(timestamp);
        } catch (RuntimeException e) {
            // The recorder may report a local time without a zone; it writes UTC.
            return java.time.LocalDateTime.parse(timestamp.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC);
        }
    }

    private static String cameraLabel(HasMetadata resource) {
        return resource.getMetadata().getLabels() == null ? null
                : resource.getMetadata().getLabels().get(Labels.K8S_INSTANCE);
    }

    private static String key(String namespace, String camera) {
        return namespace + "/" + camera;
    }

    private static <R extends HasMetadata> SecondaryToPrimaryMapper<R> recordingsOf(
            IndexerResourceCache<Recording> recordings, java.util.function.Function<R, String> cameraName) {
        return resource -> {
            String camera = cameraName.apply(resource);
            if (camera == null) {
                return Set.of();
            }
            return recordings.byIndex(BY_CAMERA, key(resource.getMetadata().getNamespace(), camera)).stream()
                    .map(ResourceID::fromResource)
                    .collect(Collectors.toSet());
        };
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** The next status and when to look again (null: only on events). */
    record Step(RecordingStatus status, Duration recheck) {
        static Step done(RecordingStatus status) {
            return new Step(status, null);
        }

        static Step after(RecordingStatus status, Duration recheck) {
            return new Step(status, recheck);
        }

        UpdateControl<Recording> reschedule(UpdateControl<Recording> control) {
            return recheck == null ? control : control.rescheduleAfter(recheck);
        }
    }
}
