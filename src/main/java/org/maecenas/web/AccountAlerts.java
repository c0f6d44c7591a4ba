package org.maecenas.web;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Something about a signed-in person's account that every page should say until it is dealt with
 * (a declined payment, say). Implemented by the module that knows; the layout shows it as a banner.
 * Asked at most once per rendered page of a signed-in person, so an implementation must be one
 * cheap query.
 */
public interface AccountAlerts {

    @Nullable
    Alert alertFor(long viewerId);

    /** The message of a banner and where to deal with it. */
    record Alert(String message, String link, String linkText) {}

    /**
     * The alert of one request, asked for only when a page renders the layout (a redirect or a
     * fragment costs no query), and then only once.
     */
    final class Pending {

        private static final Pending NONE = new Pending(() -> null);

        private final Supplier<@Nullable Alert> source;
        private boolean asked;
        private @Nullable Alert alert;

        public Pending(Supplier<@Nullable Alert> source) {
            this.source = source;
        }

        public static Pending none() {
            return NONE;
        }

        public synchronized @Nullable Alert get() {
            if (!asked) {
                alert = source.get();
                asked = true;
            }
            return alert;
        }
    }
}
