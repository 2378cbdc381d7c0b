/**
 * Real media sources for tests of the relay and the recorder.
 *
 * <ul>
 *   <li>{@link io.falconeye.testsupport.media.RtspCamera}: GStreamer's RTSP server (Debian packages, driven
 *       by Debian's {@code /usr/bin/python3}) with live H.264/H.265 video and G.711 audio; stop and start
 *       on the same port to simulate a camera outage.</li>
 *   <li>{@link io.falconeye.testsupport.media.MjpegTestServer}: an HTTP MJPEG camera serving real JPEGs
 *       made by the bundled ffmpeg, exposing their bytes for passthrough checks.</li>
 *   <li>{@link io.falconeye.testsupport.media.FfmpegTools}: the bundled ffmpeg/ffprobe executables and
 *       ffprobe's JSON.</li>
 *   <li>{@link io.falconeye.testsupport.media.OnvifTestServer}: a local ONVIF camera answering real SOAP
 *       and checking WS-Security password digests.</li>
 * </ul>
 */
package io.falconeye.testsupport.media;
