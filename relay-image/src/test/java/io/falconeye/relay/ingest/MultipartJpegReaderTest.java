package io.falconeye.relay.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.falconeye.testsupport.media.FfmpegTools;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Splits what the real ffmpeg mpjpeg muxer writes, and parts without Content-Length. */
class MultipartJpegReaderTest {

    private static byte[] ffmpegOutput;

    @BeforeAll
    static void encodeWithFfmpeg() {
        ffmpegOutput = FfmpegTools.runFfmpeg(Duration.ofSeconds(60), List.of("-loglevel", "error",
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=10", "-frames:v", "12",
                "-c:v", "mjpeg", "-q:v", "5", "-f", "mpjpeg", "-boundary_tag", "ffmpeg", "pipe:1")).stdoutBytes();
    }

    @Test
    void readsEveryJpegFfmpegWrote() throws Exception {
        List<byte[]> jpegs = read(ffmpegOutput, "ffmpeg");
        assertThat(jpegs).hasSize(12);
        for (byte[] jpeg : jpegs) {
            assertThat(ImageIO.read(new ByteArrayInputStream(jpeg)).getWidth()).isEqualTo(320);
            assertThat(jpeg[jpeg.length - 2] & 0xff).isEqualTo(0xff);
            assertThat(jpeg[jpeg.length - 1] & 0xff).isEqualTo(0xd9);
        }
    }

    @Test
    void partsWithoutContentLengthAreReadUpToTheNextBoundaryByteForByte() throws Exception {
        List<byte[]> originals = read(ffmpegOutput, "ffmpeg");
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (byte[] jpeg : originals) {
            stream.write("--myboundary\r\nContent-Type: image/jpeg\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            stream.write(jpeg);
            stream.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        stream.write("--myboundary--\r\n".getBytes(StandardCharsets.US_ASCII));
        List<byte[]> parsed = read(stream.toByteArray(), "myboundary");
        assertThat(parsed).hasSameSizeAs(originals);
        for (int i = 0; i < originals.size(); i++) {
            assertThat(Arrays.equals(parsed.get(i), originals.get(i))).as("part %d", i).isTrue();
        }
    }

    @Test
    void aStreamCutInsideAJpegIsAnError() {
        byte[] cut = Arrays.copyOf(ffmpegOutput, ffmpegOutput.length / 2);
        assertThatThrownBy(() -> read(cut, "ffmpeg")).isInstanceOf(EOFException.class);
    }

    private static List<byte[]> read(byte[] stream, String boundary) throws Exception {
        List<byte[]> parts = new ArrayList<>();
        new MultipartJpegReader(new ByteArrayInputStream(stream), boundary).readAll(parts::add);
        return parts;
    }
}
