package io.falconeye.e2e.runner;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** One probe attempt as the kubelet makes it: httpGet (2xx/3xx passes) or tcpSocket (connect passes). */
final class ProbeCheck {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();

    private ProbeCheck() {}

    static boolean passes(Probe probe, Container container, String podIp) {
        Duration timeout = Duration.ofSeconds(probe.getTimeoutSeconds() == null ? 1 : Math.max(1, probe.getTimeoutSeconds()));
        if (probe.getHttpGet() != null) {
            String host = probe.getHttpGet().getHost() == null || probe.getHttpGet().getHost().isBlank()
                    ? podIp : probe.getHttpGet().getHost();
            int port = port(probe.getHttpGet().getPort(), container);
            String path = probe.getHttpGet().getPath() == null ? "/" : probe.getHttpGet().getPath();
            String scheme = probe.getHttpGet().getScheme() == null ? "http" : probe.getHttpGet().getScheme().toLowerCase();
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(scheme + "://" + host + ":" + port
                        + (path.startsWith("/") ? path : "/" + path))).timeout(timeout).GET();
                if (probe.getHttpGet().getHttpHeaders() != null) {
                    probe.getHttpGet().getHttpHeaders().forEach(h -> request.header(h.getName(), h.getValue()));
                }
                int code = HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                return code >= 200 && code < 400;
            } catch (IOException | IllegalArgumentException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        if (probe.getTcpSocket() != null) {
            String host = probe.getTcpSocket().getHost() == null ? podIp : probe.getTcpSocket().getHost();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port(probe.getTcpSocket().getPort(), container)),
                        (int) timeout.toMillis());
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        // exec and grpc probes cannot be run outside a container: a running process counts as passing.
        return true;
    }

    static int port(IntOrString port, Container container) {
        if (port == null) {
            throw new IllegalArgumentException("probe without a port");
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        List<ContainerPort> ports = container.getPorts() == null ? List.of() : container.getPorts();
        return ports.stream().filter(p -> port.getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no container port named " + port.getStrVal()));
    }
}
