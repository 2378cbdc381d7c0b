package io.falconeye.recorder.events;

import io.falconeye.media.ReconnectBackoff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
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

    private final EventJournal journal;
    private final URI endpoint;
    private final String token;
    private final HttpClient http;
    private final ReconnectBackoff backoff;
    private final Thread thread;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean running = true;

    public EventDelivery(EventJournal journal, URI apiUrl, String token, Duration maxRetryDelay) {
        this.journal = journal;
        this.endpoint = URI.create(apiUrl.toString() + PATH);
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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
                Optional<RecorderEvent> next = journal.next(Duration.ofSeconds(1));
                if (next.isEmpty()) {
                    continue;
                }
                RecorderEvent event = next.get();
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

    private Outcome send(RecorderEvent event) throws InterruptedException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(EventJournal.JSON.writeValueAsString(event)))
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize event " + event.eventId(), e);
        }
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
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
            if (backoff.failures() == 0) {
                LOG.warn("API unreachable at {} ({}); {} events wait in the journal", endpoint,
                        e.getClass().getSimpleName(), journal.pendingCount());
            }
            return Outcome.RETRY;
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
