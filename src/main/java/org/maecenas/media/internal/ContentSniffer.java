package org.maecenas.media.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The type of a file from its first bytes, whatever its name says. */
final class ContentSniffer {

    private ContentSniffer() {}

    static Optional<String> contentType(byte[] head, int length) {
        if (starts(head, length, 0xFF, 0xD8, 0xFF)) {
            return Optional.of("image/jpeg");
        }
        if (starts(head, length, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of("image/png");
        }
        if (ascii(head, length, 0, "GIF87a") || ascii(head, length, 0, "GIF89a")) {
            return Optional.of("image/gif");
        }
        if (ascii(head, length, 0, "OggS")) {
            return Optional.of("audio/ogg");
        }
        if (ascii(head, length, 4, "ftyp") && length >= 12) {
            String brand = new String(head, 8, 4, StandardCharsets.US_ASCII);
            if (brand.startsWith("M4A")
                    || brand.equals("mp42")
                    || brand.equals("isom")
                    || brand.equals("M4B ")
                    || brand.equals("mp41")
                    || brand.equals("dash")) {
                return Optional.of("audio/mp4");
            }
        }
        if (ascii(head, length, 0, "ID3") || isMpegAudioFrame(head, length)) {
            return Optional.of("audio/mpeg");
        }
        return Optional.empty();
    }

    /** An MPEG audio frame header: 11 sync bits, a valid version, layer III and bitrate. */
    private static boolean isMpegAudioFrame(byte[] head, int length) {
        if (length < 4 || (head[0] & 0xFF) != 0xFF || (head[1] & 0xE0) != 0xE0) {
            return false;
        }
        int version = (head[1] >> 3) & 0x03;
        int layer = (head[1] >> 1) & 0x03;
        int bitrate = (head[2] >> 4) & 0x0F;
        return version != 0x01 && layer == 0x01 && bitrate != 0x0F && bitrate != 0x00;
    }

    private static boolean starts(byte[] head, int length, int... bytes) {
        if (length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] head, int length, int offset, String text) {
        if (length < offset + text.length()) {
            return false;
        }
        return new String(head, offset, text.length(), StandardCharsets.ISO_8859_1).equals(text);
    }
}
