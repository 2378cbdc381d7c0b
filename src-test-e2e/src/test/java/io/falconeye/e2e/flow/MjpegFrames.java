package io.falconeye.e2e.flow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads JPEG frames from a live MJPEG stream and tells a JPEG's size from its SOF header. */
final class MjpegFrames {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private MjpegFrames() {}

    /** The first {@code count} JPEG images of the stream at {@code url}. */
    static List<byte[]> read(String url, int count, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        List<byte[]> frames = new ArrayList<>();
        try (InputStream in = response.body()) {
            ByteArrayOutputStream frame = null;
            int previous = -1;
            int b;
            while (frames.size() < count && (b = in.read()) >= 0) {
                if (frame == null) {
                    if (previous == 0xFF && b == 0xD8) {
                        frame = new ByteArrayOutputStream();
                        frame.write(0xFF);
                        frame.write(0xD8);
                    }
                } else {
                    frame.write(b);
                    if (previous == 0xFF && b == 0xD9) {
                        frames.add(frame.toByteArray());
                        frame = null;
                    }
                }
                previous = b;
            }
        }
        return frames;
    }

    /** {width, height} from the frame's SOF0..SOF2 segment. */
    static int[] size(byte[] jpeg) {
        int i = 2;
        while (i + 9 < jpeg.length) {
            if ((jpeg[i] & 0xFF) != 0xFF) {
                i++;
                continue;
            }
            int marker = jpeg[i + 1] & 0xFF;
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            if (marker >= 0xC0 && marker <= 0xC2) {
                int height = ((jpeg[i + 5] & 0xFF) << 8) | (jpeg[i + 6] & 0xFF);
                int width = ((jpeg[i + 7] & 0xFF) << 8) | (jpeg[i + 8] & 0xFF);
                return new int[] {width, height};
            }
            i += 2 + length;
        }
        throw new IllegalArgumentException("no SOF segment in a JPEG of " + jpeg.length + " bytes");
    }
}
