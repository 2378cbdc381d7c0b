package io.falconeye.media.source;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A camera URL and its credentials, kept apart so the URL with credentials goes only to ffmpeg
 * ({@link #forFfmpeg()}) while logs, status and errors get {@link #redacted()} (also
 * {@link #toString()}).
 *
 * <p>Credentials are percent-encoded in {@link #forFfmpeg()} (FFmpeg decodes them), so
 * passwords with {@code @ : / ?} work. When parsing, everything before the last {@code @} of the
 * authority is the user info, so a raw {@code @} in a password is accepted too.
 */
public final class SourceUrl {

    private static final Pattern USER_INFO_IN_TEXT = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^\\s/]*@");

    private final String scheme;
    private final String rest;
    private final String username;
    private final String password;

    private SourceUrl(String scheme, String rest, String username, String password) {
        this.scheme = scheme;
        this.rest = rest;
        this.username = username;
        this.password = password;
    }

    /**
     * Parses {@code scheme://[user[:password]@]host[:port][/path][?query]}; user info is
     * percent-decoded.
     *
     * @throws IllegalArgumentException naming the problem (never echoing a password)
     */
    public static SourceUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("source URL is empty");
        }
        String trimmed = url.trim();
        int separator = trimmed.indexOf("://");
        if (separator <= 0) {
            throw new IllegalArgumentException("source URL " + redact(trimmed) + " has no scheme (like rtsp://)");
        }
        String scheme = trimmed.substring(0, separator).toLowerCase(Locale.ROOT);
        String afterScheme = trimmed.substring(separator + 3);
        int queryStart = firstIndexOf(afterScheme, '?', '#');
        int at = afterScheme.lastIndexOf('@', queryStart < 0 ? afterScheme.length() - 1 : queryStart - 1);
        String username = null;
        String password = null;
        String rest = afterScheme;
        if (at >= 0) {
            String userInfo = afterScheme.substring(0, at);
            rest = afterScheme.substring(at + 1);
            int colon = userInfo.indexOf(':');
            username = percentDecode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : percentDecode(userInfo.substring(colon + 1));
        }
        if (rest.isEmpty() || rest.startsWith("/") || rest.startsWith(":")) {
            throw new IllegalArgumentException("source URL " + new SourceUrl(scheme, rest, username, password)
                    + " has no host");
        }
        return new SourceUrl(scheme, rest, emptyToNull(username), password);
    }

    /**
     * This URL with the given credentials, which replace any in the URL. A null or blank
     * {@code username} keeps the URL's own credentials.
     */
    public SourceUrl withCredentials(String username, String password) {
        if (username == null || username.isBlank()) {
            return this;
        }
        return new SourceUrl(scheme, rest, username, password);
    }

    /** The URL with percent-encoded credentials: for ffmpeg's input only, never for logs. */
    public String forFfmpeg() {
        if (username == null) {
            return scheme + "://" + rest;
        }
        String userInfo = percentEncode(username) + (password == null ? "" : ":" + percentEncode(password));
        return scheme + "://" + userInfo + "@" + rest;
    }

    /** The URL for logs: user info replaced by {@code ***}. */
    public String redacted() {
        return scheme + "://" + (username == null ? "" : "***@") + rest;
    }

    /** The URL without any credentials. */
    public String withoutCredentials() {
        return scheme + "://" + rest;
    }

    public String scheme() {
        return scheme;
    }

    /** Host (without port or brackets stripped), e.g. {@code 192.168.1.20} or {@code [::1]}. */
    public String host() {
        String authority = authority();
        if (authority.startsWith("[")) {
            return authority.substring(0, authority.indexOf(']') + 1);
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    /** Port, or -1 when the URL has none. */
    public int port() {
        String authority = authority();
        int colon = authority.lastIndexOf(':');
        if (colon < 0 || authority.lastIndexOf(']') > colon) {
            return -1;
        }
        try {
            return Integer.parseInt(authority.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("source URL " + redacted() + " has a malformed port");
        }
    }

    /** Path and query after the authority, e.g. {@code /h264?x=1}, or an empty string. */
    public String pathAndQuery() {
        return rest.substring(authority().length());
    }

    public boolean hasCredentials() {
        return username != null;
    }

    public String username() {
        return username;
    }

    /** The password, or null: for authenticating (e.g. an ONVIF digest) only, never for logs. */
    public String password() {
        return password;
    }

    @Override
    public String toString() {
        return redacted();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SourceUrl that && scheme.equals(that.scheme) && rest.equals(that.rest)
                && Objects.equals(username, that.username) && Objects.equals(password, that.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, rest, username);
    }

    /**
     * Masks the user info of every URL inside free text, such as an ffmpeg error line:
     * {@code rtsp://admin:pw@host/x} becomes {@code rtsp://***@host/x}.
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        return USER_INFO_IN_TEXT.matcher(text).replaceAll("$1***@");
    }

    private String authority() {
        int end = firstIndexOf(rest, '/', '?', '#');
        return end < 0 ? rest : rest.substring(0, end);
    }

    private static int firstIndexOf(String text, char... chars) {
        int first = -1;
        for (char c : chars) {
            int index = text.indexOf(c);
            if (index >= 0 && (first < 0 || index < first)) {
                first = index;
            }
        }
        return first;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    static String percentEncode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    /** Decodes {@code %XX}; a {@code %} not followed by two hex digits stays as it is. */
    static String percentDecode(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && isHex(raw[i + 1]) && isHex(raw[i + 2])) {
                bytes.write(Integer.parseInt(new String(raw, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }
}
