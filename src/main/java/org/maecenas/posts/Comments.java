package org.maecenas.posts;

import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.maecenas.accounts.Accounts;
import org.maecenas.accounts.UserId;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.posts.PostProblems.CommentNotFound;
import org.maecenas.posts.PostProblems.CommentsClosed;
import org.maecenas.posts.PostProblems.NoAccess;
import org.maecenas.posts.PostProblems.NotYourComment;
import org.maecenas.posts.internal.CommentRepository;
import org.maecenas.web.InvalidInput;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Conversation under a post. Only those who may see a post may read or write its comments;
 * replies go one level deep; people edit and delete their own; the creator deletes any and can
 * close comments.
 */
@Service
public class Comments {

    public static final int PAGE_SIZE = 20;
    public static final int MAX_LENGTH = 5000;

    private final CommentRepository comments;
    private final Posts posts;
    private final Campaigns campaigns;
    private final Entitlements entitlements;
    private final Accounts accounts;
    private final Clock clock;

    Comments(
            CommentRepository comments,
            Posts posts,
            Campaigns campaigns,
            Entitlements entitlements,
            Accounts accounts,
            Clock clock) {
        this.accounts = accounts;
        this.comments = comments;
        this.posts = posts;
        this.campaigns = campaigns;
        this.entitlements = entitlements;
        this.clock = clock;
    }

    /** A page of comments; empty for readers who may not see the post. */
    public CommentPage page(Reader reader, PostId postId, boolean newestFirst, int page) {
        Post post = posts.require(postId);
        Campaign campaign = campaigns.require(post.campaignId());
        if (!entitlements.maySee(reader, post, campaign)) {
            throw new NoAccess();
        }
        int current = Math.max(1, page);
        List<Comment> list = named(comments.page(postId, newestFirst, PAGE_SIZE, (current - 1) * PAGE_SIZE));
        long total = comments.countTopLevel(postId);
        return new CommentPage(
                post,
                campaign,
                list,
                current,
                (long) current * PAGE_SIZE < total,
                total,
                newestFirst,
                entitlements.mayComment(reader, post, campaign),
                campaign.ownedBy(reader.id()) || reader.admin(),
                reader.id());
    }

    @Transactional
    public long add(Reader reader, PostId postId, @Nullable Long parentId, String body) {
        if (!reader.signedIn()) {
            throw new PostProblems.SignInRequired();
        }
        Post post = posts.require(postId);
        Campaign campaign = campaigns.require(post.campaignId());
        if (!entitlements.maySee(reader, post, campaign)) {
            throw new NoAccess();
        }
        if (!entitlements.mayComment(reader, post, campaign)) {
            throw new CommentsClosed();
        }
        String text = validBody(body);
        Long parent = null;
        if (parentId != null) {
            Comment replyTo = comments.find(parentId)
                    .filter(c -> c.postId().equals(postId))
                    .orElseThrow(CommentNotFound::new);
            // replies go one level deep: a reply to a reply joins the same thread
            parent = replyTo.parentId() != null ? replyTo.parentId() : replyTo.id();
        }
        return comments.insert(postId, reader.id(), parent, text, clock.instant());
    }

    @Transactional
    public void edit(Reader reader, long commentId, String body) {
        Comment comment = comments.find(commentId).orElseThrow(CommentNotFound::new);
        if (!reader.signedIn() || !comment.by(reader.id())) {
            throw new NotYourComment();
        }
        String text = validBody(body);
        if (comments.edit(commentId, reader.id(), text, clock.instant()) == 0) {
            throw new CommentNotFound();
        }
    }

    /** Authors delete their own; the creator (and admins) delete any on their posts. */
    @Transactional
    public PostId delete(Reader reader, long commentId) {
        Comment comment = comments.find(commentId).orElseThrow(CommentNotFound::new);
        Post post = posts.require(comment.postId());
        Campaign campaign = campaigns.require(post.campaignId());
        boolean allowed =
                reader.signedIn() && (comment.by(reader.id()) || campaign.ownedBy(reader.id()) || reader.admin());
        if (!allowed) {
            throw new NotYourComment();
        }
        comments.delete(commentId, post.id(), clock.instant());
        return post.id();
    }

    public Comment require(long commentId) {
        return comments.find(commentId).orElseThrow(CommentNotFound::new);
    }

    public long count(PostId post) {
        return comments.count(post);
    }

    /** Authors' current display names, looked up through the accounts module in one query. */
    private List<Comment> named(List<Comment> page) {
        java.util.Set<UserId> authors = new java.util.HashSet<>();
        page.forEach(c -> {
            authors.add(new UserId(c.authorId()));
            c.replies().forEach(r -> authors.add(new UserId(r.authorId())));
        });
        java.util.Map<UserId, String> names = accounts.displayNames(authors);
        return page.stream()
                .map(c -> withName(
                        c,
                        names,
                        c.replies().stream()
                                .map(r -> withName(r, names, List.of()))
                                .toList()))
                .toList();
    }

    private static Comment withName(Comment c, java.util.Map<UserId, String> names, List<Comment> replies) {
        return new Comment(
                c.id(),
                c.postId(),
                c.authorId(),
                names.getOrDefault(new UserId(c.authorId()), "Someone"),
                c.parentId(),
                c.body(),
                c.createdAt(),
                c.editedAt(),
                c.deleted(),
                replies);
    }

    private static String validBody(String body) {
        String text = body == null ? "" : body.strip();
        InvalidInput.Collector problems = new InvalidInput.Collector();
        problems.check(!text.isEmpty(), "body", "Write something first.");
        problems.check(text.length() <= MAX_LENGTH, "body", "Keep comments under 5,000 characters.");
        problems.throwIfAny();
        return text;
    }

    /** One page of a post's comments, with what the reader may do. */
    public record CommentPage(
            Post post,
            Campaign campaign,
            List<Comment> comments,
            int page,
            boolean hasNext,
            long total,
            boolean newestFirst,
            boolean mayComment,
            boolean moderator,
            long viewerId) {

        public boolean mayEdit(Comment comment) {
            return !comment.deleted() && comment.by(viewerId);
        }

        public boolean mayDelete(Comment comment) {
            return !comment.deleted() && (comment.by(viewerId) || moderator);
        }
    }
}
