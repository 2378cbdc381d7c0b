package io.falconeye.operator.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds (user + system, from /proc) used so far by the operator, by the benchmark itself, by
 * each process of the local control plane and by PostgreSQL, to tell which side a benchmark's time went to.
 */
record CpuTimes(Map<String, Double> seconds) {

    /** Processes by name: the control plane, and PostgreSQL (the operator's mirror) when it runs. */
    static final List<String> SIDES = List.of("kube-apiserver", "etcd", "kube-controller", "kube-scheduler", "kwok",
            "postgres");
    private static final double TICKS = 100.0;

    static CpuTimes sample(long operatorPid) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put("operator", cpu(operatorPid));
        // the benchmark's own JVM (its clients and watches) runs on the same cores as what it measures
        seconds.put("benchmark", cpu(ProcessHandle.current().pid()));
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).forEach(p -> {
                String comm = read(p.resolve("comm")).trim();
                if (SIDES.contains(comm)) {
                    seconds.merge(comm, cpu(Long.parseLong(p.getFileName().toString())), Double::sum);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new CpuTimes(seconds);
    }

    CpuTimes minus(CpuTimes before) {
        Map<String, Double> diff = new LinkedHashMap<>();
        seconds.forEach((k, v) -> diff.put(k, v - before.seconds.getOrDefault(k, 0.0)));
        return new CpuTimes(diff);
    }

    static String loadAverage() {
        String[] parts = read(Path.of("/proc/loadavg")).split(" ");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "?";
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        seconds.forEach((k, v) -> s.append(s.isEmpty() ? "" : ", ").append(k).append(' ').append(String.format("%.1f", v)));
        return s.toString();
    }

    private static double cpu(long pid) {
        String stat = read(Path.of("/proc", String.valueOf(pid), "stat"));
        if (stat.isEmpty()) {
            return 0;
        }
        // fields after the command name (which may hold spaces): utime is the 14th field, stime the 15th
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
