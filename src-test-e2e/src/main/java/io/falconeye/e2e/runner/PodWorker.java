package io.falconeye.e2e.runner;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet for one pod: prepares its env and volumes, runs each container as a process,
 * restarts a crashed one with back-off (1 s doubling to 30 s, reset after 10 minutes of running),
 * runs the readiness probes, writes the pod's status, and stops the processes when the pod goes.
 */
final class PodWorker {

    private static final Logger LOG = LoggerFactory.getLogger(PodWorker.class);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final Duration BACKOFF_RESET = Duration.ofMinutes(10);
    private static final Duration SETUP_RETRY = Duration.ofSeconds(2);

    private final KubernetesClient client;
    private final ScheduledExecutorService scheduler;
    private final RunnerContext context;
    private final Pod pod;
    private final String key;
    private final List<ContainerRun> runs = new ArrayList<>();
    private final Instant created = Instant.now();
    private boolean stopping;
    private ScheduledFuture<?> setupRetry;

    PodWorker(KubernetesClient client, ScheduledExecutorService scheduler, RunnerContext context, Pod pod,
            List<ImageEntry> images) {
        this.client = client;
        this.scheduler = scheduler;
        this.context = context;
        this.pod = pod;
        this.key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        List<Container> containers = pod.getSpec().getContainers();
        for (int i = 0; i < containers.size(); i++) {
            runs.add(new ContainerRun(containers.get(i), images.get(i), previousRestarts(pod, containers.get(i).getName())));
        }
    }

    String key() {
        return key;
    }

    /** The pod IP its processes bind. */
    String podIp() {
        return pod.getStatus().getPodIP();
    }

    void start() {
        scheduler.execute(this::setup);
    }

