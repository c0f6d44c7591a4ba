package org.maecenas.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.maecenas.notifications.Outbox;
import org.maecenas.web.Markdown;

/** A post's HTML made fit for mail, and its plain text. */
class MailTextTests {

    static final String BASE = "https://maecenas.example";

    @Test
    void relativeLinksBecomeAbsoluteAndUnsafeOnesGo() {
        String html = MailText.html(
                "<p><a href=\"/maps/1\">map</a> <a href=\"javascript:alert(1)\">bad</a>"
                        + " <img src=\"http://plain.example/i.png\" alt=\"i\"><script>x()</script></p>",
                BASE);

        assertThat(html)
                .contains("<a href=\"https://maecenas.example/maps/1\" rel=\"nofollow noopener\">map</a>")
                .contains("<a rel=\"nofollow noopener\">bad</a>")
                .doesNotContain("javascript")
                .doesNotContain("http://plain.example")
                .doesNotContain("script");
    }

    @Test
    void theTextKeepsParagraphsListsAndLinkAddresses() {
        String html = Markdown.toHtml("""
                # Old maps

                First paragraph with [a link](https://example.org/a) and **bold**.
                Same paragraph, next line.

                - one
                - two

                https://example.org/bare
                """);

        assertThat(MailText.text(html, BASE)).isEqualTo("""
                        Old maps

                        First paragraph with a link <https://example.org/a> and bold.
                        Same paragraph, next line.

                        - one
                        - two

                        https://example.org/bare""");
    }

    @Test
    void theOutboxPlaceholderCannotComeFromWhatAPersonWrote() {
        String written = "Click " + Outbox.UNSUBSCRIBE_LINK + " now";

        assertThat(MailText.plain(written)).isEqualTo("Click unsubscribe now");
        assertThat(MailText.html("<p>" + written + "</p>", BASE)).doesNotContain(Outbox.UNSUBSCRIBE_LINK);
    }
}
