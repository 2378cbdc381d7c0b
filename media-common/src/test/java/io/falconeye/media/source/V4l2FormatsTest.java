package io.falconeye.media.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class V4l2FormatsTest {

    @Test
    void readsFfmpegsListOfFormats() {
        String output = """
                [video4linux2,v4l2 @ 0x55d5c9f0a8c0] Raw       :     yuyv422 :           YUYV 4:2:2 : 640x480 320x240
                [video4linux2,v4l2 @ 0x55d5c9f0a8c0] Compressed:       mjpeg :          Motion-JPEG : 1280x720 640x480
                [in#0 @ 0x55d5c9f09e40] Error opening input: Immediate exit requested
                """;

        assertThat(V4l2Formats.parse(output)).containsExactly("yuyv422", "mjpeg");
    }

    @Test
    void aDeviceThatCannotBeOpenedOffersNothing() {
        // No video device exists on a test machine: the real query runs and finds none.
        assertThat(V4l2Formats.offeredBy("/dev/video97")).isEmpty();
    }
}
