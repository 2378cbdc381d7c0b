package io.falconeye.relay.http;

import io.falconeye.relay.frames.FrameHub;
import io.falconeye.relay.frames.JpegFrame;
import io.falconeye.relay.metrics.RelayMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's HTTP side: MJPEG at {@code /} and {@code /stream}, {@code /snapshot.jpg},
 * {@code /health} and {@code /metrics}, on one non-blocking selector thread that sleeps until a
 * connection needs it. Frames do not pass through this thread: the ingest thread writes each part
 * straight to the viewers' sockets ({@link MjpegBroadcaster}); this loop accepts, answers requests,
 * finishes parts a slow socket could not take at once and notices viewers that leave.
 */
public final class RelayHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RelayHttpServer.class);
    static final int SEND_BUFFER_BYTES = 256 * 1024;

    private final FrameHub hub;
    private final RelayMetrics metrics;
    private final MjpegBroadcaster broadcaster;
    private final BooleanSupplier ready;
    private final Supplier<String> lastError;
    private final ByteBuffer scratch = ByteBuffer.allocate(4096);
    private Selector selector;
    private ServerSocketChannel server;
    private Thread loop;
    private volatile boolean running;

    /**
     * @param ready     whether /health answers 200
     * @param lastError why the source last failed, shown by /health (must hold no secret)
     */
    public RelayHttpServer(FrameHub hub, RelayMetrics metrics, BooleanSupplier ready, Supplier<String> lastError) {
        this.hub = hub;
        this.metrics = metrics;
        this.ready = ready;
        this.lastError = lastError;
        this.broadcaster = new MjpegBroadcaster(hub);
        hub.subscribe(broadcaster);
        metrics.registerViewerGauge(broadcaster::viewerCount);
    }

    public int viewerCount() {
        return broadcaster.viewerCount();
    }

    /** {@code listener} runs each time a viewer comes or goes. */
    public void onViewersChanged(Runnable listener) {
        broadcaster.onViewersChanged(listener);
    }

    /** Binds and starts serving; returns the bound port (useful with port 0). */
    public int start(String host, int port) throws IOException {
        selector = Selector.open();
        server = ServerSocketChannel.open();
        try {
            server.bind(new InetSocketAddress(host, port), 128);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            server.close();
            selector.close();
            throw e;
        }
        running = true;
        loop = new Thread(this::run, "relay-http");
        loop.setDaemon(true);
        loop.start();
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    @Override
    public void close() {
        if (loop == null) {
            return;
        }
        running = false;
        selector.wakeup();
        try {
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                selector.select();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    handle(key);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("HTTP server stopped", e);
        } finally {
            shutdown();
        }
    }

    private void handle(SelectionKey key) {
        Object attachment = key.attachment();
        try {
            if (key.isAcceptable()) {
                accept();
            } else if (attachment instanceof MjpegViewer viewer) {
                if (key.isReadable()) {
                    drainOrClose(viewer);
                }
                if (key.isValid() && key.isWritable()) {
                    viewer.onWritable();
                }
            } else if (attachment instanceof Exchange exchange) {
                exchange.onReady();
            }
        } catch (CancelledKeyException e) {
            // closed by the ingest thread meanwhile
        } catch (IOException | RuntimeException e) {
            LOG.debug("HTTP connection failed", e);
            if (attachment instanceof MjpegViewer viewer) {
                viewer.close();
            } else {
                closeQuietly(key);
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            // A fixed send buffer (no kernel autotuning to megabytes) keeps what a slow viewer can
            // have in flight to a few frames; beyond that frames are skipped.
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER_BYTES);
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            key.attach(new Exchange(channel, key));
        }
    }

    /** A viewer sends nothing after its request: end of stream means it left. */
    private void drainOrClose(MjpegViewer viewer) throws IOException {
        SocketChannel channel = (SocketChannel) viewer.key().channel();
        int read;
        do {
            scratch.clear();
            read = channel.read(scratch);
        } while (read > 0);
        if (read < 0) {
            viewer.close();
        }
    }

    /** One request being read, then its (non-stream) response being written. */
    private final class Exchange {
        private final SocketChannel channel;
        private final SelectionKey key;
        private final byte[] head = new byte[RequestHead.MAX_BYTES];
        private int length;
        private ByteBuffer response;

        Exchange(SocketChannel channel, SelectionKey key) {
            this.channel = channel;
            this.key = key;
        }

        void onReady() throws IOException {
            if (response != null) {
                writeResponse();
                return;
            }
            int read = channel.read(ByteBuffer.wrap(head, length, head.length - length));
            if (read < 0) {
                closeQuietly(key);
                return;
            }
            length += read;
            Optional<RequestHead> request;
            try {
                request = RequestHead.parse(head, length);
            } catch (RequestHead.BadRequestException e) {
                respond(HttpResponses.text(400, "Bad Request", e.getMessage() + "\n", true));
                return;
            }
            if (request.isPresent()) {
                route(this, request.get());
            }
        }

        void respond(ByteBuffer bytes) throws IOException {
            response = bytes;
            writeResponse();
        }

        private void writeResponse() throws IOException {
            channel.write(response);
            if (response.hasRemaining()) {
                key.interestOps(SelectionKey.OP_WRITE);
                return;
            }
            closeQuietly(key);
        }
    }

    private void route(Exchange exchange, RequestHead request) throws IOException {
        boolean head = request.method().equals("HEAD");
        if (!head && !request.method().equals("GET")) {
            exchange.respond(HttpResponses.text(405, "Method Not Allowed", "method not allowed\n", true,
                    "Allow: GET, HEAD"));
            return;
        }
        switch (request.path()) {
            case "/", "/stream" -> {
                if (head) {
                    exchange.respond(HttpResponses.streamHead());
                } else {
                    stream(exchange);
                }
            }
            case "/snapshot.jpg" -> exchange.respond(snapshot(!head));
            case "/health" -> exchange.respond(health(!head));
            case "/metrics" -> exchange.respond(HttpResponses.of(200, "OK", "text/plain; version=0.0.4; charset=utf-8",
                    metrics.scrape().getBytes(StandardCharsets.UTF_8), !head));
            default -> exchange.respond(HttpResponses.text(404, "Not Found", "not found\n", !head));
        }
    }

    private void stream(Exchange exchange) {
        SelectionKey key = exchange.key;
        MjpegViewer viewer = new MjpegViewer(exchange.channel, key, metrics, broadcaster::remove);
        key.attach(viewer);
        key.interestOps(SelectionKey.OP_READ);
        viewer.start(HttpResponses.streamHead());
        broadcaster.add(viewer);
    }

    private ByteBuffer snapshot(boolean withBody) {
        Optional<JpegFrame> latest = hub.latest();
        if (latest.isEmpty()) {
            return HttpResponses.text(503, "Service Unavailable", "no frame received from the camera yet\n", withBody,
                    "Retry-After: 1");
        }
        return HttpResponses.of(200, "OK", "image/jpeg", latest.get().jpeg(), withBody, "Cache-Control: no-store");
    }

    private ByteBuffer health(boolean withBody) {
        String age = hub.lastFrameAge().map(a -> Long.toString(a.toMillis())).orElse("null");
        boolean ok = ready.getAsBoolean();
        String error = lastError.get();
        String json = "{\"status\":\"" + (ok ? "ready" : "no-frames") + "\",\"lastFrameAgeMs\":" + age
                + (ok || error == null ? "" : ",\"lastError\":\"" + jsonEscape(error) + "\"") + "}\n";
        return HttpResponses.of(ok ? 200 : 503, ok ? "OK" : "Service Unavailable", "application/json",
                json.getBytes(StandardCharsets.UTF_8), withBody, "Cache-Control: no-store");
    }

    private static String jsonEscape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private void shutdown() {
        broadcaster.closeAll();
        for (SelectionKey key : selector.keys()) {
            closeQuietly(key);
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static void closeQuietly(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
