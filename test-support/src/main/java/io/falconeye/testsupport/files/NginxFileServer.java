package io.falconeye.testsupport.files;

import io.falconeye.testsupport.kube.TestLogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real nginx (Debian's nginx) serving one folder as a recording file server does on a
 * node: GET with Range support, and WebDAV DELETE. Bound to a given address, e.g. the loopback pod
 * IP a local control plane gave a file-server pod.
 */
public final class NginxFileServer implements AutoCloseable {

    private final Process process;
    private final String host;
    private final int port;
    private final Path root;

    private NginxFileServer(Process process, String host, int port, Path root) {
        this.process = process;
        this.host = host;
        this.port = port;
        this.root = root;
    }

    /** Serves {@code root} on {@code host:port}; returns once nginx accepts connections. */
    public static NginxFileServer start(String host, int port, Path root) {
        try {
            Path prefix = Files.createTempDirectory("falcon-eye-nginx");
            Files.createDirectories(prefix.resolve("logs"));
            Path conf = prefix.resolve("nginx.conf");
            Files.writeString(conf, """
                    daemon off;
                    master_process off;
                    worker_processes 1;
                    error_log %1$s/logs/error.log warn;
                    pid %1$s/nginx.pid;
                    events { worker_connections 256; }
                    http {
                        include /etc/nginx/mime.types;
                        access_log %1$s/logs/access.log;
                        client_body_temp_path %1$s/body;
                        proxy_temp_path %1$s/proxy;
                        fastcgi_temp_path %1$s/fastcgi;
                        uwsgi_temp_path %1$s/uwsgi;
                        scgi_temp_path %1$s/scgi;
                        server {
                            listen %2$s:%3$d;
                            root %4$s;
                            location / {
                                dav_methods DELETE;
                                autoindex off;
                            }
                        }
                    }
                    """.formatted(prefix, host, port, root.toAbsolutePath()));
            Process process = new ProcessBuilder(List.of(nginx(), "-p", prefix.toString(), "-c", conf.toString()))
                    .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
            TestLogs.register(prefix.resolve("logs/error.log"));
            NginxFileServer server = new NginxFileServer(process, host, port, root);
            server.awaitListening(Duration.ofSeconds(15));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nginx", e);
        }
    }

    private static String nginx() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("nginx is not installed; install Debian's nginx (make deps)");
    }

    private void awaitListening(Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        close();
        throw new IllegalStateException("nginx did not listen on " + host + ":" + port);
    }

    public Path root() {
        return root;
    }

    public String url(String path) {
        return "http://" + host + ":" + port + (path.startsWith("/") ? path : "/" + path);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
