package io.falconeye.e2e.runner;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner's cluster DNS and kube-proxy. A pod's env value or argument naming a Service by its
 * cluster DNS name ({@code <service>.<namespace>.svc[.cluster.local]}) gets an address of the pod
 * network instead, {@code 198.18.0.x} (no node's pod CIDR), where the runner listens on every port
 * of the Service and forwards each connection to a ready endpoint of its EndpointSlices (the
 * endpoint port of the same name), chosen when the connection opens. So processes resolve nothing
 * (ffmpeg resolves with libc, which knows no cluster DNS), and a restarted or replaced backend is
 * found again, as through a ClusterIP.
 */
public final class ServiceProxies implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProxies.class);
    static final Pattern SERVICE_NAME = Pattern.compile(
            "(?<![\\w.-])([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\\.([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\\.svc(?:\\.cluster\\.local)?"
                    + "(?![\\w-]|\\.\\w)");
    /** 198.18.0.0/24 is local (kube.sh routes 198.18.0.0/16 to lo) and no node's pod CIDR. */
    private static final String NETWORK = "198.18.0.";
    private static final int FIRST_HOST = 10;
    private static final int CONNECT_TIMEOUT_MILLIS = 3000;

    private final KubernetesClient client;
    private final Map<String, String> addresses = new ConcurrentHashMap<>();
    private final List<ServerSocket> listeners = new ArrayList<>();
    private volatile boolean closed;

    public ServiceProxies(KubernetesClient client) {
        this.client = client;
    }

    /** The launch with every Service DNS name in its env values and command words replaced by the Service's address. */
    LaunchSpec rewrite(LaunchSpec spec) {
        List<String> command = spec.command().stream().map(this::rewrite).toList();
        Map<String, String> env = new java.util.LinkedHashMap<>();
        spec.env().forEach((name, value) -> env.put(name, rewrite(value)));
        return new LaunchSpec(command, env, spec.workingDir());
    }

    /** {@code text} with each {@code <service>.<namespace>.svc[.cluster.local]} replaced by its address here. */
    String rewrite(String text) {
        return rewrite(text, this::addressOf);
    }

    /** {@code text} with each Service DNS name replaced by {@code addressOf(namespace, service)}. */
    static String rewrite(String text, BiFunction<String, String, String> addressOf) {
        if (text == null || !text.contains(".svc")) {
            return text;
        }
        Matcher matcher = SERVICE_NAME.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(addressOf.apply(matcher.group(2), matcher.group(1))));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /** The address standing for a Service, listening on all its ports from now on. */
    public synchronized String addressOf(String namespace, String service) {
        String key = namespace + "/" + service;
        String known = addresses.get(key);
        if (known != null) {
            return known;
        }
        Service found = client.services().inNamespace(namespace).withName(service).get();
        if (found == null || found.getSpec() == null || found.getSpec().getPorts() == null) {
            throw new PodSetupException("ServiceNotFound", "service " + key + " named by the pod does not exist");
        }
        for (int host = FIRST_HOST; host < 255; host++) {
            String address = NETWORK + host;
            if (addresses.containsValue(address)) {
                continue;
            }
            Optional<List<ServerSocket>> bound = bindAll(address, found.getSpec().getPorts());
            if (bound.isPresent()) {
                addresses.put(key, address);
                for (int i = 0; i < bound.get().size(); i++) {
                    ServerSocket listener = bound.get().get(i);
                    listeners.add(listener);
                    ServicePort port = found.getSpec().getPorts().get(i);
                    Thread accept = new Thread(() -> accept(listener, namespace, service, port),
                            "service-proxy-" + service + "-" + port.getPort());
                    accept.setDaemon(true);
                    accept.start();
                }
                LOG.info("service {} is {} here (ports {})", key, address,
                        found.getSpec().getPorts().stream().map(ServicePort::getPort).toList());
                return address;
            }
        }
        throw new PodSetupException("ServiceAddressesExhausted", "no free address in " + NETWORK + "0/24 for " + key);
    }

    /** Listeners on every port, or empty when one port is taken there (another runner uses the address). */
    private static Optional<List<ServerSocket>> bindAll(String address, List<ServicePort> ports) {
        List<ServerSocket> bound = new ArrayList<>();
        try {
            for (ServicePort port : ports) {
                ServerSocket socket = new ServerSocket();
                bound.add(socket);
                socket.bind(new InetSocketAddress(InetAddress.getByName(address), port.getPort()));
            }
            return Optional.of(bound);
        } catch (BindException taken) {
            closeAll(bound);
            return Optional.empty();
        } catch (IOException e) {
            closeAll(bound);
            throw new PodSetupException("ServiceAddressUnavailable", "cannot listen on " + address + ": " + e.getMessage());
        }
    }

    private void accept(ServerSocket listener, String namespace, String service, ServicePort port) {
        while (!closed) {
            Socket downstream;
            try {
                downstream = listener.accept();
            } catch (IOException e) {
                return;
            }
            Thread connection = new Thread(() -> forward(downstream, namespace, service, port),
                    "service-proxy-" + service + "-connection");
            connection.setDaemon(true);
            connection.start();
        }
    }

    private void forward(Socket downstream, String namespace, String service, ServicePort port) {
        Optional<InetSocketAddress> backend = readyBackend(namespace, service, port);
        if (backend.isEmpty()) {
            // As kube-proxy rejects connections to a Service without ready endpoints.
            closeQuietly(downstream);
            return;
        }
        Socket upstream = new Socket();
        try {
            upstream.connect(backend.get(), CONNECT_TIMEOUT_MILLIS);
            Thread back = new Thread(() -> pipe(upstream, downstream), "service-proxy-" + service + "-back");
            back.setDaemon(true);
            back.start();
            pipe(downstream, upstream);
            back.join();
        } catch (IOException e) {
            // the backend went away between the lookup and the connect
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(upstream);
            closeQuietly(downstream);
        }
    }

    /** A ready endpoint of the Service's EndpointSlices, at the endpoint port named as the Service port. */
    private Optional<InetSocketAddress> readyBackend(String namespace, String service, ServicePort port) {
        List<InetSocketAddress> ready = new ArrayList<>();
        List<EndpointSlice> slices = client.discovery().v1().endpointSlices().inNamespace(namespace)
                .withLabel("kubernetes.io/service-name", service).list().getItems();
        for (EndpointSlice slice : slices) {
            Integer target = targetPort(slice, port);
            if (target == null || slice.getEndpoints() == null) {
                continue;
            }
            for (Endpoint endpoint : slice.getEndpoints()) {
                if (endpoint.getConditions() != null && Boolean.TRUE.equals(endpoint.getConditions().getReady())
                        && endpoint.getAddresses() != null && !endpoint.getAddresses().isEmpty()) {
                    ready.add(new InetSocketAddress(endpoint.getAddresses().get(0), target));
                }
            }
        }
        return ready.isEmpty() ? Optional.empty() : Optional.of(ready.get(ThreadLocalRandom.current().nextInt(ready.size())));
    }

    private static Integer targetPort(EndpointSlice slice, ServicePort port) {
        if (slice.getPorts() == null) {
            return null;
        }
        for (EndpointPort candidate : slice.getPorts()) {
            String name = candidate.getName() == null ? "" : candidate.getName();
            if (name.equals(port.getName() == null ? "" : port.getName())) {
                return candidate.getPort();
            }
        }
        return null;
    }

    /** Copies one direction; its end is passed on as a half-close, a failure closes both sides. */
    private static void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeAll(List<ServerSocket> sockets) {
        for (ServerSocket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    /** Stops listening; connections in flight end with their processes. */
    @Override
    public synchronized void close() {
        closed = true;
        closeAll(listeners);
        listeners.clear();
    }
}
