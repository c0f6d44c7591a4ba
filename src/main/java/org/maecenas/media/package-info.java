/**
 * Uploaded files: images and audio, checked by their bytes (not their names), images decoded
 * before they are kept, audio measured. Stored through {@code MediaStorage} (by default under
 * {@code ./data/media}), addressed by content hash. Public media (avatars, banners) is served here;
 * media that belongs to locked posts is served only by the posts module after it checks access.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Media")
package org.maecenas.media;
