package org.maecenas.posts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.maecenas.accounts.AccountUser;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.campaigns.TierId;
import org.maecenas.campaigns.Tiers;
import org.maecenas.media.MediaRejected;
import org.maecenas.posts.Access;
import org.maecenas.posts.Post;
import org.maecenas.posts.PostCharges;
import org.maecenas.posts.PostDraft;
import org.maecenas.posts.PostId;
import org.maecenas.posts.PostKind;
import org.maecenas.posts.PostProblems.PaidPostLimitReached;
import org.maecenas.posts.Posts;
import org.maecenas.web.FormErrors;
import org.maecenas.web.Htmx;
import org.maecenas.web.InvalidInput;
import org.maecenas.web.Notices;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Writing, scheduling and publishing posts in the creator's workspace. */
@Controller
class PostEditorController {

    private final Posts posts;
    private final Campaigns campaigns;
    private final Tiers tiers;
    private final ObjectProvider<PostCharges> charges;

    PostEditorController(Posts posts, Campaigns campaigns, Tiers tiers, ObjectProvider<PostCharges> charges) {
        this.posts = posts;
        this.campaigns = campaigns;
        this.tiers = tiers;
        this.charges = charges;
    }

    @GetMapping("/dashboard/posts")
    String list(@AuthenticationPrincipal AccountUser viewer, Model model) {
        Campaign campaign = campaigns.mine(viewer.userId());
        List<Post> workspace = posts.workspace(campaign);
        model.addAttribute(
                "page",
                new WorkspacePostsPage(
                        campaign,
                        workspace,
                        posts.paidPostsThisMonth(campaign),
                        chargesOf(
                                campaign,
                                workspace.stream().filter(Post::chargePatrons).toList())));
        return "posts/WorkspacePostsPage";
    }

    @GetMapping("/dashboard/posts/new")
    String newPost(@AuthenticationPrincipal AccountUser viewer, Model model) {
        Campaign campaign = campaigns.mine(viewer.userId());
        model.addAttribute("page", editor(campaign, null, PostDraft.empty(), FormErrors.none()));
        return "posts/PostEditorPage";
    }

    @PostMapping("/dashboard/posts")
    String create(
            @AuthenticationPrincipal AccountUser viewer,
            PostForm form,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Campaign campaign = campaigns.mine(viewer.userId());
        Post post;
        try {
            post = posts.create(viewer.userId(), form.draft());
        } catch (InvalidInput invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("page", editor(campaign, null, form.draft(), invalid.errors()));
            return "posts/PostEditorPage";
        }
        return Notices.redirect(
                redirect,
                "/dashboard/posts/" + post.id().value(),
                "Draft saved. Add files, then publish when it’s ready.");
    }

    @GetMapping("/dashboard/posts/{id}")
    String edit(@AuthenticationPrincipal AccountUser viewer, @PathVariable long id, Model model) {
        Campaign campaign = campaigns.mine(viewer.userId());
        Post post = mine(campaign, id);
        model.addAttribute("page", editor(campaign, post, PostDraft.of(post), FormErrors.none()));
        return "posts/PostEditorPage";
    }

    @PostMapping("/dashboard/posts/{id}")
    String update(
            @AuthenticationPrincipal AccountUser viewer,
            @PathVariable long id,
            PostForm form,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Campaign campaign = campaigns.mine(viewer.userId());
        Post post = mine(campaign, id);
        try {
            posts.update(viewer.userId(), post.id(), form.draft());
        } catch (InvalidInput invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("page", editor(campaign, post, form.draft(), invalid.errors()));
            return "posts/PostEditorPage";
        }
        return Notices.redirect(redirect, "/dashboard/posts/" + id, "Saved.");
    }

