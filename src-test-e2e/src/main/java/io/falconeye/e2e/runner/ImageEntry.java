package io.falconeye.e2e.runner;

import java.util.List;

/**
 * How the runner runs one container image as a local process: the image's ENTRYPOINT and CMD
 * (as in a Dockerfile), or {@code emulate: nginx} for the official nginx image's entrypoint.
 */
public record ImageEntry(String repository, List<String> entrypoint, List<String> cmd, String emulate) {

    public static final String NGINX = "nginx";

    public ImageEntry {
        if (repository == null || repository.isBlank()) {
            throw new IllegalArgumentException("an image entry needs a repository");
        }
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        if (emulate != null && !NGINX.equals(emulate)) {
            throw new IllegalArgumentException("image " + repository + ": emulate must be 'nginx', got '" + emulate + "'");
        }
        if (emulate == null && entrypoint.isEmpty() && cmd.isEmpty()) {
            throw new IllegalArgumentException("image " + repository + " needs an entrypoint, a cmd or emulate");
        }
    }

    public boolean emulatesNginx() {
        return NGINX.equals(emulate);
    }
}
