package io.falconeye.media.source;

import io.falconeye.media.onvif.OnvifStreamResolver;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns a {@link CameraSource} into the ffmpeg input that reads it, per protocol:
 * <ul>
 *   <li>rtsp: RTP over TCP ({@code -rtsp_transport tcp}: no UDP loss through NAT or the pod
 *       network) and a socket timeout so a silent camera is noticed;</li>
 *   <li>onvif: the RTSP URI found by {@link OnvifStreamResolver}, then as rtsp;</li>
 *   <li>http(s): MJPEG over HTTP with an I/O timeout;</li>
 *   <li>usb: {@code -f v4l2}, asking for {@code input_format mjpeg} when the device offers it
 *       (far less USB bandwidth than raw, and JPEGs a relay can pass through), plus the
 *       requested size and frame rate.</li>
 * </ul>
 * Credentials from the camera's secret replace any in the URL.
 */
public final class IngestInputs {

    /** How long ffmpeg waits on a silent source before failing (and the caller reconnecting). */
    public static final Duration IO_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<OnvifStreamResolver> onvif;
    private final Function<String, Set<String>> usbFormats;
    private OnvifStreamResolver onvifResolver;

    /**
     * Real ONVIF resolver and the real V4L2 format query. The resolver (and its HTTP client,
     * whose selector thread wakes up every few seconds) is created only for an ONVIF camera.
     */
    public IngestInputs() {
        this.onvif = OnvifStreamResolver::new;
        this.usbFormats = V4l2Formats::offeredBy;
    }

    /**
     * @param usbFormats device path -> formats the device offers (see {@link V4l2Formats})
     */
    public IngestInputs(OnvifStreamResolver onvif, Function<String, Set<String>> usbFormats) {
        this.onvif = () -> onvif;
        this.usbFormats = usbFormats;
    }

    private synchronized OnvifStreamResolver onvif() {
        if (onvifResolver == null) {
            onvifResolver = onvif.get();
        }
        return onvifResolver;
    }

    /**
     * @throws IllegalArgumentException for a source that cannot be read (message names the field)
     * @throws io.falconeye.media.onvif.OnvifException when ONVIF resolution fails
     */
    public IngestInput resolve(CameraSource source) {
        return switch (source.protocol()) {
            case RTSP -> rtsp(parse(source, "rtsp", "rtsps").withCredentials(source.username(), source.password()));
            case ONVIF -> rtsp(onvif().resolve(source.url(), source.username(), source.password(),
                    source.onvifProfile()));
            case HTTP -> http(parse(source, "http", "https").withCredentials(source.username(), source.password()));
            case USB -> usb(source);
        };
    }

    /** An RTSP input over TCP with a socket timeout. */
    public static IngestInput rtsp(SourceUrl url) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("rtsp_transport", "tcp");
        options.put("timeout", String.valueOf(IO_TIMEOUT.toNanos() / 1000));
        return new IngestInput(null, url, null, options, false);
    }

    /** An HTTP MJPEG input with an I/O timeout. */
    public static IngestInput http(SourceUrl url) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("rw_timeout", String.valueOf(IO_TIMEOUT.toNanos() / 1000));
        return new IngestInput(null, url, null, options, true);
    }

    private IngestInput usb(CameraSource source) {
        String device = source.devicePath();
        if (device == null || !device.matches("/dev/video\\d+")) {
            throw new IllegalArgumentException("USB camera needs a device path like /dev/video0, got '" + device + "'");
        }
        Set<String> offered = usbFormats.apply(device);
        return usb(device, offered, source.width(), source.height(), source.framerate());
    }

    /** A V4L2 input; pure, for a device that offers {@code offeredFormats}. */
    public static IngestInput usb(String device, Set<String> offeredFormats, int width, int height, int framerate) {
        Map<String, String> options = new LinkedHashMap<>();
        boolean mjpeg = offeredFormats.contains("mjpeg");
        if (mjpeg) {
            options.put("input_format", "mjpeg");
        }
        if (width > 0 && height > 0) {
            options.put("video_size", width + "x" + height);
        }
        if (framerate > 0) {
            options.put("framerate", String.valueOf(framerate));
        }
        return new IngestInput("v4l2", null, device, options, mjpeg);
    }

    private static SourceUrl parse(CameraSource source, String... schemes) {
        SourceUrl url;
        try {
            url = SourceUrl.parse(source.url());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source.protocol().lowerCase() + " camera source: " + e.getMessage());
        }
        for (String scheme : schemes) {
            if (url.scheme().equals(scheme.toLowerCase(Locale.ROOT))) {
                return url;
            }
        }
        throw new IllegalArgumentException(source.protocol().lowerCase() + " camera source must start with "
                + String.join(":// or ", schemes) + "://, got " + url);
    }
}
