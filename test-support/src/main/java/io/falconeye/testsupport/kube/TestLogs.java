package io.falconeye.testsupport.kube;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Log files (an operator's, a relay's, ...) to print when a test against the cluster fails. */
public final class TestLogs {

    private static final List<Path> FILES = new CopyOnWriteArrayList<>();

    private TestLogs() {}

    public static void register(Path logFile) {
        if (!FILES.contains(logFile)) {
            FILES.add(logFile);
        }
    }

    static List<Path> registered() {
        return List.copyOf(FILES);
    }
}
