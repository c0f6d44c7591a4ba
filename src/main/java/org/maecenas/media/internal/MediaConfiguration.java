package org.maecenas.media.internal;

import java.io.IOException;
import java.nio.file.Path;
import org.maecenas.media.MediaProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MediaProperties.class)
class MediaConfiguration {

    @Bean
    @ConditionalOnMissingBean(MediaStorage.class)
    MediaStorage mediaStorage(MediaProperties properties) throws IOException {
        return new LocalMediaStorage(Path.of(properties.directory()));
    }
}
