package io.falconeye.relay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Stream;

/** CPU time of processes from /proc (user + system), for benchmarks. */
final class ProcessCpu {

    /** Linux's USER_HZ: /proc reports CPU times in 1/100 s on every common kernel. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {}

    /**
     * CPU time of a process, 0 when it is gone: the sum over its threads of the nanoseconds
     * {@code /proc/PID/task/TID/schedstat} reports on CPU (user + system), which is what
     * {@code /proc/PID/stat} counts in 10 ms ticks, with nanosecond precision (a 10 s window of a
     * 0.004-core process is 4 ticks). Threads that ended are no longer listed: the relay and
     * ffmpeg keep theirs for their whole life. Falls back to the ticks when schedstat is missing.
     */
    static long nanos(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            return threads.mapToLong(ProcessCpu::threadNanos).sum();
        } catch (IOException | RuntimeException e) {
            return tickNanos(pid);
        }
    }

    private static long threadNanos(Path task) {
        try {
            String schedstat = Files.readString(task.resolve("schedstat")).strip();
            return Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
        } catch (IOException e) {
            return 0; // the thread ended meanwhile
        }
    }

    private static long tickNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After "pid (comm) ": state is field 0, utime 11, stime 12.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU time of a process and all its live descendants (the relay JVM and its ffmpeg). */
    static long treeNanos(long pid) {
        return Stream.concat(Stream.of(pid), ProcessHandle.of(pid).stream()
                        .flatMap(ProcessHandle::descendants).map(ProcessHandle::pid))
                .mapToLong(ProcessCpu::nanos).sum();
    }

    static long sumNanos(Collection<Process> processes) {
        return processes.stream().mapToLong(p -> nanos(p.pid())).sum();
    }
}
