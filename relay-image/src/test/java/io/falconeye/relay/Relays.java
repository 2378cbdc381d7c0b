package io.falconeye.relay;

import io.falconeye.relay.config.RelayConfig;
import io.falconeye.relay.config.RelayConfigParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Starts relays in-process for tests, on a free port of 127.0.0.1. */
final class Relays {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Relays() {}

    static RelayServer start(Map<String, String> env) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("BIND_ADDRESS", "127.0.0.1");
        all.putIfAbsent("PORT", "0");
        RelayConfig config = RelayConfigParser.parse(all);
        return RelayServer.start(config);
    }

    static String url(RelayServer relay, String path) {
        return "http://127.0.0.1:" + relay.port() + path;
    }

    static HttpResponse<byte[]> get(RelayServer relay, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url(relay, path))).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int status(RelayServer relay, String path) {
        return get(relay, path).statusCode();
    }

    static String body(RelayServer relay, String path) {
        return new String(get(relay, path).body(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
