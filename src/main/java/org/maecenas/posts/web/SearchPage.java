package org.maecenas.posts.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.maecenas.campaigns.Campaign;

/** Search results; {@code suggestion} is a corrected query when nothing matched. */
public record SearchPage(
        String query,
        List<Campaign> creators,
        List<PostCard> posts,
        @Nullable String suggestion) {}
