package org.maecenas.posts;

import org.maecenas.web.DomainProblem;

public final class PostProblems {

    private PostProblems() {}

    public static final class PostNotFound extends DomainProblem.NotFound {
        public PostNotFound() {
            super("post-not-found", "There is no such post.");
        }
    }

    public static final class PostGone extends DomainProblem.Gone {
        public PostGone() {
            super("post-deleted", "The creator deleted this post.");
        }
    }

    public static final class NotYourPost extends DomainProblem.Forbidden {
        public NotYourPost() {
            super("not-your-post", "This post belongs to another creator.");
        }
    }

    public static final class SignInRequired extends DomainProblem.Forbidden {
        public SignInRequired() {
            super("sign-in-required", "Sign in to take part.");
        }
    }

    public static final class CommentNotFound extends DomainProblem.NotFound {
        public CommentNotFound() {
            super("comment-not-found", "There is no such comment.");
        }
    }

    public static final class NotYourComment extends DomainProblem.Forbidden {
        public NotYourComment() {
            super("not-your-comment", "You can only change your own comments.");
        }
    }

    public static final class CommentsClosed extends DomainProblem.Forbidden {
        public CommentsClosed() {
            super("comments-locked", "The creator has closed comments on this post.");
        }
    }

    public static final class NoAccess extends DomainProblem.Forbidden {
        public NoAccess() {
            super("no-access", "This post is for members. Join to see it and take part.");
        }
    }

    public static final class PaidPostLimitReached extends DomainProblem.Conflict {
        public PaidPostLimitReached(int limit) {
            super(
                    "paid-post-limit",
                    "You can publish at most " + limit
                            + " paid posts a month. Publish this one without charging patrons, or wait for next month.");
        }
    }
}
