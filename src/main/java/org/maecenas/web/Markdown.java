package org.maecenas.web;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * CommonMark to HTML that is safe to put on a page: raw HTML in the source is escaped, and the
 * output passes an allow-list (no scripts, no event handlers, links only to http, https and
 * mailto). Links open with {@code rel="nofollow noopener ugc"}.
 */
public final class Markdown {

    private static final List<Extension> EXTENSIONS = List.of(AutolinkExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .softbreak("<br>")
            .build();
    private static final Safelist SAFE = Safelist.relaxed()
            // images only over https (no mixed content), links to the web and mail only
            .removeProtocols("img", "src", "http")
            .removeProtocols("a", "href", "ftp")
            .addEnforcedAttribute("a", "rel", "nofollow noopener ugc");

    private Markdown() {}

    /** Sanitised HTML for a page. */
    public static String toHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        String rendered = HTML.render(PARSER.parse(markdown));
        Document.OutputSettings output = new Document.OutputSettings().prettyPrint(false);
        return Jsoup.clean(rendered, "", SAFE, output);
    }

    /**
     * Plain text (for teasers, feeds' summaries and search), at most {@code max} characters: the
     * text of the sanitised HTML, so a link shows its words and never its address.
     */
    public static String toText(String markdown, int max) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        String text = Jsoup.parseBodyFragment(toHtml(markdown))
                .text()
                .replaceAll("\\s+", " ")
                .strip();
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max - 1);
        return text.substring(0, cut > max / 2 ? cut : max - 1) + "…";
    }
}
