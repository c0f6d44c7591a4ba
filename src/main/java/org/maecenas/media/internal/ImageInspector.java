package org.maecenas.media.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.maecenas.media.MediaRejected;

/** Decodes an image completely before it is kept: a file that only looks like an image is refused. */
final class ImageInspector {

    record Dimensions(int width, int height) {}

    private ImageInspector() {}

    static Dimensions inspect(Path file, long maxPixels) {
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
            if (readers == null || !readers.hasNext()) {
                throw notAnImage();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || (long) width * height > maxPixels) {
                    throw new MediaRejected(
                            "image-too-large",
                            "This image is " + width + " × " + height + " pixels; use a smaller one.");
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw notAnImage();
                }
                return new Dimensions(width, height);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof MediaRejected rejected) {
                throw rejected;
            }
            throw notAnImage();
        }
    }

    private static MediaRejected notAnImage() {
        return new MediaRejected("not-an-image", "This file could not be read as an image. Use a JPEG, PNG or GIF.");
    }
}
