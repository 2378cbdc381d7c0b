package io.falconeye.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** What the user asks for: one camera, where it is, how to reach it and how to record it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.protocol != 'usb' || (has(self.nodeName) && self.nodeName != '')",
        message = "a usb camera needs spec.nodeName: the node its device is plugged into")
@ValidationRule(value = "self.protocol != 'usb' || !has(self.source) || (!has(self.source.url) && !has(self.source.host))",
        message = "a usb camera takes spec.source.devicePath only, not a url or host")
@ValidationRule(value = "self.protocol == 'usb' || !has(self.source) || !has(self.source.devicePath)",
        message = "spec.source.devicePath is only for usb cameras")
@ValidationRule(value = "self.protocol != 'rtsp' || (has(self.source) && has(self.source.url) && self.source.url.matches('^rtsps?://[^/]+'))",
        message = "an rtsp camera needs spec.source.url starting with rtsp:// or rtsps://")
@ValidationRule(value = "self.protocol != 'http' || (has(self.source) && has(self.source.url) && self.source.url.matches('^https?://[^/]+'))",
        message = "an http camera needs spec.source.url starting with http:// or https://")
@ValidationRule(value = "self.protocol != 'onvif' || (has(self.source) && has(self.source.host) && !has(self.source.url))",
        message = "an onvif camera needs spec.source.host (and optionally port and profile), not a url")
public class CameraSpec {

    @JsonPropertyDescription("How the camera is reached: usb (a video device on a node), rtsp, onvif or http (MJPEG).")
    @Required
    private Protocol protocol;

    @JsonPropertyDescription("Where the video comes from: url for rtsp/http, host/port/profile for onvif, devicePath for usb.")
    private CameraSource source;

    @JsonPropertyDescription("Secret holding the camera's user name and password; passed to the relay and recorder as env, never inline.")
    private SecretKeysRef credentialsSecretRef;

    @JsonPropertyDescription("Node to run the camera's relay and recorder on. Required for usb (the node the device is plugged into); "
            + "network cameras default to the operator's DEFAULT_CAMERA_NODE, else the scheduler decides.")
    @ValidationRule(value = "self.matches('^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$') && self.size() <= 253",
            message = "spec.nodeName must be a node name (lower case letters, digits, '-' and '.')")
    private String nodeName;

    @JsonPropertyDescription("Output size of the live stream as WIDTHxHEIGHT, for example 1280x720. When empty, the "
            + "installation's DEFAULT_RESOLUTION setting applies, and the source's own size when that is not set.")
    @ValidationRule(value = "self.matches('^[1-9][0-9]{1,4}x[1-9][0-9]{1,4}$')",
            message = "spec.resolution must be WIDTHxHEIGHT in pixels, for example 1280x720")
    private String resolution;

    @JsonPropertyDescription("Frames per second of the live stream, 1-60. When empty, the installation's DEFAULT_FRAMERATE "
            + "setting (15 unless changed) applies, and follows it when it changes.")
    @Min(1)
    @Max(60)
    private Integer framerate;

    @JsonPropertyDescription("Free text telling people where the camera is, for example 'front door'.")
    @ValidationRule(value = "self.size() <= 255", message = "spec.location must have at most 255 characters")
    private String location;

    @JsonPropertyDescription("false stops the camera: its relay and recorder are removed and the phase is Stopped. Default true.")
    @Default("true")
    private Boolean enabled = Boolean.TRUE;

    @JsonPropertyDescription("Recording settings: continuous or on demand, segment length, retention.")
    private RecordingSettings recording;

    public Protocol getProtocol() { return protocol; }
    public void setProtocol(Protocol protocol) { this.protocol = protocol; }
    public CameraSource getSource() { return source; }
    public void setSource(CameraSource source) { this.source = source; }
    public SecretKeysRef getCredentialsSecretRef() { return credentialsSecretRef; }
    public void setCredentialsSecretRef(SecretKeysRef credentialsSecretRef) { this.credentialsSecretRef = credentialsSecretRef; }
    public String getNodeName() { return nodeName; }
    public void setNodeName(String nodeName) { this.nodeName = nodeName; }
    public String getResolution() { return resolution; }
    public void setResolution(String resolution) { this.resolution = resolution; }
    public Integer getFramerate() { return framerate; }
    public void setFramerate(Integer framerate) { this.framerate = framerate; }
    public String getLocation() { return location; }
    public void setLocation(String location) { this.location = location; }
    public Boolean getEnabled() { return enabled; }
    public void setEnabled(Boolean enabled) { this.enabled = enabled; }
    public RecordingSettings getRecording() { return recording; }
    public void setRecording(RecordingSettings recording) { this.recording = recording; }

    /** enabled unless explicitly false. */
    public boolean isEnabled() {
        return !Boolean.FALSE.equals(enabled);
    }
}
