package org.maecenas.bench;

import java.util.Locale;
import java.util.SplittableRandom;

/** Made-up but word-like text for names, titles, bodies and comments, from a fixed vocabulary. */
final class Words {

    static final String[] VOCABULARY = ("""
            harbour lantern river comic episode studio garden winter summer autumn spring journey
            island forest mountain valley ocean desert castle village city market kitchen recipe
            bread coffee music guitar piano violin drum song album podcast interview story chapter
            novel poem sketch drawing painting colour shadow light night morning evening sunrise
            sunset storm rain snow wind thunder cloud star moon planet rocket engine machine robot
            circuit code library compiler kernel server network signal radio camera film video
            lens portrait landscape travel map compass voyage sailor pirate dragon wizard knight
            queen king castle tower bridge tunnel railway station train garden flower orchard apple
            cherry lemon honey candle paper letter ink pencil brush canvas clay pottery wood stone
            iron copper silver golden velvet cotton wool thread needle quilt pattern puzzle riddle
            secret mystery clue detective thief archive museum gallery theatre stage dance ballet
            chorus opera jazz blues folk rock punk vinyl tape cassette record studio mixer tutorial
            lesson workshop guide manual notebook diary journal review critique essay column memoir
            history legend myth fable tale saga ballad anthem lullaby whisper echo mirror window
            door key lock attic cellar roof chimney hearth fireplace blanket pillow dream nightmare
            ghost spirit phantom monster creature beast fox wolf bear owl raven sparrow heron whale
            dolphin octopus turtle rabbit badger otter beetle spider moth butterfly meadow prairie
            glacier volcano canyon cavern reef lagoon harbor lighthouse anchor sail rudder voyage
            quiet gentle brave clever curious hidden ancient modern tiny giant bright dark silent
            wild lost found broken mended wandering restless patient hungry sleepy lucky humble
            """).strip().split("\\s+");

    private Words() {}

    static String word(SplittableRandom random) {
        return VOCABULARY[random.nextInt(VOCABULARY.length)];
    }

    static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** A title of {@code min} to {@code max} words, capitalised like a headline. */
    static String title(SplittableRandom random, int min, int max) {
        int count = min + random.nextInt(max - min + 1);
        StringBuilder title = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                title.append(' ');
            }
            String word = word(random);
            title.append(i == 0 || word.length() > 3 ? capitalized(word) : word);
        }
        return title.toString();
    }

    /** A sentence of 5 to 14 words ending in a full stop. */
    static String sentence(SplittableRandom random) {
        int count = 5 + random.nextInt(10);
        StringBuilder sentence = new StringBuilder(count * 8);
        for (int i = 0; i < count; i++) {
            String word = word(random);
            if (i == 0) {
                sentence.append(capitalized(word));
            } else {
                sentence.append(' ').append(word);
            }
        }
        return sentence.append('.').toString();
    }

    static String sentenceAtMost(SplittableRandom random, int max) {
        String sentence = sentence(random);
        while (sentence.length() > max) {
            sentence = sentence(random);
        }
        return sentence;
    }

    static String paragraph(SplittableRandom random, int sentences) {
        StringBuilder paragraph = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            if (i > 0) {
                paragraph.append(' ');
            }
            paragraph.append(sentence(random));
        }
        return paragraph.toString();
    }

    /** Like the application's {@code Slugs.of}, for ASCII text. */
    static String slug(String title, int max) {
        String slug =
                title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > max) {
            slug = slug.substring(0, max).replaceAll("-+$", "");
        }
        return slug;
    }

    /** Like the application's {@code Markdown.toText}, for plain paragraphs. */
    static String teaser(String text, int max) {
        String flat = text.replaceAll("\\s+", " ").strip();
        if (flat.length() <= max) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', max - 1);
        return flat.substring(0, cut > max / 2 ? cut : max - 1) + "…";
    }
}
