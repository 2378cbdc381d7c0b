package io.falconeye.e2e.runner;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What to execute for one container: the command line, its whole environment and working directory. */
public record LaunchSpec(List<String> command, Map<String, String> env, Path workingDir) {

    public LaunchSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }
}
