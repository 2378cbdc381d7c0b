package io.falconeye.relay;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Decodes JPEGs with the JDK's decoder: a frame that decodes is a valid picture. */
final class Jpegs {

    private Jpegs() {}

    static BufferedImage decode(byte[] jpeg) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (image == null) {
                throw new IllegalStateException("not a decodable JPEG (" + jpeg.length + " bytes)");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG does not decode", e);
        }
    }
}
