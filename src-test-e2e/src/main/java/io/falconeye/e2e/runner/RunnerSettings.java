package io.falconeye.e2e.runner;

import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where the runner keeps its state (per-node folders, per-pod folders, pod logs), which images it
 * runs, on which nodes it acts as the kubelet (empty: every node kwok fakes), and for the pods of
 * which namespaces (tests sharing a cluster with other test runs restrict it to their own).
 */
public record RunnerSettings(Path stateDir, ImageTable images, Set<String> nodes, Predicate<String> namespaces) {

    public RunnerSettings {
        stateDir = stateDir.toAbsolutePath().normalize();
        nodes = nodes == null ? Set.of() : Set.copyOf(nodes);
        namespaces = namespaces == null ? ns -> true : namespaces;
    }

    public RunnerSettings(Path stateDir, ImageTable images, Set<String> nodes) {
        this(stateDir, images, nodes, null);
    }
}
