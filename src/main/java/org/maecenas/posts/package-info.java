/**
 * Creations and what visitors see of them: posts with access rules and attachments, scheduled
 * publishing, comments, the one entitlement service every page, feed and download asks, public and
 * private podcast feeds, and the pages that compose a creator's world (creator page, creation page,
 * home feed, explore and search).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Posts")
package org.maecenas.posts;
