package org.maecenas.notifications.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.maecenas.notifications.internal.DevMailbox.KeptMail;

public record DevMailboxPage(List<KeptMail> mails, @Nullable KeptMail open) {

    /** Links in a mail's text, so they can be clicked. */
    public List<String> links() {
        if (open == null) {
            return List.of();
        }
        return java.util.regex.Pattern.compile("https?://\\S+")
                .matcher(open.text())
                .results()
                .map(java.util.regex.MatchResult::group)
                .toList();
    }
}