    private synchronized void setup() {
        if (stopping) {
            return;
        }
        Path podDir = VolumeLayout.podDir(context.stateDir(), pod);
        try {
            Files.createDirectories(podDir);
            for (ContainerRun run : runs) {
                Map<String, String> env = context.envResolver().resolve(pod, run.container);
                PathRewriter mounts = context.volumeLayout().materialize(pod, run.container);
                run.spec = context.services().rewrite(
                        LaunchPlanner.plan(pod, run.container, run.image, env, mounts, podDir, System.getenv()));
            }
        } catch (PodSetupException e) {
            LOG.warn("{}: {} ({}); retrying", key, e.getMessage(), e.reason());
            for (ContainerRun run : runs) {
                run.waitingReason = e.reason();
                run.waitingMessage = e.getMessage();
            }
            writeStatus();
            setupRetry = scheduler.schedule(this::setup, SETUP_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            return;
        } catch (IOException | UncheckedIOException e) {
            LOG.error("{}: cannot prepare the pod: {}", key, e.getMessage());
            setupRetry = scheduler.schedule(this::setup, SETUP_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        for (ContainerRun run : runs) {
            launch(run);
        }
    }

    private synchronized void launch(ContainerRun run) {
        if (stopping) {
            return;
        }
        Path log = context.logFile(pod, run.container.getName());
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "----- " + Instant.now() + " starting " + run.container.getName()
                    + " (restart " + run.restartCount + "): " + String.join(" ", run.spec.command()) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(ProcessGroup.wrap(run.spec.command()))
                    .directory(run.spec.workingDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Files.createDirectories(run.spec.workingDir());
            builder.environment().clear();
            builder.environment().putAll(run.spec.env());
            Process process = builder.start();
            run.process = process;
            run.startedAt = Instant.now();
            run.waitingReason = null;
            run.waitingMessage = null;
            run.ready = run.container.getReadinessProbe() == null;
            run.probeSuccesses = 0;
            run.probeFailures = 0;
            LOG.info("{}: started {} as pid {} (log {})", key, run.container.getName(), process.pid(), log);
            process.onExit().thenAcceptAsync(p -> exited(run, p), scheduler);
            scheduleProbe(run);
        } catch (IOException e) {
            LOG.error("{}: cannot start {}: {}", key, run.container.getName(), e.getMessage());
            run.process = null;
            crashed(run, 128, Instant.now(), "StartError", e.getMessage());
        }
        writeStatus();
    }

    private void scheduleProbe(ContainerRun run) {
        Probe probe = run.container.getReadinessProbe();
        if (probe == null) {
            return;
        }
        long delay = probe.getInitialDelaySeconds() == null ? 0 : probe.getInitialDelaySeconds() * 1000L;
        long period = (probe.getPeriodSeconds() == null ? 10 : Math.max(1, probe.getPeriodSeconds())) * 1000L;
        Process process = run.process;
        // The first check comes soon after start so Ready follows a fast-starting process promptly.
        run.probeTask = scheduler.scheduleWithFixedDelay(() -> probe(run, process), Math.max(delay, 500), period,
                TimeUnit.MILLISECONDS);
    }

    private void probe(ContainerRun run, Process process) {
        Probe probe = run.container.getReadinessProbe();
        String podIp = pod.getStatus().getPodIP();
        boolean passed;
        try {
            passed = ProbeCheck.passes(probe, run.container, podIp);
        } catch (IllegalArgumentException e) {
            passed = false;
        }
        synchronized (this) {
            if (stopping || run.process != process || !process.isAlive()) {
                return;
            }
            int successThreshold = probe.getSuccessThreshold() == null ? 1 : probe.getSuccessThreshold();
            int failureThreshold = probe.getFailureThreshold() == null ? 3 : probe.getFailureThreshold();
            if (passed) {
                run.probeFailures = 0;
                run.probeSuccesses++;
                if (!run.ready && run.probeSuccesses >= successThreshold) {
                    run.ready = true;
                    LOG.info("{}: {} is ready", key, run.container.getName());
                    writeStatus();
                }
            } else {
                run.probeSuccesses = 0;
                run.probeFailures++;
                if (run.ready && run.probeFailures >= failureThreshold) {
                    run.ready = false;
                    LOG.info("{}: {} is not ready (readiness probe failed {} times)", key, run.container.getName(),
                            run.probeFailures);
                    writeStatus();
                }
            }
        }
    }

    private synchronized void exited(ContainerRun run, Process process) {
        if (run.process != process) {
            return;
        }
        ProcessGroup.killGroup(process.pid());
        if (stopping) {
            return;
        }
        int code = process.exitValue();
        LOG.warn("{}: {} (pid {}) exited with {}", key, run.container.getName(), process.pid(), code);
        crashed(run, code, run.startedAt, null, null);
        writeStatus();
    }

    private void crashed(ContainerRun run, int exitCode, Instant startedAt, String reason, String message) {
        if (run.probeTask != null) {
            run.probeTask.cancel(false);
        }
        Instant now = Instant.now();
        if (run.startedAt != null && Duration.between(run.startedAt, now).compareTo(BACKOFF_RESET) >= 0) {
            run.backoff = FIRST_BACKOFF;
        }
        run.lastExitCode = exitCode;
        run.lastStartedAt = startedAt;
        run.lastFinishedAt = now;
        run.restartCount++;
        run.process = null;
        run.startedAt = null;
        run.ready = false;
        Duration delay = run.backoff;
        run.backoff = delay.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay.multipliedBy(2);
        run.waitingReason = reason == null ? "CrashLoopBackOff" : reason;
        run.waitingMessage = message != null ? message
                : "back-off " + delay.toSeconds() + "s restarting failed container=" + run.container.getName();
        run.restartTask = scheduler.schedule(() -> launch(run), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops every process of the pod: SIGTERM, the pod's grace period, SIGKILL. */
    CompletableFuture<Void> stop() {
        List<Process> processes = new ArrayList<>();
        synchronized (this) {
            if (stopping) {
                return CompletableFuture.completedFuture(null);
            }
            stopping = true;
            if (setupRetry != null) {
                setupRetry.cancel(false);
            }
            for (ContainerRun run : runs) {
                if (run.probeTask != null) {
                    run.probeTask.cancel(false);
                }
                if (run.restartTask != null) {
                    run.restartTask.cancel(false);
                }
                if (run.process != null) {
                    processes.add(run.process);
                }
            }
        }
        Long seconds = pod.getSpec().getTerminationGracePeriodSeconds();
        Duration grace = Duration.ofSeconds(seconds == null ? 30 : seconds);
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (Process process : processes) {
            stops.add(CompletableFuture.runAsync(() -> {
                ProcessGroup.terminate(process, grace);
                LOG.info("{}: stopped pid {}", key, process.pid());
            }));
        }
        return CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new));
    }

    private synchronized void writeStatus() {
        if (stopping) {
            return;
        }
        List<ContainerSnapshot> snapshots = runs.stream().map(ContainerRun::snapshot).toList();
        for (int attempt = 1; ; attempt++) {
            try {
                // Read, compute, PUT with the resourceVersion read: a concurrent writer makes it a 409 and we retry.
                Pod current = client.pods().inNamespace(pod.getMetadata().getNamespace())
                        .withName(pod.getMetadata().getName()).get();
                if (current == null || !pod.getMetadata().getUid().equals(current.getMetadata().getUid())) {
                    return;
                }
                client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(new PodBuilder(current)
                        .withStatus(PodStatuses.running(current.getStatus(), snapshots, created, Instant.now()))
                        .build()).updateStatus();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409 && attempt < 5) {
                    continue; // kwok or the controller-manager wrote the pod in between: read it again
                }
                if (e.getCode() != 404) {
                    LOG.warn("{}: cannot write the pod status: {}", key, e.getMessage());
                }
                return;
            }
        }
    }

    private static int previousRestarts(Pod pod, String container) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return 0;
        }
        return pod.getStatus().getContainerStatuses().stream().filter(s -> container.equals(s.getName()))
                .map(ContainerStatus::getRestartCount).filter(c -> c != null).findFirst().orElse(0);
    }

    /** One container's process and its kubelet-like bookkeeping; guarded by the worker's lock. */
    private static final class ContainerRun {
        final Container container;
        final ImageEntry image;
        LaunchSpec spec;
        Process process;
        Instant startedAt;
        String waitingReason = "ContainerCreating";
        String waitingMessage;
        boolean ready;
        int restartCount;
        int probeSuccesses;
        int probeFailures;
        Integer lastExitCode;
        Instant lastStartedAt;
        Instant lastFinishedAt;
        Duration backoff = FIRST_BACKOFF;
        ScheduledFuture<?> probeTask;
        ScheduledFuture<?> restartTask;

        ContainerRun(Container container, ImageEntry image, int restartCount) {
            this.container = container;
            this.image = image;
            this.restartCount = restartCount;
        }

        ContainerSnapshot snapshot() {
            return new ContainerSnapshot(container.getName(), container.getImage(),
                    process == null ? -1 : process.pid(), process == null ? null : startedAt,
                    waitingReason, waitingMessage, ready, restartCount, lastExitCode, lastStartedAt, lastFinishedAt);
        }
    }
}
