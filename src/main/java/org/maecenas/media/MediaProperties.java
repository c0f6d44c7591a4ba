package org.maecenas.media;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param directory where the default storage keeps files
 * @param maxImageSize largest image accepted
 * @param maxAudioSize largest audio file accepted
 * @param maxImagePixels largest width × height decoded (guards against decompression bombs)
 */
@ConfigurationProperties("maecenas.media")
public record MediaProperties(
        @DefaultValue("./data/media") String directory,
        @DefaultValue("10MB") DataSize maxImageSize,
        @DefaultValue("300MB") DataSize maxAudioSize,
        @DefaultValue("40000000") long maxImagePixels) {}
