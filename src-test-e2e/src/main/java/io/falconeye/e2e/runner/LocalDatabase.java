package io.falconeye.e2e.runner;

import io.falconeye.testsupport.db.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The PostgreSQL of {@code make run}: Debian's server on a free port of 127.0.0.1, its data kept in
 * the folder given (initialised on the first run, reused after, so a second run starts at once).
 * Writes the operator's DATABASE_* settings as {@code NAME=VALUE} lines to the file given, serves
 * until stopped, then stops the server (fast shutdown).
 *
 * <p>Usage: {@code LocalDatabase DATA_FOLDER SETTINGS_FILE [PORT]} (PORT 0 or none: a free port).
 */
public final class LocalDatabase {

    private LocalDatabase() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: LocalDatabase DATA_FOLDER SETTINGS_FILE [PORT]");
            System.exit(2);
        }
        PostgresServer server = PostgresServer.persistent(Path.of(args[0]), args.length > 2 ? Integer.parseInt(args[2]) : 0);
        if (server.isRunning()) {
            // Left running by a run that was killed: it may listen on another port; restart it on ours.
            server.stop();
        }
        server.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "local-database-stop"));
        String settings = "DATABASE_HOST=" + server.host() + "\nDATABASE_PORT=" + server.port()
                + "\nDATABASE_USER=" + server.user() + "\nDATABASE_PASSWORD=" + server.password()
                + "\nDATABASE_NAME=" + server.database() + "\n";
        Path file = Path.of(args[1]);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, settings);
        Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("PostgreSQL on " + server.host() + ":" + server.port() + ", data in " + args[0]);
        stopped.await();
    }
}
