package io.falconeye.recorder.muxer;

import static org.assertj.core.api.Assertions.assertThat;

import io.falconeye.media.source.IngestInputs;
import io.falconeye.media.source.SourceUrl;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MuxerCommandTest {

    @Test
    void rtspVideoIsCopiedAndMuLawBecomesAac() {
        List<String> args = MuxerCommand.args(IngestInputs.rtsp(SourceUrl.parse("rtsp://u:p@cam/live")), false,
                AudioHandling.forCodec("pcm_mulaw"), Path.of("/rec/c1"), "Front", 300);
        String line = String.join(" ", args);
        assertThat(line).contains("-rtsp_transport tcp", "-i rtsp://u:p@cam/live", "-map 0:v:0 -map 0:a:0",
                "-c:v copy", "-c:a aac -b:a 64k", "-f segment -segment_time 300", "-reset_timestamps 1",
                "movflags=+frag_keyframe+empty_moov+default_base_moof", "flush_packets=1",
                "-segment_list pipe:1 -segment_list_type csv", "-strftime 1", "/rec/c1/Front_%Y%m%d_%H%M%S.mp4");
        assertThat(args).doesNotContain("-nostdin"); // 'q' on stdin is the graceful stop
    }

    @Test
    void audioMp4HoldsIsCopiedAndNoAudioMeansVideoOnly() {
        assertThat(AudioHandling.forCodec("aac")).isEqualTo(AudioHandling.COPY);
        assertThat(AudioHandling.forCodec("pcm_alaw")).isEqualTo(AudioHandling.AAC);
        assertThat(AudioHandling.forCodec("adpcm_g726")).isEqualTo(AudioHandling.AAC);
        assertThat(AudioHandling.forCodec(null)).isEqualTo(AudioHandling.NONE);
        List<String> args = MuxerCommand.args(IngestInputs.rtsp(SourceUrl.parse("rtsp://cam/live")), false,
                AudioHandling.NONE, Path.of("/rec/c1"), "Front", 60);
        assertThat(args).contains("-an").doesNotContain("0:a:0");
    }

    @Test
    void mjpegIsEncodedToH264WithAKeyframeAtEveryCut() {
        List<String> args = MuxerCommand.args(IngestInputs.http(SourceUrl.parse("http://cam/video.mjpg")), true,
                AudioHandling.NONE, Path.of("/rec/c1"), "Front", 60);
        assertThat(String.join(" ", args)).contains("-use_wallclock_as_timestamps 1", "-c:v libx264 -preset ultrafast",
                "-force_key_frames expr:gte(t,n_forced*60)");
    }

    /** No V4L2 device exists here: the command is checked, the capture itself is not. */
    @Test
    void usbCaptureIsEncodedToH264WithoutAudio() {
        List<String> args = MuxerCommand.args(IngestInputs.usb("/dev/video0", Set.of("mjpeg", "yuyv422"), 1280, 720, 15),
                true, AudioHandling.NONE, Path.of("/rec/c1"), "Desk", 60);
        assertThat(String.join(" ", args)).contains("-f v4l2", "-input_format mjpeg", "-video_size 1280x720",
                "-framerate 15", "-i /dev/video0", "-map 0:v:0", "-an", "-c:v libx264 -preset ultrafast",
                "-force_key_frames expr:gte(t,n_forced*60)", "/rec/c1/Desk_%Y%m%d_%H%M%S.mp4");
    }

    @Test
    void segmentListLinesAreParsed() {
        assertThat(SegmentListEntry.parse("Front_20260101_000000.mp4,4.127500,9.127500"))
                .isEqualTo(new SegmentListEntry("Front_20260101_000000.mp4", 4.1275, 9.1275));
        assertThat(SegmentListEntry.parse("\"a,\"\"b\"\".mp4\",0.0,1.5").fileName()).isEqualTo("a,\"b\".mp4");
        assertThat(SegmentListEntry.parse("garbage")).isNull();
        assertThat(SegmentListEntry.parse("")).isNull();
    }
}
