package io.falconeye.relay.ingest;

import io.falconeye.media.source.SourceUrl;
import io.falconeye.relay.frames.FrameSink;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passthrough of an HTTP MJPEG camera inside the JVM: the multipart stream is split into its
 * JPEGs, which are handed on byte for byte. No ffmpeg process and no decoding: this is the
 * cheapest possible ingest, read on one blocking socket ({@link HttpGet}). Basic authentication
 * only; a camera that asks for Digest is reported with {@link DigestRequiredException} so the
 * caller can use ffmpeg instead.
 */
public final class HttpMjpegIngest implements Ingest {

    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=\"?([^\";,]+)\"?");

    private final SourceUrl url;
    private volatile HttpGet get;
    private volatile boolean aborted;

    public HttpMjpegIngest(SourceUrl url) {
        this.url = url;
    }

    /** The camera wants HTTP Digest authentication, which this ingest does not speak. */
    public static final class DigestRequiredException extends IOException {
        DigestRequiredException(String message) {
            super(message);
        }
    }

    @Override
    public void run(FrameSink sink) throws IOException {
        URI uri;
        try {
            uri = URI.create(url.withoutCredentials());
        } catch (IllegalArgumentException e) {
            throw new IngestFailedException("HTTP camera URL " + url + " is not usable: " + e.getMessage());
        }
        String authorization = null;
        if (url.hasCredentials()) {
            String token = url.username() + ":" + (url.password() == null ? "" : url.password());
            authorization = "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
        }
        try (HttpGet get = new HttpGet()) {
            this.get = get;
            if (aborted) {
                throw new IngestFailedException("ingest stopped");
            }
            get.open(uri, authorization);
            checkStatus(get);
            String contentType = get.header("Content-Type").orElse("");
            if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                throw new IngestFailedException("HTTP camera at " + url + " does not send an MJPEG stream (Content-Type '"
                        + contentType + "')");
            }
            new MultipartJpegReader(get.body(), boundary(contentType).orElse(null)).readAll(sink);
            throw new IngestFailedException("the camera ended the stream");
        } catch (IngestFailedException | DigestRequiredException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new IngestFailedException("HTTP camera URL " + url + " is not usable: " + e.getMessage());
        } catch (IOException e) {
            throw new IngestFailedException(aborted ? "ingest stopped"
                    : "cannot read the HTTP camera at " + url + ": " + describe(e));
        }
    }

    private void checkStatus(HttpGet get) throws IOException {
        int status = get.status();
        if (status == 401) {
            String challenges = get.header("WWW-Authenticate").orElse("").toLowerCase(Locale.ROOT);
            boolean digestOnly = (challenges.startsWith("digest") || challenges.contains(", digest"))
                    && !challenges.contains("basic");
            if (digestOnly) {
                throw new DigestRequiredException("HTTP camera at " + url + " asks for Digest authentication");
            }
            throw new IngestFailedException("HTTP camera at " + url + " rejected "
                    + (url.hasCredentials() ? "the credentials of user '" + url.username() + "'" : "the request without credentials")
                    + " (401); check the camera's username and password");
        }
        if (status != 200) {
            throw new IngestFailedException("HTTP camera at " + url + " answered HTTP " + status);
        }
    }

    static Optional<String> boundary(String contentType) {
        Matcher matcher = BOUNDARY.matcher(contentType);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String boundary = matcher.group(1).trim();
        // Some cameras put the dashes into the parameter; the delimiter line adds its own.
        return Optional.of(boundary.startsWith("--") ? boundary.substring(2) : boundary);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return SourceUrl.redact(message == null ? e.getClass().getSimpleName() : message);
    }

    @Override
    public void abort() {
        aborted = true;
        HttpGet open = get;
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public long pid() {
        return -1;
    }
}
