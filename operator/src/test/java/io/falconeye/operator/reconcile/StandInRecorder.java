package io.falconeye.operator.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stands in for the recorder process that kwok cannot run: a local HTTP server bound to the
 * recorder pod's IP on :8080 speaking the recorder's API (POST /start {"recording_id"}, POST /stop,
 * GET /status; 409 on a second start and on a stop while idle). It records the calls it got.
 */
final class StandInRecorder implements AutoCloseable {

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private String recordingId;
    private String startTime;
    private String status = "idle";
    private long bytes;

    StandInRecorder(String ip, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(ip, port), 16);
        server.createContext("/start", this::start);
        server.createContext("/stop", this::stop);
        server.createContext("/status", this::status);
        server.start();
    }

    private synchronized void start(HttpExchange exchange) throws IOException {
        Map<?, ?> body = json.readValue(exchange.getRequestBody(), Map.class);
        calls.add("start " + body.get("recording_id"));
        if ("recording".equals(status)) {
            reply(exchange, 409, Map.of("detail", "already recording"));
            return;
        }
        recordingId = String.valueOf(body.get("recording_id"));
        startTime = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        status = "recording";
        reply(exchange, 200, state());
    }

    private synchronized void stop(HttpExchange exchange) throws IOException {
        calls.add("stop");
        if (!"recording".equals(status)) {
            reply(exchange, 409, Map.of("detail", "not recording"));
            return;
        }
        status = "stopped";
        reply(exchange, 200, state());
    }

    private synchronized void status(HttpExchange exchange) throws IOException {
        bytes += 1000;
        reply(exchange, 200, state());
    }

    private Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("recording_id", recordingId);
        state.put("file_path", recordingId == null ? null : "/recordings/cam/cam_20260101_000000.mp4");
        state.put("file_name", recordingId == null ? null : "cam_20260101_000000.mp4");
        state.put("start_time", startTime);
        state.put("status", status);
        state.put("bytes_written", bytes);
        return state;
    }

    private void reply(HttpExchange exchange, int code, Object body) throws IOException {
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
