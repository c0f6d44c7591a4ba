package org.maecenas.media.web;

import java.time.Duration;
import org.maecenas.media.Media;
import org.maecenas.media.MediaId;
import org.maecenas.media.StoredMedia;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * Public media (avatars, banners) at addresses that change with the content, so they are cached
 * for a year. Media that isn't public is never served here.
 */
@Controller
class PublicMediaController {

    private final Media media;

    PublicMediaController(Media media) {
        this.media = media;
    }

    @GetMapping("/media/{id}/{name}")
    ResponseEntity<Resource> get(@PathVariable long id, @PathVariable String name) {
        StoredMedia stored = media.find(new MediaId(id))
                .filter(StoredMedia::publicly)
                .filter(m -> name.equals(m.sha256().substring(0, 16) + "." + m.extension()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok()
                .cacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .eTag(stored.sha256())
                .contentType(MediaType.parseMediaType(stored.contentType()))
                .header("X-Content-Type-Options", "nosniff")
                .body(media.content(stored));
    }
}
