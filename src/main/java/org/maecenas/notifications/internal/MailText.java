package org.maecenas.notifications.internal;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeVisitor;

/**
 * A post's sanitised HTML made fit for mail: HTML cleaned again with every link made absolute
 * (relative ones would point nowhere from a mail client), and a plain-text rendering of it.
 */
final class MailText {

    private static final Safelist SAFE = Safelist.relaxed()
            .removeProtocols("img", "src", "http")
            .removeProtocols("a", "href", "ftp")
            .addEnforcedAttribute("a", "rel", "nofollow noopener");

    /** Characters reserved for the outbox's placeholders: never taken from what a person wrote. */
    private static final String RESERVED = "[\\uE000-\\uF8FF]";

    private MailText() {}

    /** Strips characters a mail's own placeholders use. */
    static String plain(String text) {
        return text.replaceAll(RESERVED, "");
    }

    /** HTML with nothing but the allow-listed elements, and absolute links against {@code baseUrl}. */
    static String html(String sanitisedHtml, String baseUrl) {
        Document.OutputSettings output = new Document.OutputSettings().prettyPrint(false);
        return plain(Jsoup.clean(sanitisedHtml, baseUrl, SAFE, output));
    }

    /** The text of the HTML, paragraphs apart, a link's address after its words. */
    static String text(String sanitisedHtml, String baseUrl) {
        Element body =
                Jsoup.parseBodyFragment(html(sanitisedHtml, baseUrl), baseUrl).body();
        StringBuilder out = new StringBuilder();
        body.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    if (inPre(text)) {
                        out.append(text.getWholeText());
                        return;
                    }
                    String words = text.text().replaceAll("\\s+", " ");
                    // the line breaks between block elements are not words
                    out.append(lineStart(out).isEmpty() ? words.stripLeading() : words);
                } else if (node instanceof Element element) {
                    switch (element.normalName()) {
                        case "br" -> out.append('\n');
                        case "li" -> out.append(lineStart(out)).append("- ");
                        case "p",
                                "div",
                                "h1",
                                "h2",
                                "h3",
                                "h4",
                                "h5",
                                "h6",
                                "blockquote",
                                "pre",
                                "ul",
                                "ol",
                                "table",
                                "tr" -> out.append(paragraphStart(out));
                        case "img" -> {
                            String alt = element.attr("alt");
                            out.append("[")
                                    .append(alt.isBlank() ? "image" : alt)
                                    .append("]");
                        }
                        default -> {}
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && element.nameIs("a")) {
                    String href = element.absUrl("href");
                    if (!href.isEmpty() && !href.equals(element.text().strip())) {
                        out.append(" <").append(href).append(">");
                    }
                } else if (node instanceof Element element && element.isBlock()) {
                    out.append(lineStart(out));
                }
            }
        });
        return out.toString()
                .replaceAll("[ \\t]+\\n", "\n")
                .replaceAll("\\n{3,}", "\n\n")
                .strip();
    }

    private static boolean inPre(Node node) {
        for (Node parent = node.parent(); parent != null; parent = parent.parent()) {
            if (parent instanceof Element e && e.nameIs("pre")) {
                return true;
            }
        }
        return false;
    }

    private static String lineStart(StringBuilder out) {
        return out.isEmpty() || out.charAt(out.length() - 1) == '\n' ? "" : "\n";
    }

    private static String paragraphStart(StringBuilder out) {
        int length = out.length();
        if (length == 0 || (length >= 2 && out.charAt(length - 1) == '\n' && out.charAt(length - 2) == '\n')) {
            return "";
        }
        return out.charAt(length - 1) == '\n' ? "\n" : "\n\n";
    }
}
