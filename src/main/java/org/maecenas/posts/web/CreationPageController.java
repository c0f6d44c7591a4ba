package org.maecenas.posts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.maecenas.accounts.AccountUser;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.campaigns.Tiers;
import org.maecenas.media.MediaKind;
import org.maecenas.pledges.Memberships;
import org.maecenas.pledges.Standing;
import org.maecenas.posts.AttachmentPaths;
import org.maecenas.posts.Comments;
import org.maecenas.posts.Entitlements;
import org.maecenas.posts.Post;
import org.maecenas.posts.PostId;
import org.maecenas.posts.PostProblems.PostGone;
import org.maecenas.posts.PostProblems.PostNotFound;
import org.maecenas.posts.Posts;
import org.maecenas.posts.Reader;
import org.maecenas.web.Htmx;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The creation page. Its header, media and join box render at once; comments arrive by a second
 * request (htmx), so a post with ten thousand comments shows as fast as one with none.
 */
@Controller
class CreationPageController {

    private static final Pattern ID_AND_SLUG = Pattern.compile("(\\d{1,18})(?:-([a-z0-9-]*))?");

    private final Campaigns campaigns;
    private final Posts posts;
    private final Tiers tiers;
    private final Memberships memberships;
    private final Entitlements entitlements;
    private final Comments comments;

    CreationPageController(
            Campaigns campaigns,
            Posts posts,
            Tiers tiers,
            Memberships memberships,
            Entitlements entitlements,
            Comments comments) {
        this.campaigns = campaigns;
        this.posts = posts;
        this.tiers = tiers;
        this.memberships = memberships;
        this.entitlements = entitlements;
        this.comments = comments;
    }

    @GetMapping("/{slug}/posts/{idAndSlug}")
    String page(
            @PathVariable String slug,
            @PathVariable String idAndSlug,
            @AuthenticationPrincipal AccountUser viewer,
            Model model) {
        Reader reader = Reader.of(viewer);
        Campaign campaign = campaigns.visible(slug, reader.id(), reader.admin());
        Post post = postOf(campaign, idAndSlug, reader);
        String canonical = post.path(campaign.slug());
        if (!canonical.endsWith("/" + idAndSlug)) {
            return "redirect:" + canonical;
        }
        boolean visible = entitlements.maySee(reader, post, campaign);
        List<CreationPage.Attachment> attachments = visible
                ? post.attachments().stream()
                        .map(m -> new CreationPage.Attachment(
                                AttachmentPaths.page(campaign, post, m),
                                m.contentType(),
                                m.originalName(),
                                m.kind() == MediaKind.AUDIO,
                                m.width(),
                                m.height()))
                        .toList()
                : List.of();
        Standing standing = reader.signedIn() ? memberships.standing(reader.user(), campaign.id()) : Standing.NONE;
        model.addAttribute(
                "page",
                new CreationPage(
                        campaign,
                        post,
                        visible,
                        visible ? "" : entitlements.requirement(post, campaign),
                        attachments,
                        tiers.published(campaign.id()),
                        standing,
                        campaign.ownedBy(reader.id()),
                        visible ? comments.count(post.id()) : 0));
        return "posts/CreationPage";
    }

    /** The comments panel: a fragment for htmx, or a page of its own without JavaScript. */
    @GetMapping("/{slug}/posts/{id}/comments")
    String comments(
            @PathVariable String slug,
            @PathVariable long id,
            @RequestParam(defaultValue = "oldest") String order,
            @RequestParam(defaultValue = "1") int page,
            @AuthenticationPrincipal AccountUser viewer,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Reader reader = Reader.of(viewer);
        Campaign campaign = campaigns.visible(slug, reader.id(), reader.admin());
        Post post = postOf(campaign, Long.toString(id), reader);
        model.addAttribute("page", comments.page(reader, post.id(), "newest".equals(order), page));
        response.setHeader("Vary", "HX-Request");
        return Htmx.isFragmentRequest(request) ? "posts/commentsFragment" : "posts/CommentsPage";
    }

    private Post postOf(Campaign campaign, String idAndSlug, Reader reader) {
        Matcher matcher = ID_AND_SLUG.matcher(idAndSlug);
        if (!matcher.matches()) {
            throw new PostNotFound();
        }
        Post post = posts.require(new PostId(Long.parseLong(matcher.group(1))));
        if (!post.campaignId().equals(campaign.id())) {
            throw new PostNotFound();
        }
        if (post.isDeleted()) {
            throw new PostGone();
        }
        boolean author = campaign.ownedBy(reader.id()) || reader.admin();
        if (!post.isPublished() && !author) {
            throw new PostNotFound();
        }
        return post;
    }
}
