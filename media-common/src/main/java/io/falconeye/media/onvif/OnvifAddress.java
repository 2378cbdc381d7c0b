package io.falconeye.media.onvif;

import io.falconeye.media.source.SourceUrl;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where an ONVIF camera is: {@code onvif://[user:password@]host[:port][?profile=TOKEN]}.
 * Port 80 when none is given. Credentials in the URL are used only when none are configured.
 */
public record OnvifAddress(String host, int port, String profile, String username, String password) {

    public static OnvifAddress parse(String onvifUrl) {
        SourceUrl url = SourceUrl.parse(onvifUrl);
        if (!url.scheme().equals("onvif")) {
            throw new IllegalArgumentException("ONVIF source must look like onvif://host:port, got " + url);
        }
        String profile = null;
        String pathAndQuery = url.pathAndQuery();
        int query = pathAndQuery.indexOf('?');
        if (query >= 0) {
            for (String parameter : pathAndQuery.substring(query + 1).split("&")) {
                if (parameter.startsWith("profile=")) {
                    profile = URLDecoder.decode(parameter.substring("profile=".length()), StandardCharsets.UTF_8);
                }
            }
        }
        int port = url.port() < 0 ? 80 : url.port();
        if (port == 0 || port > 65535) {
            throw new IllegalArgumentException("ONVIF source " + url + " has an invalid port");
        }
        return new OnvifAddress(url.host(), port, profile == null || profile.isBlank() ? null : profile,
                url.username(), url.password());
    }

    /** This address with configured credentials, which win over those in the URL. */
    public OnvifAddress withCredentials(String username, String password) {
        if (username == null || username.isBlank()) {
            return this;
        }
        return new OnvifAddress(host, port, profile, username, password);
    }

    /** This address asking for a media profile (a token or a profile name); null keeps the URL's. */
    public OnvifAddress withProfile(String profileTokenOrName) {
        if (profileTokenOrName == null || profileTokenOrName.isBlank()) {
            return this;
        }
        return new OnvifAddress(host, port, profileTokenOrName, username, password);
    }

    /** The device service endpoint, {@code http://host:port/onvif/device_service}. */
    public String deviceServiceUrl() {
        return "http://" + host + ":" + port + "/onvif/device_service";
    }

    /** {@code host:port}, for messages. */
    public String hostAndPort() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "onvif://" + (username == null ? "" : "***@") + hostAndPort()
                + (profile == null ? "" : "?profile=" + profile);
    }
}
