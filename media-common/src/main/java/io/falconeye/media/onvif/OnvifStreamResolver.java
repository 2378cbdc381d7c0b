package io.falconeye.media.onvif;

import static io.falconeye.media.onvif.OnvifNamespaces.DEVICE;
import static io.falconeye.media.onvif.OnvifNamespaces.MEDIA;
import static io.falconeye.media.onvif.OnvifNamespaces.SCHEMA;

import io.falconeye.media.onvif.OnvifException.Reason;
import io.falconeye.media.source.SourceUrl;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.w3c.dom.Element;

/**
 * Finds the RTSP stream of an ONVIF camera with the real SOAP calls a camera expects:
 * {@code GetSystemDateAndTime} (to sign with the camera's clock), {@code GetCapabilities}
 * (the media service address; {@code GetServices}, then {@code /onvif/media_service} as
 * fallbacks), {@code GetProfiles} and {@code GetStreamUri} (RTP-Unicast over RTSP), each signed
 * with a WS-Security UsernameToken password digest.
 *
 * <p>The result carries the credentials for ffmpeg; its {@code toString()} masks them.
 */
public final class OnvifStreamResolver {

    /** A media profile of the camera. */
    public record Profile(String token, String name) {}

    private final SoapClient soap;
    private final Clock clock;

