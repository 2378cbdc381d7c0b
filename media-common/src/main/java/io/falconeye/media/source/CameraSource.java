package io.falconeye.media.source;

/**
 * What a Camera says about its source, before resolution.
 *
 * @param protocol how the camera is reached
 * @param url {@code rtsp://...}, {@code onvif://host:port}, {@code http(s)://...}; null for USB
 * @param devicePath {@code /dev/videoN} for USB, else null
 * @param username credentials from the camera's secret (may be null)
 * @param password never logged; {@link #toString()} hides it
 * @param onvifProfile ONVIF media profile token or name, or null for the first
 * @param width requested width for USB (0 = device default)
 * @param height requested height for USB (0 = device default)
 * @param framerate requested frame rate for USB (0 = device default)
 */
public record CameraSource(Protocol protocol, String url, String devicePath, String username, String password,
        String onvifProfile, int width, int height, int framerate) {

    public static CameraSource rtsp(String url) {
        return new CameraSource(Protocol.RTSP, url, null, null, null, null, 0, 0, 0);
    }

    public static CameraSource http(String url) {
        return new CameraSource(Protocol.HTTP, url, null, null, null, null, 0, 0, 0);
    }

    public static CameraSource onvif(String url) {
        return new CameraSource(Protocol.ONVIF, url, null, null, null, null, 0, 0, 0);
    }

    public static CameraSource usb(String devicePath) {
        return new CameraSource(Protocol.USB, null, devicePath, null, null, null, 0, 0, 0);
    }

    public CameraSource withCredentials(String username, String password) {
        return new CameraSource(protocol, url, devicePath, username, password, onvifProfile, width, height, framerate);
    }

    public CameraSource withOnvifProfile(String profile) {
        return new CameraSource(protocol, url, devicePath, username, password, profile, width, height, framerate);
    }

    /** Requested capture size and rate (USB); zeros leave the device's defaults. */
    public CameraSource withCapture(int width, int height, int framerate) {
        return new CameraSource(protocol, url, devicePath, username, password, onvifProfile, width, height, framerate);
    }

    @Override
    public String toString() {
        String where = protocol == Protocol.USB ? devicePath : (url == null ? null : SourceUrl.redact(url));
        return "CameraSource[" + protocol.lowerCase() + " " + where
                + (username == null ? "" : ", user " + username + ", password ***")
                + (onvifProfile == null ? "" : ", profile " + onvifProfile) + "]";
    }
}
