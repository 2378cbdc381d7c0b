package io.falconeye.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Where the camera's video comes from; which fields apply depends on the protocol. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CameraSource {

    /** The device a usb camera without spec.source.devicePath uses (applied by the operator, see the README). */
    public static final String DEFAULT_DEVICE_PATH = "/dev/video0";

    @JsonPropertyDescription("Stream URL for rtsp (rtsp:// or rtsps://) and http (http:// or https://, MJPEG) cameras. "
            + "Never put credentials in it: use spec.credentialsSecretRef.")
    @ValidationRule(value = "!self.matches('^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*@')",
            message = "the url must not contain credentials (user:password@): put them in a Secret and name it in spec.credentialsSecretRef")
    @ValidationRule(value = "self.size() <= 2048", message = "the url is longer than 2048 characters")
    private String url;

    @JsonPropertyDescription("Host name or IP address of an onvif camera.")
    @ValidationRule(value = "self.matches('^[A-Za-z0-9]([A-Za-z0-9.:-]*[A-Za-z0-9])?$')",
            message = "source.host must be a plain host name or IP address (no scheme, path or credentials)")
    private String host;

    @JsonPropertyDescription("ONVIF service port of an onvif camera (1-65535), default 80.")
    @Min(1)
    @Max(65535)
    private Integer port;

    @JsonPropertyDescription("ONVIF media profile token to stream; the camera's first profile when empty.")
    private String profile;

    @JsonPropertyDescription("Video device of a usb camera on its node, default /dev/video0.")
    @ValidationRule(value = "self.matches('^/dev/[A-Za-z0-9._/-]+$')",
            message = "source.devicePath must be a device under /dev, for example /dev/video0")
    private String devicePath;

    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public Integer getPort() { return port; }
    public void setPort(Integer port) { this.port = port; }
    public String getProfile() { return profile; }
    public void setProfile(String profile) { this.profile = profile; }
    public String getDevicePath() { return devicePath; }
    public void setDevicePath(String devicePath) { this.devicePath = devicePath; }
}
