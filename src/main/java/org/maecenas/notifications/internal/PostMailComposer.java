package org.maecenas.notifications.internal;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.PostMail;
import org.maecenas.notifications.Outbox;
import org.maecenas.posts.Post;
import org.maecenas.web.Markdown;
import org.maecenas.web.SiteProperties;
import org.springframework.stereotype.Component;

/**
 * Writes the mail about a new post, once per post: the same text goes to every member, with the
 * outbox's placeholder where each member's own unsubscribe link goes. Only members who may see the
 * post get it, so the full text is theirs to read; a preview is the first lines and a link.
 */
@Component
class PostMailComposer {

    static final int PREVIEW_LENGTH = 300;

    /** A composed mail. */
    record Composed(String subject, String text, String html) {}

    private final TemplateEngine templates;
    private final SiteProperties site;

    PostMailComposer(TemplateEngine templates, SiteProperties site) {
        this.templates = templates;
        this.site = site;
    }

    Composed compose(Post post, Campaign campaign, PostMail mode) {
        boolean full = mode == PostMail.FULL;
        String title = MailText.plain(post.title());
        String name = MailText.plain(campaign.name());
        String noun = MailText.plain(campaign.creationNoun());
        String postUrl = site.link(post.path(campaign.slug()));
        String preview = full ? null : MailText.plain(Markdown.toText(post.bodyMarkdown(), PREVIEW_LENGTH));
        PostMailView view = new PostMailView(
                site.name(),
                name,
                site.link(campaign.url()),
                noun,
                title,
                postUrl,
                full ? MailText.html(post.bodyHtml(), site.baseUrl()) : null,
                preview,
                post.linkUrl() != null ? post.linkUrl() : post.videoUrl(),
                Outbox.UNSUBSCRIBE_LINK,
                site.link("/settings/notifications"));
        StringOutput html = new StringOutput();
        templates.render("notifications/postMail.jte", view, html);
        return new Composed(
                name + ": " + title,
                text(view, full ? MailText.text(post.bodyHtml(), site.baseUrl()) : preview),
                html.toString());
    }

    private static String text(PostMailView view, String body) {
        StringBuilder text = new StringBuilder();
        text.append(view.campaignName())
                .append(" published a new ")
                .append(view.creationNoun())
                .append(":\n\n")
                .append(view.title())
                .append("\n\n");
        if (!body.isEmpty()) {
            text.append(body).append("\n\n");
        }
        if (view.link() != null) {
            text.append("Link: ").append(view.link()).append("\n\n");
        }
        text.append(view.bodyHtml() != null ? "Open it on " + view.siteName() : "Read the whole " + view.creationNoun())
                .append(": ")
                .append(view.postUrl())
                .append("\n\n-- \n")
                .append("You get this mail because you are a member of ")
                .append(view.campaignName())
                .append(" on ")
                .append(view.siteName())
                .append(".\nStop mail about new posts from ")
                .append(view.campaignName())
                .append(": ")
                .append(view.unsubscribeUrl())
                .append("\nChoose which creators mail you: ")
                .append(view.preferencesUrl())
                .append('\n');
        return text.toString();
    }
}
