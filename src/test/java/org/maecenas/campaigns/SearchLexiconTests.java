package org.maecenas.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.maecenas.testing.MaecenasTest;
import org.springframework.beans.factory.annotation.Autowired;

/** "Did you mean …": the closest known word for each unknown one. */
@MaecenasTest
class SearchLexiconTests {

    @Autowired
    SearchLexicon lexicon;

    @Test
    void aMisspelledWordIsCorrectedToTheClosestKnownOne() {
        lexicon.remember("Xylophonistics for beginners");

        assertThat(lexicon.suggest("xylofonistics")).contains("xylophonistics");
        assertThat(lexicon.suggest("Xylofonistics for beginers")).contains("xylophonistics for beginners");
    }

    @Test
    void knownWordsAndHopelessOnesGetNoSuggestion() {
        lexicon.remember("Cartography weekly");

        assertThat(lexicon.suggest("cartography")).isEmpty();
        assertThat(lexicon.suggest("qqqqzzzzvvvv")).isEmpty();
        assertThat(lexicon.suggest("")).isEmpty();
    }

    @Test
    void wordsAreLowerCasedSplitOnPunctuationAndSingleLettersDropped() {
        assertThat(SearchLexicon.words("Épisode 12: The Return, a (new) HOPE!"))
                .containsExactly("épisode", "12", "the", "return", "new", "hope");
        assertThat(SearchLexicon.words(null)).isEmpty();
    }
}
