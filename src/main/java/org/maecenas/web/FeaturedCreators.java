package org.maecenas.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Supplies the home page's featured creators. The campaigns module implements it; with no
 * implementation the home page shows its empty state.
 */
public interface FeaturedCreators {

    List<Card> featured(int limit);

    /** One creator as the home page shows it. */
    record Card(
            String name,
            String oneLiner,
            String url,
            @Nullable String avatarUrl) {}
}
