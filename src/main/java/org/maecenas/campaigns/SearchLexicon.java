package org.maecenas.campaigns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The words people could be looking for (from page names, one-liners and post titles), so a search
 * that finds nothing can suggest "did you mean …".
 */
@Service
public class SearchLexicon {

    private final JdbcClient jdbc;

    SearchLexicon(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void remember(String text) {
        String[] words = words(text);
        if (words.length == 0) {
            return;
        }
        jdbc.sql("insert into search_lexicon (term) select distinct unnest(:terms::text[]) on conflict do nothing")
                .param("terms", words)
                .update();
    }

    /** The query with each unknown word replaced by the closest known one, or empty when nothing is closer. */
    public Optional<String> suggest(String query) {
        String[] words = words(query);
        List<String> corrected = new ArrayList<>();
        boolean changed = false;
        for (String word : words) {
            String best = jdbc.sql("""
                            select term from search_lexicon
                             where term % :word
                             order by term = :word desc, similarity(term, :word) desc, term
                             limit 1
                            """)
                    .param("word", word)
                    .query(String.class)
                    .optional()
                    .orElse(word);
            changed |= !best.equals(word);
            corrected.add(best);
        }
        return changed ? Optional.of(String.join(" ", corrected)) : Optional.empty();
    }

    static String[] words(String text) {
        if (text == null) {
            return new String[0];
        }
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() >= 2 && w.length() <= 40)
                .distinct()
                .limit(64)
                .toArray(String[]::new);
    }
}