    @PostMapping("/dashboard/posts/{id}/publish")
    String publish(
            @AuthenticationPrincipal AccountUser viewer,
            @PathVariable long id,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Campaign campaign = campaigns.mine(viewer.userId());
        Post post = mine(campaign, id);
        try {
            post = posts.publish(viewer.userId(), post.id());
        } catch (PaidPostLimitReached limit) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute(
                    "page",
                    editor(campaign, post, PostDraft.of(post), FormErrors.none().add("", limit.getMessage())));
            return "posts/PostEditorPage";
        }
        return Notices.redirect(redirect, post.path(campaign.slug()), "Published.");
    }

    @PostMapping("/dashboard/posts/{id}/schedule")
    String schedule(
            @AuthenticationPrincipal AccountUser viewer,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String scheduledAt,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Campaign campaign = campaigns.mine(viewer.userId());
        Post post = mine(campaign, id);
        try {
            posts.schedule(viewer.userId(), post.id(), parseUtc(scheduledAt));
        } catch (InvalidInput invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("page", editor(campaign, post, PostDraft.of(post), invalid.errors()));
            return "posts/PostEditorPage";
        }
        return Notices.redirect(
                redirect, "/dashboard/posts", "Scheduled for " + scheduledAt.replace('T', ' ') + " UTC.");
    }

    @PostMapping("/dashboard/posts/{id}/unpublish")
    String unpublish(@AuthenticationPrincipal AccountUser viewer, @PathVariable long id, RedirectAttributes redirect) {
        posts.unpublish(viewer.userId(), new PostId(id));
        return Notices.redirect(redirect, "/dashboard/posts/" + id, "The post is a draft again.");
    }

    @PostMapping("/dashboard/posts/{id}/delete")
    String delete(@AuthenticationPrincipal AccountUser viewer, @PathVariable long id, RedirectAttributes redirect) {
        posts.delete(viewer.userId(), new PostId(id));
        return Notices.redirect(redirect, "/dashboard/posts", "Post deleted.");
    }

    @PostMapping("/dashboard/posts/{id}/attachments")
    String upload(
            @AuthenticationPrincipal AccountUser viewer,
            @PathVariable long id,
            @RequestParam(required = false) MultipartFile file,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect)
            throws IOException {
        Campaign campaign = campaigns.mine(viewer.userId());
        Post post = mine(campaign, id);
        FormErrors errors = FormErrors.none();
        try {
            if (file == null || file.isEmpty()) {
                throw new MediaRejected("empty", "Choose a file to upload.");
            }
            posts.attach(viewer.userId(), post.id(), file.getOriginalFilename(), file.getInputStream());
        } catch (MediaRejected rejected) {
            errors.add("file", rejected.getMessage());
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        if (Htmx.isFragmentRequest(request)) {
            model.addAttribute("page", editor(campaign, posts.require(post.id()), PostDraft.of(post), errors));
            return "posts/attachmentsFragment";
        }
        if (errors.any()) {
            model.addAttribute("page", editor(campaign, post, PostDraft.of(post), errors));
            return "posts/PostEditorPage";
        }
        return Notices.redirect(redirect, "/dashboard/posts/" + id, "File added.");
    }

    @PostMapping("/dashboard/posts/{id}/attachments/{mediaId}/delete")
    String removeAttachment(
            @AuthenticationPrincipal AccountUser viewer,
            @PathVariable long id,
            @PathVariable long mediaId,
            RedirectAttributes redirect) {
        posts.detach(viewer.userId(), new PostId(id), mediaId);
        return Notices.redirect(redirect, "/dashboard/posts/" + id, "File removed from the post.");
    }

    private Post mine(Campaign campaign, long id) {
        return posts.owned(new org.maecenas.accounts.UserId(campaign.ownerUserId()), new PostId(id));
    }

    private PostEditorPage editor(Campaign campaign, Post post, PostDraft draft, FormErrors errors) {
        return new PostEditorPage(
                campaign,
                post,
                draft,
                tiers.all(campaign.id()),
                errors,
                List.of(PostKind.values()),
                List.of(Access.values()),
                post == null || !post.chargePatrons()
                        ? null
                        : chargesOf(campaign, List.of(post)).get(post.id()));
    }

    /** What paid posts were billed, from billing when it is there. */
    private Map<PostId, PostCharges.Charged> chargesOf(Campaign campaign, List<Post> paid) {
        PostCharges source = charges.getIfUnique();
        if (source == null || paid.isEmpty()) {
            return Map.of();
        }
        return source.of(campaign.id(), paid.stream().map(Post::id).toList());
    }

    private static Instant parseUtc(String value) {
        try {
            return LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw InvalidInput.of("scheduledAt", "Enter a date and time.");
        }
    }

    /** The fields the post editor may set. */
    record PostForm(
            String title,
            String body,
            String kind,
            String videoUrl,
            String linkUrl,
            String access,
            Long minTier,
            Boolean chargePatrons) {

        PostDraft draft() {
            PostKind postKind = Enums.parse(PostKind.class, kind);
            Access postAccess = Enums.parse(Access.class, access);
            return new PostDraft(
                    title,
                    body,
                    postKind,
                    videoUrl,
                    linkUrl,
                    postAccess,
                    minTier == null ? null : new TierId(minTier),
                    Boolean.TRUE.equals(chargePatrons));
        }
    }
}
