package io.falconeye.e2e.runner;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a container of a pod into a local command line, as a container runtime would: the pod's
 * command replaces the image's ENTRYPOINT, its args replace CMD; env and args are expanded and
 * every path under a volume's mountPath is rewritten to the folder that stands for it.
 * {@code BIND_ADDRESS} is the pod IP, so the process binds only its own loopback address (the
 * runner's stand-in for a pod network namespace).
 */
public final class LaunchPlanner {

    /** Host variables a process needs to run at all (a container image would bring its own). */
    static final List<String> HOST_VARIABLES = List.of("PATH", "HOME", "LANG", "LC_ALL", "JAVA_HOME", "TMPDIR", "USER", "TZ");

    private LaunchPlanner() {}

    public static LaunchSpec plan(Pod pod, Container container, ImageEntry image, Map<String, String> resolvedEnv,
            PathRewriter mounts, Path podDir, Map<String, String> hostEnv) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : HOST_VARIABLES) {
            if (hostEnv.containsKey(name)) {
                env.put(name, hostEnv.get(name));
            }
        }
        env.put("HOSTNAME", pod.getMetadata().getName());
        String podIp = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        if (podIp != null) {
            env.put("BIND_ADDRESS", podIp);
        }
        resolvedEnv.forEach((name, value) -> env.put(name, mounts.rewrite(value)));

        List<String> command;
        if (image.emulatesNginx()) {
            command = NginxImage.prepare(podDir.resolve("nginx"), env, mounts);
        } else {
            command = new ArrayList<>();
            boolean ownCommand = container.getCommand() != null && !container.getCommand().isEmpty();
            List<String> words = new ArrayList<>(ownCommand ? container.getCommand() : image.entrypoint());
            if (container.getArgs() != null && !container.getArgs().isEmpty()) {
                words.addAll(container.getArgs());
            } else if (!ownCommand) {
                words.addAll(image.cmd());
            }
            for (String word : words) {
                command.add(mounts.rewrite(EnvResolver.expand(word, env)));
            }
        }
        Path workingDir = container.getWorkingDir() == null || container.getWorkingDir().isBlank()
                ? podDir : Path.of(mounts.rewrite(container.getWorkingDir()));
        return new LaunchSpec(command, env, workingDir);
    }
}
