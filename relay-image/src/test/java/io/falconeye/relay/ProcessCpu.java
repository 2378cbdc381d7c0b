package io.falconeye.relay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Stream;

/** CPU time of processes from /proc/PID/stat (user + system), for benchmarks. */
final class ProcessCpu {

    /** Linux's USER_HZ: /proc reports CPU times in 1/100 s on every common kernel. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {}

    /** CPU time of a process, 0 when it is gone. */
    static long nanos(long pid) {
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
