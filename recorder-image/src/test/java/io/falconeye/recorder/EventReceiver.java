package io.falconeye.recorder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.falconeye.testsupport.media.RtspCamera;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The receiving side of the recorder's events as the operator's API implements it (README):
 * {@code POST /api/internal/recorder-events}, bearer token checked, idempotent by event id.
 * Keeps every delivery (duplicates included) so tests can prove none arrived twice.
 */
final class EventReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final String token;
    private final List<JsonNode> deliveries = new ArrayList<>();
    private final AtomicInteger unauthorized = new AtomicInteger();
    private HttpServer server;

    private EventReceiver(int port, String token) {
        this.port = port;
        this.token = token;
    }

    static EventReceiver start(String token) {
        EventReceiver receiver = new EventReceiver(RtspCamera.freePort(), token);
        receiver.startServer();
        return receiver;
    }

    /** A receiver that is down now; {@link #startServer()} brings it up on {@link #url()}. */
    static EventReceiver down(String token) {
        return new EventReceiver(RtspCamera.freePort(), token);
    }

    synchronized void startServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 20);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/internal/recorder-events", this::handle);
        server.start();
    }

    synchronized void stopServer() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            JsonNode event = JSON.readTree(exchange.getRequestBody());
            synchronized (deliveries) {
                deliveries.add(event);
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    /** Every delivery in arrival order, duplicates included. */
    List<JsonNode> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    List<JsonNode> ofType(String type) {
        return deliveries().stream().filter(e -> type.equals(e.path("type").asText())).toList();
    }

    List<JsonNode> matching(Predicate<JsonNode> filter) {
        return deliveries().stream().filter(filter).toList();
    }

    int unauthorizedRequests() {
        return unauthorized.get();
    }

    @Override
    public void close() {
        stopServer();
    }
}
