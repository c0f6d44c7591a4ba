package org.maecenas.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Small real files for demo data, tests and benchmarks: a PNG drawn in memory and a silent MP3
 * (valid MPEG-1 Layer III frames, 128 kbit/s mono) of a given length.
 */
public final class SampleFiles {

    private static final int FRAME_BYTES = 417; // 144 * 128000 / 44100, no padding
    private static final double FRAMES_PER_SECOND = 44100.0 / 1152;

    private SampleFiles() {}

    public static byte[] png(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(color);
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(color.darker());
        graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] silentMp3(int seconds) {
        int frames = (int) Math.ceil(seconds * FRAMES_PER_SECOND);
        byte[] mp3 = new byte[frames * FRAME_BYTES];
        for (int frame = 0; frame < frames; frame++) {
            int at = frame * FRAME_BYTES;
            mp3[at] = (byte) 0xFF;
            mp3[at + 1] = (byte) 0xFB; // MPEG-1, Layer III, no CRC
            mp3[at + 2] = (byte) 0x90; // 128 kbit/s, 44.1 kHz, no padding
            mp3[at + 3] = (byte) 0xC0; // mono
        }
        return mp3;
    }
}
