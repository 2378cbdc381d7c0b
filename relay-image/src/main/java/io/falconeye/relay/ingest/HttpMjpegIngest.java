package io.falconeye.relay.ingest;

import io.falconeye.media.source.SourceUrl;
import io.falconeye.relay.frames.FrameSink;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passthrough of an HTTP MJPEG camera inside the JVM: the multipart stream is split into its
 * JPEGs, which are handed on byte for byte. No ffmpeg process and no decoding: this is the
 * cheapest possible ingest. Basic authentication only; a camera that asks for Digest is
 * reported with {@link DigestRequiredException} so the caller can use ffmpeg instead.
 */
public final class HttpMjpegIngest implements Ingest {

    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=\"?([^\";,]+)\"?");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private final SourceUrl url;
    private volatile InputStream body;
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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.withoutCredentials())).GET()
                .header("Accept", "multipart/x-mixed-replace, image/jpeg");
        if (url.hasCredentials()) {
            String token = url.username() + ":" + (url.password() == null ? "" : url.password());
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<InputStream> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestFailedException("interrupted while connecting to " + url);
        } catch (IOException e) {
            throw new IngestFailedException("cannot reach the HTTP camera at " + url + ": " + describe(e));
        }
        body = response.body();
        try (InputStream in = response.body()) {
            if (aborted) {
                throw new IngestFailedException("ingest stopped");
            }
            checkStatus(response);
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                throw new IngestFailedException("HTTP camera at " + url + " does not send an MJPEG stream (Content-Type '"
                        + contentType + "')");
            }
            new MultipartJpegReader(in, boundary(contentType).orElse(null)).readAll(sink);
            throw new IngestFailedException("the camera ended the stream");
        } catch (IngestFailedException | DigestRequiredException e) {
            throw e;
        } catch (IOException e) {
            throw new IngestFailedException(aborted ? "ingest stopped"
                    : "the HTTP camera stream broke: " + describe(e));
        }
    }

    private void checkStatus(HttpResponse<InputStream> response) throws IOException {
        int status = response.statusCode();
        if (status == 401) {
            String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
            if (challenge.toLowerCase(Locale.ROOT).startsWith("digest")) {
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
        InputStream in = body;
        if (in != null) {
            try {
                in.close();
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
