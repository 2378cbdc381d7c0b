package io.falconeye.e2e.runner;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet for Falcon-Eye's own images on the local control plane's fake nodes. A pod bound
 * to one of those nodes whose every container image is in the {@link ImageTable} is annotated
 * {@value PodStatuses#RUNNER_ANNOTATION} (kwok then leaves its readiness alone), and once kwok has
 * given it a pod IP, its containers run here as processes bound to that IP. Other pods stay with
 * kwok. Closing the runner stops every process it started, and nothing else.
 *
 * <p>Run it as a program: {@code LocalNodeRunner --state DIR --images FILE [--images FILE]
 * [--nodes a,b] [--var NAME=VALUE]} with {@code KUBECONFIG} naming the cluster.
 */
public final class LocalNodeRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalNodeRunner.class);
    static final String KWOK_NODE_ANNOTATION = "kwok.x-k8s.io/node";
    static final String TEST_NAMESPACE_LABEL = "falcon-eye.io/test";

    private final KubernetesClient client;
    private final RunnerSettings settings;
    private final RunnerContext context;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService apiCalls = Executors.newSingleThreadExecutor(daemon("local-runner-api"));
    private final Map<String, PodWorker> workers = new ConcurrentHashMap<>();
    private final Map<String, Boolean> ourNodes = new ConcurrentHashMap<>();
    private final Set<String> annotating = ConcurrentHashMap.newKeySet();
    private SharedIndexInformer<Pod> informer;
    private volatile boolean closed;

    private LocalNodeRunner(KubernetesClient client, RunnerSettings settings) {
        this.client = client;
        this.settings = settings;
        ClusterObjects objects = ClusterObjects.of(client);
        this.context = new RunnerContext(settings.stateDir(), new EnvResolver(objects),
                new VolumeLayout(settings.stateDir(), objects), new ServiceProxies(client));
        this.scheduler = Executors.newScheduledThreadPool(4, daemon("local-runner"));
    }

    /** Starts watching pods; returns once the informer has synced. */
    public static LocalNodeRunner start(KubernetesClient client, RunnerSettings settings) {
        LocalNodeRunner runner = new LocalNodeRunner(client, settings);
        runner.informer = client.pods().inAnyNamespace().inform(runner.handler(), 0);
        LOG.info("local node runner: state in {}, {} image(s) run locally", settings.stateDir(),
                settings.images().entries().size());
        return runner;
    }

    public RunnerSettings settings() {
        return settings;
    }

    /** Where a hostPath of a node lives on this machine. */
    public Path nodePath(String node, String hostPath) {
        return VolumeLayout.nodePath(settings.stateDir(), node, hostPath);
    }

    /** The log file of a container of a pod (appended across restarts). */
    public Path logFile(String namespace, String pod, String container) {
        return RunnerContext.logFile(settings.stateDir(), namespace, pod, container);
    }

    /** How many pods have processes managed by this runner right now. */
    public int managedPods() {
        return workers.size();
    }

    private ResourceEventHandler<Pod> handler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                seen(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod pod) {
                seen(pod);
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                stopWorker(pod);
            }
        };
    }

    private void seen(Pod pod) {
        if (closed || !settings.namespaces().test(pod.getMetadata().getNamespace())) {
            return;
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            stopWorker(pod);
            return;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return;
        }
        Optional<List<ImageEntry>> images = images(pod);
        if (images.isEmpty()) {
            return;
        }
        String node = pod.getSpec().getNodeName();
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        if (annotations == null || !annotations.containsKey(PodStatuses.RUNNER_ANNOTATION)) {
            // Annotated as soon as it exists, before the scheduler binds it: kwok must never see it
            // bound without the annotation, or it would mark it ready itself.
            if (node == null || isOurNode(node)) {
                annotate(pod);
            }
            return;
        }
        if (node == null || !isOurNode(node)) {
            return;
        }
        if (pod.getStatus() == null || pod.getStatus().getPodIP() == null) {
            return;
        }
        String uid = pod.getMetadata().getUid();
        PodWorker running = workers.get(uid);
        if (running != null && !pod.getStatus().getPodIP().equals(running.podIp())) {
            // kwok now and then gives a pod a second IP shortly after its first (a pod's IP never
            // changes in a cluster): its processes move to the address the API server now says, or
            // its endpoints would point where nothing listens.
            LOG.warn("{}: pod IP changed from {} to {}; restarting its processes there", running.key(), running.podIp(),
                    pod.getStatus().getPodIP());
            workers.remove(uid, running);
            running.stop();
        }
        workers.computeIfAbsent(uid, u -> {
            PodWorker worker = new PodWorker(client, scheduler, context, pod, images.get());
            LOG.info("{}: running on {} at {}", worker.key(), pod.getSpec().getNodeName(), pod.getStatus().getPodIP());
            worker.start();
            return worker;
        });
    }

    /** The table entry of each container, or empty when any container is not ours to run. */
    private Optional<List<ImageEntry>> images(Pod pod) {
        List<ImageEntry> images = new ArrayList<>();
        for (Container container : pod.getSpec().getContainers()) {
            Optional<ImageEntry> entry = settings.images().find(container.getImage());
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            images.add(entry.get());
        }
        return images.isEmpty() ? Optional.empty() : Optional.of(images);
    }

    private void annotate(Pod pod) {
        String uid = pod.getMetadata().getUid();
        if (!annotating.add(uid)) {
            return;
        }
        apiCalls.execute(() -> {
            try {
                // A merge patch without resourceVersion: kwok updates the pod at the same moment.
                client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                        .patch(PatchContext.of(PatchType.JSON_MERGE),
                                "{\"metadata\":{\"annotations\":{\"" + PodStatuses.RUNNER_ANNOTATION + "\":\"true\"}}}");
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    LOG.warn("cannot annotate pod {}/{}: {}", pod.getMetadata().getNamespace(),
                            pod.getMetadata().getName(), e.getMessage());
                }
            } finally {
                annotating.remove(uid);
            }
        });
    }

    private boolean isOurNode(String node) {
        if (!settings.nodes().isEmpty()) {
            return settings.nodes().contains(node);
        }
        return ourNodes.computeIfAbsent(node, n -> {
            Node found = client.nodes().withName(n).get();
            return found != null && found.getMetadata().getAnnotations() != null
                    && "fake".equals(found.getMetadata().getAnnotations().get(KWOK_NODE_ANNOTATION));
        });
    }

    private void stopWorker(Pod pod) {
        PodWorker worker = workers.remove(pod.getMetadata().getUid());
        if (worker != null) {
            LOG.info("{}: pod deleted, stopping its processes", worker.key());
            worker.stop();
        }
    }

    /** Stops watching and stops every process this runner started; waits for them to end. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (informer != null) {
            informer.close();
        }
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (PodWorker worker : new ArrayList<>(workers.values())) {
            stops.add(worker.stop());
        }
        workers.clear();
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("not every process stopped in time: {}", e.getMessage());
        }
        context.services().close();
        scheduler.shutdownNow();
        apiCalls.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    public static void main(String[] args) throws InterruptedException {
        Path state = null;
        List<Path> tables = new ArrayList<>();
        Set<String> nodes = new HashSet<>();
        Map<String, String> variables = new LinkedHashMap<>();
        boolean skipTestNamespaces = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (arg.equals("--skip-test-namespaces")) {
                skipTestNamespaces = true;
                continue;
            }
            switch (arg) {
                case "--state" -> state = Path.of(required(arg, value));
                case "--images" -> tables.add(Path.of(required(arg, value)));
                case "--nodes" -> nodes.addAll(List.of(required(arg, value).split(",")));
                case "--var" -> {
                    String[] pair = required(arg, value).split("=", 2);
                    variables.put(pair[0], pair.length > 1 ? pair[1] : "");
                }
                default -> usage("unknown argument " + arg);
            }
            i++;
        }
        if (state == null || tables.isEmpty()) {
            usage("--state and --images are required");
        }
        ImageTable images = new ImageTable(List.of());
        try {
            for (Path table : tables) {
                images = images.plus(ImageTable.load(table, variables));
            }
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
        }
        KubernetesClient client = new KubernetesClientBuilder().build();
        LocalNodeRunner runner = start(client, new RunnerSettings(state, images, nodes,
                skipTestNamespaces ? notATestNamespace(client) : null));
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.close();
            client.close();
            done.countDown();
        }, "local-runner-shutdown"));
        done.await();
    }

    /** Namespaces labelled {@value #TEST_NAMESPACE_LABEL}=true belong to a test run and its own runner. */
    static java.util.function.Predicate<String> notATestNamespace(KubernetesClient client) {
        Map<String, Boolean> known = new ConcurrentHashMap<>();
        return namespace -> known.computeIfAbsent(namespace, ns -> {
            var found = client.namespaces().withName(ns).get();
            return found == null || found.getMetadata().getLabels() == null
                    || !"true".equals(found.getMetadata().getLabels().get(TEST_NAMESPACE_LABEL));
        });
    }

    private static String required(String flag, String value) {
        if (value == null) {
            usage(flag + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println("local node runner: " + problem);
        System.err.println("usage: LocalNodeRunner --state DIR --images FILE [--images FILE] [--nodes a,b] [--var NAME=VALUE]"
                + " [--skip-test-namespaces]");
        System.exit(2);
    }
}
