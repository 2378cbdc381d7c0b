#!/usr/bin/python3
"""A synthetic live RTSP camera for tests, built on GStreamer's RTSP server.

Mount points (all live sources: a moving test pattern with a running clock,
a 440 Hz tone as G.711 mu-law audio):
  /h264          H.264 video + PCMU audio
  /h265          H.265 video + PCMU audio
  /h264-video    H.264 video only
  /h265-video    H.265 video only
  /h264-1080p    H.264 1920x1080 video + PCMU audio (for benchmarks)
  /h264-pcma     H.264 video + G.711 A-law (PCMA) audio
  /h264-aac      H.264 video + AAC audio (an audio codec MP4 holds as it is)

Run with Debian's python3 (it has the gi bindings):
  /usr/bin/python3 rtsp_camera.py --port 8554 --width 640 --height 480 --fps 15

With RTSP_CAMERA_USER and RTSP_CAMERA_PASSWORD set in the environment (kept out
of the command line), every mount requires those credentials (RTSP Digest authentication).

Prints "READY <port>" once listening, and one line per RTSP client that
connects ("CLIENT-CONNECTED") or goes away ("CLIENT-CLOSED"), so a test can
count the sessions a camera serves.
"""
import argparse
import os
import signal
import sys

DEBIAN_PACKAGES = ("python3-gi gir1.2-gstreamer-1.0 gir1.2-gst-rtsp-server-1.0 "
                   "gstreamer1.0-plugins-base gstreamer1.0-plugins-good "
                   "gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-libav")
MISSING_EXIT_CODE = 3

try:
    import gi
    gi.require_version("Gst", "1.0")
    gi.require_version("GstRtsp", "1.0")
    gi.require_version("GstRtspServer", "1.0")
    from gi.repository import GLib, Gst, GstRtsp, GstRtspServer
except (ImportError, ValueError) as error:
    print(f"MISSING GStreamer Python bindings ({error}); install the Debian packages: {DEBIAN_PACKAGES}",
          file=sys.stderr, flush=True)
    sys.exit(MISSING_EXIT_CODE)

# Element -> Debian package that ships it, checked before serving so a missing
# plugin is a clear startup error rather than a DESCRIBE that fails later.
REQUIRED_ELEMENTS = {
    "videotestsrc": "gstreamer1.0-plugins-base",
    "audiotestsrc": "gstreamer1.0-plugins-base",
    "videoconvert": "gstreamer1.0-plugins-base",
    "clockoverlay": "gstreamer1.0-plugins-base",
    "mulawenc": "gstreamer1.0-plugins-good",
    "alawenc": "gstreamer1.0-plugins-good",
    "rtppcmapay": "gstreamer1.0-plugins-good",
    "rtpmp4gpay": "gstreamer1.0-plugins-good",
    "avenc_aac": "gstreamer1.0-libav",
    "audioresample": "gstreamer1.0-plugins-base",
    "rtppcmupay": "gstreamer1.0-plugins-good",
    "rtph264pay": "gstreamer1.0-plugins-good",
    "rtph265pay": "gstreamer1.0-plugins-good",
    "x264enc": "gstreamer1.0-plugins-ugly",
    "x265enc": "gstreamer1.0-plugins-bad",
    "h264parse": "gstreamer1.0-plugins-bad",
    "h265parse": "gstreamer1.0-plugins-bad",
}


def video_source(width, height, fps):
    return (f"videotestsrc is-live=true pattern=ball ! "
            f"video/x-raw,width={width},height={height},framerate={fps}/1 ! "
            f"clockoverlay time-format=\"%H:%M:%S\" shaded-background=true ! "
            f"videoconvert ! video/x-raw,format=I420")


def h264(width, height, fps, keyint, bitrate_kbps):
    return (f"{video_source(width, height, fps)} ! "
            f"x264enc tune=zerolatency speed-preset=ultrafast key-int-max={keyint} "
            f"bitrate={bitrate_kbps} threads=1 ! video/x-h264,profile=constrained-baseline ! "
            f"h264parse ! rtph264pay name=pay0 pt=96 config-interval=-1")


def h265(width, height, fps, keyint, bitrate_kbps):
    return (f"{video_source(width, height, fps)} ! "
            f"x265enc tune=zerolatency speed-preset=ultrafast key-int-max={keyint} "
            f"bitrate={bitrate_kbps} ! video/x-h265,profile=main ! "
            f"h265parse ! rtph265pay name=pay0 pt=96 config-interval=-1")


