package io.falconeye.relay.ingest;

import io.falconeye.relay.config.RelayConfig.Credentials;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** Puts credentials into the URL ffmpeg opens, and takes them out of anything that gets logged. */
public final class SourceUrls {

    private static final Pattern USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]+@");

    private SourceUrls() {}

    /** {@code scheme://user:password@host...}, user and password percent-encoded. */
    public static String withCredentials(URI uri, Credentials credentials) {
        if (credentials == null || uri.getRawUserInfo() != null) {
            return uri.toString();
        }
        String userInfo = encode(credentials.username())
                + (credentials.password().isEmpty() ? "" : ":" + encode(credentials.password()));
        String plain = uri.toString();
        int afterScheme = plain.indexOf("://") + 3;
        return plain.substring(0, afterScheme) + userInfo + "@" + plain.substring(afterScheme);
    }

    /** Removes URL user info and the password itself (plain and encoded) from a message. */
    public static UnaryOperator<String> redactor(Credentials credentials) {
        return message -> {
            if (message == null) {
                return null;
            }
            String safe = USER_INFO.matcher(message).replaceAll("$1****@");
            if (credentials != null && !credentials.password().isEmpty()) {
                safe = safe.replace(credentials.password(), "****").replace(encode(credentials.password()), "****");
            }
            return safe;
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
