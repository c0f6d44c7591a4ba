package org.maecenas.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;

@MaecenasTest
class MediaTests {

    @Autowired
    Media media;

    @Autowired
    TestUsers users;

    @Test
    void anImageIsDecodedMeasuredAndKeptByItsContentHash() throws Exception {
        User owner = users.patron();
        byte[] png = SampleFiles.png(120, 80, Color.ORANGE);

        StoredMedia stored = media.store(
                owner.id().value(), "holiday.jpg", new ByteArrayInputStream(png), Set.of(MediaKind.IMAGE), true);

        assertThat(stored.kind()).isEqualTo(MediaKind.IMAGE);
        assertThat(stored.contentType()).as("type from the bytes, not the name").isEqualTo("image/png");
        assertThat(stored.width()).isEqualTo(120);
        assertThat(stored.height()).isEqualTo(80);
        assertThat(stored.sizeBytes()).isEqualTo(png.length);
        assertThat(stored.publicUrl()).endsWith(".png");
        assertThat(media.content(stored).getContentAsByteArray()).isEqualTo(png);
    }

    @Test
    void anAudioFileIsMeasuredFromItsFrames() {
        User owner = users.creator();
        StoredMedia stored = media.store(
                owner.id().value(),
                "episode.bin",
                new ByteArrayInputStream(SampleFiles.silentMp3(12)),
                Set.of(MediaKind.AUDIO, MediaKind.IMAGE),
                false);

        assertThat(stored.contentType()).isEqualTo("audio/mpeg");
        assertThat(stored.durationSeconds()).isBetween(11, 13);
        assertThat(stored.publicly()).isFalse();
    }

    @Test
    void aFileThatOnlyClaimsToBeAnImageIsRefused() {
        User owner = users.patron();
        byte[] script = "<script>alert('hi')</script>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> media.store(
                        owner.id().value(), "cat.png", new ByteArrayInputStream(script), Set.of(MediaKind.IMAGE), true))
                .isInstanceOf(MediaRejected.class)
                .hasMessageContaining("isn’t accepted");
        byte[] truncatedPng = java.util.Arrays.copyOf(SampleFiles.png(50, 50, Color.BLUE), 60);
        assertThatThrownBy(() -> media.store(
                        owner.id().value(),
                        "cat.png",
                        new ByteArrayInputStream(truncatedPng),
                        Set.of(MediaKind.IMAGE),
                        true))
                .isInstanceOf(MediaRejected.class)
                .extracting(e -> ((MediaRejected) e).code())
                .isEqualTo("not-an-image");
    }

    @Test
    void audioIsRefusedWhereOnlyImagesAreAcceptedAndOversizedFilesAreRefused() {
        User owner = users.patron();
        assertThatThrownBy(() -> media.store(
                        owner.id().value(),
                        "a.mp3",
                        new ByteArrayInputStream(SampleFiles.silentMp3(2)),
                        Set.of(MediaKind.IMAGE),
                        true))
                .isInstanceOf(MediaRejected.class)
                .extracting(e -> ((MediaRejected) e).code())
                .isEqualTo("unsupported-type");
        byte[] huge = new byte[11 * 1024 * 1024];
        huge[0] = (byte) 0x89;
        assertThatThrownBy(() -> media.store(
                        owner.id().value(), "big.png", new ByteArrayInputStream(huge), Set.of(MediaKind.IMAGE), true))
                .isInstanceOf(MediaRejected.class)
                .extracting(e -> ((MediaRejected) e).code())
                .isEqualTo("too-large");
    }
}
