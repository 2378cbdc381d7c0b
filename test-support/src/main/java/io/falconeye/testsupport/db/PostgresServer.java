package io.falconeye.testsupport.db;

import io.falconeye.testsupport.kube.TestLogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: Debian's {@code postgresql} binaries ({@code initdb},
 * {@code pg_ctl}), a fresh data directory in a temporary folder and a free port on 127.0.0.1.
 *
 * <p>PostgreSQL refuses to run as root; when the tests run as root the server runs as the
 * {@code postgres} user (through {@code runuser}) with a data directory that user owns.
 * {@link #stop()} and {@link #start()} keep the port and the data, so a test can take the database
 * away for a while and bring it back exactly as it was.
 */
public final class PostgresServer {

    public static final String USER = "falcon";
    public static final String PASSWORD = "falcon-test-password";
    public static final String DATABASE = "falconeye";

    private static final String SYSTEM_USER = "postgres";
    private static PostgresServer shared;

    private final Path binDir;
    private final Path baseDir;
    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private final boolean asRoot;
    private boolean running;

    private PostgresServer(Path binDir, Path baseDir, int port, boolean asRoot) {
        this.binDir = binDir;
        this.baseDir = baseDir;
        this.dataDir = baseDir.resolve("data");
        this.logFile = baseDir.resolve("postgres.log");
        this.port = port;
        this.asRoot = asRoot;
    }

    /**
     * The server of this test JVM, created and started on first use, stopped when the JVM exits.
     * Shared through a system property, so that copies of this class in other class loaders (Quarkus
     * loads test classes anew for each application it starts) get the same server.
     */
    public static PostgresServer shared() {
        synchronized (System.getProperties()) {
            if (shared == null) {
                String existing = System.getProperty(SHARED_PROPERTY);
                if (existing != null) {
                    String[] parts = existing.split("\\|", 3);
                    shared = new PostgresServer(Path.of(parts[0]), Path.of(parts[1]), Integer.parseInt(parts[2]),
                            isRoot());
                    shared.running = true;
                } else {
                    shared = create();
                    shared.start();
                    PostgresServer server = shared;
                    System.setProperty(SHARED_PROPERTY, server.binDir + "|" + server.baseDir + "|" + server.port);
                    Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
                }
            }
            return shared;
        }
    }

    private static final String SHARED_PROPERTY = "io.falconeye.testsupport.postgres";

    /** A new, initialised but not yet started server on a free port. */
    public static PostgresServer create() {
        Path bin = findBinDir();
        boolean asRoot = isRoot();
        try {
            Path base = Files.createTempDirectory("falcon-eye-pg");
            PostgresServer server = new PostgresServer(bin, base, freePort(), asRoot);
            server.initdb();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a PostgreSQL data directory", e);
        }
    }

    /**
     * A server whose data stays in {@code baseDir} (created and initialised the first time, reused
     * after), on {@code port} (0: a free port chosen now); not started. For {@code make run}, whose database survives
     * from one run to the next. As root the postgres user must be able to reach {@code baseDir}.
     */
    public static PostgresServer persistent(Path baseDir, int port) {
        boolean asRoot = isRoot();
        PostgresServer server = new PostgresServer(findBinDir(), baseDir.toAbsolutePath(), port > 0 ? port : freePort(),
                asRoot);
        try {
            if (!Files.exists(server.dataDir.resolve("PG_VERSION"))) {
                // A folder left by an initdb that did not finish is started over.
                if (Files.exists(server.dataDir)) {
                    try (Stream<Path> paths = Files.walk(server.dataDir)) {
                        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
                Files.createDirectories(server.baseDir);
                server.initdb();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a PostgreSQL data directory in " + baseDir, e);
        }
        return server;
    }

    /** Starts the server (again, after {@link #stop()}) on the same port and data. No-op when running. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l", logFile.toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -h 127.0.0.1 -k " + baseDir, "start"));
        running = true;
        TestLogs.register(logFile);
    }

    /** Stops the server at once (fast shutdown: clients are disconnected); data and port are kept. */
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"));
        running = false;
    }

    /** Asks pg_ctl, so that every copy of this object (one per class loader) agrees. */
    public synchronized boolean isRunning() {
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            return running;
        }
        try {
            run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "status"));
            return true;
        } catch (IllegalStateException notRunning) {
            return false;
        }
    }

    /** Stops the server and removes its data. */
    public synchronized void destroy() {
        try {
            stop();
        } catch (RuntimeException e) {
            // best effort at JVM exit
        }
        try (Stream<Path> paths = Files.walk(baseDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public String database() {
        return DATABASE;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/falconeye} */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + DATABASE;
    }

    /** {@code postgresql://127.0.0.1:PORT/falconeye}, the form of Quarkus' reactive client. */
    public String reactiveUrl() {
        return "postgresql://" + host() + ":" + port + "/" + DATABASE;
    }

    /** The server's log file, e.g. to print on failure. */
    public Path logFile() {
        return logFile;
    }

    private void initdb() throws IOException {
        Path pwFile = baseDir.resolve("pwfile");
        Files.writeString(pwFile, PASSWORD + "\n", StandardCharsets.UTF_8);
        if (asRoot) {
            run(List.of("chown", "-R", SYSTEM_USER + ":", baseDir.toString()));
        }
        run(List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", USER,
                "--pwfile=" + pwFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"));
        // Tests start and stop often: favour speed over crash safety of throw-away data.
        Files.writeString(dataDir.resolve("postgresql.conf"),
                "\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        start();
        run(List.of(binDir.resolve("createdb").toString(), "-h", host(), "-p", String.valueOf(port), "-U", USER,
                DATABASE));
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        boolean chown = command.get(0).equals("chown");
        if (asRoot && !chown) {
            full.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PGPASSWORD", PASSWORD);
        env.put("LC_ALL", "C.UTF-8");
        builder.directory(baseDir.toFile());
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", full));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue()
                        + "):\n" + output + logTail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return "\n--- postgres.log\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /** The newest installed /usr/lib/postgresql/N/bin that has initdb and pg_ctl. */
    static Path findBinDir() {
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(PostgresServer::majorVersion))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries under " + root
                            + "; install Debian's postgresql package (make deps)"));
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL is not installed (" + root
                    + " missing); install Debian's postgresql package (make deps)", e);
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name")) || isUidZero();
    }

    private static boolean isUidZero() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
