package org.maecenas.posts.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.maecenas.campaigns.Campaign;

/** Search results; {@code suggestion} is a corrected query when nothing matched. */
public record SearchPage(
        String query,
        List<Campaign> creators,
        List<PostCard> posts,
        @Nullable String suggestion) {

    public String suggestionLink() {
        return suggestion == null
                ? "/search"
                : "/search?q=" + java.net.URLEncoder.encode(suggestion, java.nio.charset.StandardCharsets.UTF_8);
    }
}
