package org.maecenas.posts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.maecenas.accounts.AccountUser;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.posts.Comments;
import org.maecenas.posts.Post;
import org.maecenas.posts.PostId;
import org.maecenas.posts.PostProblems.SignInRequired;
import org.maecenas.posts.Posts;
import org.maecenas.posts.Reader;
import org.maecenas.web.FormErrors;
import org.maecenas.web.Htmx;
import org.maecenas.web.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Writing comments. With htmx each action answers with the refreshed comments panel; without
 * JavaScript it redirects back to the post.
 */
@Controller
class CommentsController {

    private final Comments comments;
    private final Posts posts;
    private final Campaigns campaigns;

    CommentsController(Comments comments, Posts posts, Campaigns campaigns) {
        this.comments = comments;
        this.posts = posts;
        this.campaigns = campaigns;
    }

    @PostMapping("/{slug}/posts/{id}/comments")
    String add(
            @PathVariable String slug,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String body,
            @RequestParam(required = false) Long parentId,
            @AuthenticationPrincipal AccountUser viewer,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Reader reader = Reader.of(viewer);
        PostId postId = new PostId(id);
        FormErrors errors = FormErrors.none();
        try {
            comments.add(reader, postId, parentId, body);
        } catch (InvalidInput invalid) {
            errors = invalid.errors();
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        return panel(reader, postId, request, model, errors);
    }

    @PostMapping("/comments/{commentId}/edit")
    String edit(
            @PathVariable long commentId,
            @RequestParam(defaultValue = "") String body,
            @AuthenticationPrincipal AccountUser viewer,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Reader reader = Reader.of(viewer);
        PostId postId = comments.require(commentId).postId();
        FormErrors errors = FormErrors.none();
        try {
            comments.edit(reader, commentId, body);
        } catch (InvalidInput invalid) {
            errors = invalid.errors();
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        return panel(reader, postId, request, model, errors);
    }

    @PostMapping("/comments/{commentId}/delete")
    String delete(
            @PathVariable long commentId,
            @AuthenticationPrincipal AccountUser viewer,
            HttpServletRequest request,
            Model model) {
        Reader reader = Reader.of(viewer);
        PostId postId = comments.delete(reader, commentId);
        return panel(reader, postId, request, model, FormErrors.none());
    }

    @PostMapping("/{slug}/posts/{id}/comments/lock")
    String lock(
            @PathVariable String slug,
            @PathVariable long id,
            @RequestParam(defaultValue = "true") boolean locked,
            @AuthenticationPrincipal AccountUser viewer,
            HttpServletRequest request,
            Model model) {
        if (viewer == null) {
            throw new SignInRequired();
        }
        Reader reader = Reader.of(viewer);
        posts.lockComments(viewer.userId(), new PostId(id), locked);
        return panel(reader, new PostId(id), request, model, FormErrors.none());
    }

    /** The refreshed panel for htmx; without it, back to the post, or the comments page to show a refusal. */
    private String panel(Reader reader, PostId postId, HttpServletRequest request, Model model, FormErrors errors) {
        boolean fragment = Htmx.isFragmentRequest(request);
        if (!fragment && !errors.any()) {
            Post post = posts.require(postId);
            Campaign campaign = campaigns.require(post.campaignId());
            return "redirect:" + post.path(campaign.slug()) + "#comments";
        }
        model.addAttribute("page", comments.page(reader, postId, false, 1));
        model.addAttribute("errors", errors);
        return fragment ? "posts/commentsFragment" : "posts/CommentsPage";
    }
}
