package io.falconeye.recorder.events;

import io.falconeye.media.ReconnectBackoff;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the journal's events, one at a time and in order, to
 * {@code POST {apiUrl}/api/internal/recorder-events} with the internal bearer token. A failed
 * send is retried with back-off (the queue waits: order is kept); an answer that can never
 * succeed (400, 409, 413, 422) is logged and skipped so one bad event cannot block the rest.
 */
public final class EventDelivery implements AutoCloseable {

    public static final String PATH = "/api/internal/recorder-events";
    private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final EventJournal journal;
    private final URL endpoint;
    private final String token;
    private final ReconnectBackoff backoff;
    private final Thread thread;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean running = true;

    public EventDelivery(EventJournal journal, URI apiUrl, String token, Duration maxRetryDelay) {
        this.journal = journal;
        try {
            this.endpoint = URI.create(apiUrl.toString() + PATH).toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("API_URL is not a valid URL", e);
        }
        this.token = token;
        this.backoff = new ReconnectBackoff(Duration.ofMillis(500), maxRetryDelay, 2.0, 0.2);
        this.thread = new Thread(this::run, "event-delivery");
        this.thread.setDaemon(true);
    }

    public EventDelivery start() {
        thread.start();
        return this;
    }

    public long deliveredCount() {
        return delivered.get();
    }

    public long rejectedCount() {
        return rejected.get();
    }

    private void run() {
        while (running) {
            try {
                // blocks until an event is appended: no polling while there is nothing to send
                RecorderEvent event = journal.next();
                Outcome outcome = send(event);
                switch (outcome) {
                    case ACCEPTED -> {
                        journal.delivered(event);
                        delivered.incrementAndGet();
                        backoff.reset();
                    }
                    case REJECTED -> {
                        journal.delivered(event);
                        rejected.incrementAndGet();
                    }
                    case RETRY -> Thread.sleep(backoff.nextDelay().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("event delivery: {}", e.getMessage());
                sleepQuietly(backoff.nextDelay());
            }
        }
    }

    private enum Outcome { ACCEPTED, REJECTED, RETRY }

    /**
     * One blocking POST on this thread ({@link HttpURLConnection}, which keeps the connection
     * alive between close events): no client threads or selector waking up while idle.
     */
    private Outcome send(RecorderEvent event) {
        byte[] body;
        try {
            body = EventJournal.JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize event " + event.eventId(), e);
        }
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) endpoint.openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setReadTimeout(READ_TIMEOUT_MILLIS);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setRequestProperty("Authorization", "Bearer " + token);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            drain(connection, status);
            if (status >= 200 && status < 300) {
                return Outcome.ACCEPTED;
            }
            if (status == 400 || status == 409 || status == 413 || status == 422) {
                LOG.warn("API rejected event {} ({}) with HTTP {}; skipped", event.eventId(), event.type().wireName(), status);
                return Outcome.REJECTED;
            }
            if (backoff.failures() == 0) {
                LOG.warn("API answered HTTP {} to event {}; retrying with back-off", status, event.eventId());
            }
            return Outcome.RETRY;
        } catch (IOException e) {
            if (connection != null) {
                connection.disconnect();
            }
            if (backoff.failures() == 0) {
                LOG.warn("API unreachable at {} ({}); {} events wait in the journal", endpoint,
                        e.getClass().getSimpleName(), journal.pendingCount());
            }
            return Outcome.RETRY;
        }
    }

    /** Reads the answer to its end, so the connection can be reused. */
    private static void drain(HttpURLConnection connection, int status) throws IOException {
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            if (in != null) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
    }

    private static void sleepQuietly(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
