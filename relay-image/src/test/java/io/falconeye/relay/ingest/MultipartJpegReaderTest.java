package io.falconeye.relay.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.falconeye.testsupport.media.FfmpegTools;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
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
    void partsSplitAcrossReadsOfAnySizeAreReadTheSame() throws Exception {
        List<byte[]> originals = read(ffmpegOutput, "ffmpeg");
        byte[] withoutLength = withoutContentLength(originals, "b");
        for (int maxRead : new int[] {1, 3, 7, 1000}) {
            assertSameParts(readTrickling(ffmpegOutput, "ffmpeg", maxRead), originals);
            assertSameParts(readTrickling(withoutLength, "b", maxRead), originals);
        }
    }

    @Test
    void aPartLargerThanTheReadBufferWithoutContentLengthIsReadWhole() throws Exception {
        byte[] big = new byte[700_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + (i >> 9));
        }
        List<byte[]> originals = List.of(big, Arrays.copyOf(big, 1234), big);
        assertSameParts(read(withoutContentLength(originals, "b"), "b"), originals);
        assertSameParts(readTrickling(withoutContentLength(originals, "b"), "b", 5000), originals);
    }

    private static byte[] withoutContentLength(List<byte[]> jpegs, String boundary) throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (byte[] jpeg : jpegs) {
            stream.write(("--" + boundary + "\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            stream.write(jpeg);
            stream.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        stream.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return stream.toByteArray();
    }

    private static void assertSameParts(List<byte[]> parsed, List<byte[]> originals) {
        assertThat(parsed).hasSameSizeAs(originals);
        for (int i = 0; i < originals.size(); i++) {
            assertThat(Arrays.equals(parsed.get(i), originals.get(i))).as("part %d", i).isTrue();
        }
    }

    /** Like a pipe or socket: every read returns at most {@code maxRead} bytes, sizes varying. */
    private static List<byte[]> readTrickling(byte[] stream, String boundary, int maxRead) throws Exception {
        InputStream trickle = new ByteArrayInputStream(stream) {
            private int calls;

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + (calls++ * 7919) % maxRead));
            }
        };
        List<byte[]> parts = new ArrayList<>();
        new MultipartJpegReader(trickle, boundary).readAll(parts::add);
        return parts;
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
