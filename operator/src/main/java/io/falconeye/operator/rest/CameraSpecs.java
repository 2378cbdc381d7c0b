package io.falconeye.operator.rest;

import io.falconeye.operator.api.CameraSource;
import io.falconeye.operator.api.CameraSpec;
import io.falconeye.operator.api.Protocol;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a camera request field by field and turns it into a CameraSpec; pure. Credentials in a
 * source URL (rtsp://user:pass@host/...) are taken out of it: they go into a Secret, never into
 * the resource.
 */
public final class CameraSpecs {

    static final int MAX_NAME = 255;
    private static final Pattern RESOLUTION = Pattern.compile("^[1-9][0-9]{1,4}x[1-9][0-9]{1,4}$");
    private static final Pattern DEVICE = Pattern.compile("^/dev/[A-Za-z0-9._-]+$");
    private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9.:-]*[A-Za-z0-9])?$");

    private CameraSpecs() {
    }

    /** A spec plus the credentials found in the request, if any. */
    public record Parsed(CameraSpec spec, String username, String password) {
        public boolean hasCredentials() {
            return username != null || password != null;
        }
    }

    public static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw ProblemException.badField("name", "is required");
        }
        if (name.length() > MAX_NAME) {
            throw ProblemException.badField("name", "must have at most " + MAX_NAME + " characters");
        }
        String slug = slug(name);
        if (slug.isEmpty()) {
            throw ProblemException.badField("name", "must contain at least one letter or digit");
        }
        return name.trim();
    }

    /** The resource name of a camera: lower case letters, digits and '-', at most 55 characters. */
    public static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 55) {
            slug = slug.substring(0, 55).replaceAll("-+$", "");
        }
        return slug;
    }

    public static Protocol protocol(String value) {
        if (value == null) {
            throw ProblemException.badField("protocol", "is required: one of " + protocols());
        }
        return Arrays.stream(Protocol.values()).filter(p -> p.value().equals(value)).findFirst()
                .orElseThrow(() -> ProblemException.badField("protocol", "'" + abbreviate(value)
                        + "' is not one of " + protocols()));
    }

    /**
     * Resolution and framerate stay out of the spec when the request leaves them out: the operator
     * then applies the settings in effect, also after they change.
     */
    public static Parsed create(CameraRequest request) {
        requireName(request.name());
        Protocol protocol = protocol(request.protocol());
        CameraSpec spec = new CameraSpec();
        spec.setProtocol(protocol);
        spec.setLocation(location(request.location()));
        spec.setResolution(resolution(request.resolution()));
        spec.setFramerate(framerate(request.framerate()));
        spec.setEnabled(request.enabled() == null ? Boolean.TRUE : request.enabled());
        if (request.nodeName() != null) {
            spec.setNodeName(Ids.requireNodeName("node_name", request.nodeName()));
        }
        CameraSource source = new CameraSource();
        String user = request.username();
        String pass = request.password();
        if (protocol == Protocol.USB) {
            if (request.sourceUrl() != null) {
                throw ProblemException.badField("source_url", "is not used by usb cameras; give device_path");
            }
            if (spec.getNodeName() == null) {
                throw ProblemException.badField("node_name", "is required for usb cameras: the node the device is plugged into");
            }
            source.setDevicePath(device(request.devicePath() == null ? "/dev/video0" : request.devicePath()));
        } else {
            if (request.devicePath() != null) {
                throw ProblemException.badField("device_path", "is only for usb cameras");
            }
            if (request.sourceUrl() == null || request.sourceUrl().isBlank()) {
                throw ProblemException.badField("source_url", "is required for " + protocol.value() + " cameras");
            }
            Parsed fromUrl = source(protocol, request.sourceUrl(), source);
            user = user != null ? user : fromUrl.username();
            pass = pass != null ? pass : fromUrl.password();
        }
        spec.setSource(source);
        return new Parsed(spec, user, pass);
    }

    /**
     * Fills {@code source} from a URL of the protocol; returns the credentials the URL carried.
     * onvif URLs are onvif://[user:pass@]host[:port][/profile] (or http://host:port).
     */
    static Parsed source(Protocol protocol, String url, CameraSource source) {
        if (url.length() > 2048) {
            throw ProblemException.badField("source_url", "is longer than 2048 characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (Exception e) {
            throw ProblemException.badField("source_url", "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean ok = switch (protocol) {
            case RTSP -> scheme.equals("rtsp") || scheme.equals("rtsps");
            case HTTP -> scheme.equals("http") || scheme.equals("https");
            case ONVIF -> scheme.equals("onvif") || scheme.equals("http");
            case USB -> false;
        };
        if (!ok || uri.getHost() == null) {
            throw ProblemException.badField("source_url", "must be a " + switch (protocol) {
                case RTSP -> "rtsp:// or rtsps://";
                case HTTP -> "http:// or https://";
                default -> "onvif://host[:port]";
            } + " URL with a host");
        }
        String user = null;
        String pass = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            pass = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
        }
        if (protocol == Protocol.ONVIF) {
            if (!HOST.matcher(uri.getHost()).matches()) {
                throw ProblemException.badField("source_url", "has an invalid host");
            }
            source.setHost(uri.getHost());
            source.setPort(uri.getPort() > 0 ? uri.getPort() : null);
            String profile = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+", "");
            source.setProfile(profile.isEmpty() ? null : profile);
        } else {
            try {
                URI clean = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
                        uri.getFragment());
                source.setUrl(clean.toString());
            } catch (Exception e) {
                throw ProblemException.badField("source_url", "is not a valid URL");
            }
        }
        return new Parsed(null, user, pass);
    }

    static String location(String value) {
        if (value != null && value.length() > 255) {
            throw ProblemException.badField("location", "must have at most 255 characters");
        }
        return value;
    }

    static String resolution(String value) {
        if (value != null && !RESOLUTION.matcher(value).matches()) {
            throw ProblemException.badField("resolution", "must be WIDTHxHEIGHT, for example 640x480");
        }
        return value;
    }

    static Integer framerate(Integer value) {
        if (value != null && (value < 1 || value > 60)) {
            throw ProblemException.badField("framerate", "must be between 1 and 60");
        }
        return value;
    }

    static String device(String value) {
        if (!DEVICE.matcher(value).matches()) {
            throw ProblemException.badField("device_path", "must be a device under /dev, for example /dev/video0");
        }
        return value;
    }

    private static String protocols() {
        return Arrays.stream(Protocol.values()).map(Protocol::value).collect(Collectors.joining(", "));
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
