package io.falconeye.e2e.runner;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A container's processes: the main process is started through {@code setsid}, so it leads a
 * process group of its own and everything it spawns (ffmpeg) can be killed with it, as a
 * container's processes die with it.
 */
final class ProcessGroup {

    private ProcessGroup() {}

    static List<String> wrap(List<String> command) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of("setsid"), command.stream()).toList();
    }

    /** SIGTERM to the main process, SIGKILL to the group after the grace period (or at once when it has exited). */
    static void terminate(Process process, Duration grace) {
        long pgid = process.pid();
        if (process.isAlive()) {
            process.destroy();
            try {
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        killGroup(pgid);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL to every process left in the group (children of a crashed main process). */
    static void killGroup(long pgid) {
        try {
            Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + pgid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // nothing left to kill, or no kill(1): the main process is gone either way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