    /** 10 s per request, the JDK HTTP client, the system clock. */
    public OnvifStreamResolver() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Duration.ofSeconds(10),
                Clock.systemUTC());
    }

    public OnvifStreamResolver(HttpClient http, Duration requestTimeout, Clock clock) {
        this.soap = new SoapClient(http, requestTimeout);
        this.clock = clock;
    }

    /**
     * Resolves {@code onvifUrl} ({@code onvif://host:port[?profile=TOKEN]}) with the given
     * credentials (null/blank username: those in the URL, if any) and profile (token or name;
     * null: the URL's, else the camera's first profile).
     */
    public SourceUrl resolve(String onvifUrl, String username, String password, String profile) {
        return resolve(OnvifAddress.parse(onvifUrl).withCredentials(username, password).withProfile(profile));
    }

    /** The RTSP URL of the address's profile (or the first one), with its credentials inserted. */
    public SourceUrl resolve(OnvifAddress address) {
        Session session = open(address);
        List<Profile> profiles = session.profiles();
        Profile profile = choose(profiles, address);
        String uri = session.streamUri(profile.token());
        SourceUrl rtsp;
        try {
            rtsp = SourceUrl.parse(uri);
        } catch (IllegalArgumentException e) {
            throw new OnvifException(Reason.PROTOCOL, "ONVIF camera at " + address.hostAndPort()
                    + " returned an unusable stream URI for profile " + profile.token() + ": " + e.getMessage());
        }
        if (!rtsp.scheme().equals("rtsp") && !rtsp.scheme().equals("rtsps")) {
            throw new OnvifException(Reason.PROTOCOL, "ONVIF camera at " + address.hostAndPort()
                    + " returned a non-RTSP stream URI for profile " + profile.token() + ": " + rtsp);
        }
        return rtsp.withCredentials(address.username(), address.password());
    }

    /** The camera's media profiles, in the camera's order. */
    public List<Profile> profiles(OnvifAddress address) {
        return open(address).profiles();
    }

    private Session open(OnvifAddress address) {
        Duration clockOffset = cameraClockOffset(address);
        Session session = new Session(address, clockOffset, null);
        return new Session(address, clockOffset, session.mediaServiceUrl());
    }

    private static Profile choose(List<Profile> profiles, OnvifAddress address) {
        if (profiles.isEmpty()) {
            throw new OnvifException(Reason.PROTOCOL, "ONVIF camera at " + address.hostAndPort()
                    + " has no media profile");
        }
        if (address.profile() == null) {
            return profiles.get(0);
        }
        return profiles.stream().filter(p -> p.token().equals(address.profile())).findFirst()
                .or(() -> profiles.stream().filter(p -> address.profile().equals(p.name())).findFirst())
                .orElseThrow(() -> new OnvifException(Reason.PROFILE_NOT_FOUND, "ONVIF camera at "
                        + address.hostAndPort() + " has no profile '" + address.profile() + "'; it has: "
                        + profiles.stream().map(p -> p.token() + (p.name() == null ? "" : " (" + p.name() + ")"))
                                .collect(Collectors.joining(", "))));
    }

    /**
     * Camera clock minus ours, from the unauthenticated GetSystemDateAndTime; zero when the
     * camera does not tell. Cameras reject tokens whose Created time is far from their clock.
     */
    private Duration cameraClockOffset(OnvifAddress address) {
        Element answer;
        try {
            answer = soap.call(address.deviceServiceUrl(), DEVICE, "GetSystemDateAndTime", null, body -> {},
                    address.hostAndPort());
        } catch (OnvifException e) {
            if (e.reason() == Reason.UNREACHABLE) {
                throw e;
            }
            return Duration.ZERO;
        }
        Element utc = SoapClient.first(answer, SCHEMA, "UTCDateTime");
        if (utc == null) {
            return Duration.ZERO;
        }
        try {
            Instant camera = LocalDateTime.of(
                    Integer.parseInt(SoapClient.text(utc, SCHEMA, "Year")),
                    Integer.parseInt(SoapClient.text(utc, SCHEMA, "Month")),
                    Integer.parseInt(SoapClient.text(utc, SCHEMA, "Day")),
                    Integer.parseInt(SoapClient.text(utc, SCHEMA, "Hour")),
                    Integer.parseInt(SoapClient.text(utc, SCHEMA, "Minute")),
                    Integer.parseInt(SoapClient.text(utc, SCHEMA, "Second"))).toInstant(ZoneOffset.UTC);
            return Duration.between(clock.instant(), camera);
        } catch (RuntimeException unparsable) {
            return Duration.ZERO;
        }
    }

    /** Calls against one camera, signed with its clock. */
    private final class Session {
        private final OnvifAddress address;
        private final Duration clockOffset;
        private final String mediaUrl;

        Session(OnvifAddress address, Duration clockOffset, String mediaUrl) {
            this.address = address;
            this.clockOffset = clockOffset;
            this.mediaUrl = mediaUrl;
        }

        String mediaServiceUrl() {
            try {
                Element answer = call(address.deviceServiceUrl(), DEVICE, "GetCapabilities", body ->
                        SoapClient.append(body, DEVICE, "op:Category").setTextContent("Media"));
                Element media = SoapClient.first(answer, SCHEMA, "Media");
                String xaddr = media == null ? null : SoapClient.text(media, SCHEMA, "XAddr");
                if (xaddr != null && !xaddr.isBlank()) {
                    return xaddr;
                }
            } catch (OnvifException e) {
                if (e.reason() != Reason.PROTOCOL) {
                    throw e;
                }
            }
            try {
                Element answer = call(address.deviceServiceUrl(), DEVICE, "GetServices", body ->
                        SoapClient.append(body, DEVICE, "op:IncludeCapability").setTextContent("false"));
                for (Element service : SoapClient.all(answer, DEVICE, "Service")) {
                    if (MEDIA.equals(SoapClient.text(service, DEVICE, "Namespace"))) {
                        return SoapClient.text(service, DEVICE, "XAddr");
                    }
                }
            } catch (OnvifException e) {
                if (e.reason() != Reason.PROTOCOL) {
                    throw e;
                }
            }
            return "http://" + address.hostAndPort() + "/onvif/media_service";
        }

        List<Profile> profiles() {
            Element answer = call(mediaUrl, MEDIA, "GetProfiles", body -> {});
            return SoapClient.all(answer, MEDIA, "Profiles").stream()
                    .map(p -> new Profile(p.getAttribute("token"), SoapClient.text(p, SCHEMA, "Name")))
                    .filter(p -> !p.token().isBlank())
                    .toList();
        }

        String streamUri(String profileToken) {
            Element answer = call(mediaUrl, MEDIA, "GetStreamUri", body -> {
                Element setup = SoapClient.append(body, MEDIA, "op:StreamSetup");
                Element stream = SoapClient.append(setup, SCHEMA, "tt:Stream");
                stream.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:tt", SCHEMA);
                stream.setTextContent("RTP-Unicast");
                Element transport = SoapClient.append(setup, SCHEMA, "tt:Transport");
                transport.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:tt", SCHEMA);
                SoapClient.append(transport, SCHEMA, "tt:Protocol").setTextContent("RTSP");
                SoapClient.append(body, MEDIA, "op:ProfileToken").setTextContent(profileToken);
            });
            String uri = SoapClient.text(answer, SCHEMA, "Uri");
            if (uri == null || uri.isBlank()) {
                throw new OnvifException(Reason.PROTOCOL, "ONVIF camera at " + address.hostAndPort()
                        + " returned no stream URI for profile " + profileToken);
            }
            return uri;
        }

        private Element call(String endpoint, String serviceNs, String operation,
                java.util.function.Consumer<Element> body) {
            UsernameToken token = address.username() == null ? null
                    : UsernameToken.create(address.username(), address.password(), clock.instant().plus(clockOffset));
            return soap.call(endpoint, serviceNs, operation, token, body, address.hostAndPort());
        }
    }
}