def pcmu_audio(payloader_name):
    return (f"audiotestsrc is-live=true wave=sine freq=440 volume=0.3 ! "
            f"audio/x-raw,rate=8000,channels=1 ! audioconvert ! mulawenc ! "
            f"rtppcmupay name={payloader_name} pt=0")


def pcma_audio(payloader_name):
    return (f"audiotestsrc is-live=true wave=sine freq=440 volume=0.3 ! "
            f"audio/x-raw,rate=8000,channels=1 ! audioconvert ! alawenc ! "
            f"rtppcmapay name={payloader_name} pt=8")


def aac_audio(payloader_name):
    return (f"audiotestsrc is-live=true wave=sine freq=440 volume=0.3 ! "
            f"audio/x-raw,rate=16000,channels=1 ! audioconvert ! audioresample ! avenc_aac bitrate=32000 ! "
            f"rtpmp4gpay name={payloader_name} pt=97")


def launch(*branches):
    return "( " + " ".join(branches) + " )"


def mounts(args):
    w, h, fps, k = args.width, args.height, args.fps, args.keyint
    kbps = args.bitrate
    return {
        "/h264": launch(h264(w, h, fps, k, kbps), pcmu_audio("pay1")),
        "/h265": launch(h265(w, h, fps, k, kbps), pcmu_audio("pay1")),
        "/h264-video": launch(h264(w, h, fps, k, kbps)),
        "/h265-video": launch(h265(w, h, fps, k, kbps)),
        "/h264-1080p": launch(h264(1920, 1080, fps, k, max(kbps, 4000)), pcmu_audio("pay1")),
        "/h264-pcma": launch(h264(w, h, fps, k, kbps), pcma_audio("pay1")),
        "/h264-aac": launch(h264(w, h, fps, k, kbps), aac_audio("pay1")),
    }


def missing_elements():
    return sorted({package for element, package in REQUIRED_ELEMENTS.items()
                   if Gst.ElementFactory.find(element) is None})


def parse_args():
    parser = argparse.ArgumentParser(description="Synthetic live RTSP camera for tests")
    parser.add_argument("--port", type=int, default=8554)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--width", type=int, default=640)
    parser.add_argument("--height", type=int, default=480)
    parser.add_argument("--fps", type=int, default=15)
    parser.add_argument("--keyint", type=int, default=0,
                        help="frames between keyframes (default: one per second = fps)")
    parser.add_argument("--bitrate", type=int, default=1000, help="video bitrate in kbit/s")
    args = parser.parse_args()
    if args.keyint <= 0:
        args.keyint = args.fps
    return args


def on_client_connected(_server, client):
    print("CLIENT-CONNECTED", flush=True)
    client.connect("closed", lambda _client: print("CLIENT-CLOSED", flush=True))


def require_credentials(server, user, password):
    """Digest authentication for every mount, as IP cameras with a password do."""
    auth = GstRtspServer.RTSPAuth()
    token = GstRtspServer.RTSPToken()
    token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, "viewer")
    auth.add_digest(user, password, token)
    auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
    server.set_auth(auth)
    permissions = GstRtspServer.RTSPPermissions()
    permissions.add_permission_for_role("viewer", GstRtspServer.RTSP_PERM_MEDIA_FACTORY_ACCESS, True)
    permissions.add_permission_for_role("viewer", GstRtspServer.RTSP_PERM_MEDIA_FACTORY_CONSTRUCT, True)
    return permissions


def main():
    args = parse_args()
    Gst.init(None)
    missing = missing_elements()
    if missing:
        print(f"MISSING GStreamer plugins; install the Debian packages: {' '.join(missing)}",
              file=sys.stderr, flush=True)
        return MISSING_EXIT_CODE

    server = GstRtspServer.RTSPServer()
    server.set_address(args.bind)
    server.set_service(str(args.port))
    user = os.environ.get("RTSP_CAMERA_USER")
    permissions = None
    if user:
        permissions = require_credentials(server, user, os.environ.get("RTSP_CAMERA_PASSWORD", ""))
    for path, pipeline in mounts(args).items():
        factory = GstRtspServer.RTSPMediaFactory()
        factory.set_launch(pipeline)
        # One pipeline per mount shared by all clients, like a real camera's encoder.
        factory.set_shared(True)
        factory.set_latency(50)
        if permissions is not None:
            factory.set_permissions(permissions)
        server.get_mount_points().add_factory(path, factory)
    server.connect("client-connected", on_client_connected)

    loop = GLib.MainLoop()
    if server.attach(None) == 0:
        print(f"FAILED to listen on {args.bind}:{args.port} (port in use?)", file=sys.stderr, flush=True)
        return 2
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    print(f"READY {server.get_bound_port()}", flush=True)
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
