package org.maecenas.campaigns;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A tier as entered: the amount already parsed to minor units of the campaign's currency. */
public record TierDraft(
        String title,
        String description,
        long amountMinor,
        @Nullable Integer patronLimit,
        List<String> benefits,
        String welcomeNote,
        boolean published) {

    public TierDraft {
        title = title == null ? "" : title.strip();
        description = description == null ? "" : description.strip();
        benefits = benefits == null
                ? List.of()
                : benefits.stream().map(String::strip).filter(b -> !b.isEmpty()).toList();
        welcomeNote = welcomeNote == null ? "" : welcomeNote.strip();
    }
}
