package io.falconeye.relay;

import io.falconeye.relay.config.RelayConfig;
import java.net.URI;

/** Resolves an ONVIF camera to its RTSP URI (GetProfiles + GetStreamUri). */
final class OnvifSupport {

    private OnvifSupport() {}

    static URI streamUri(RelayConfig config) throws Exception {
        throw new UnsupportedOperationException("ONVIF resolution is not wired yet");
    }
}
