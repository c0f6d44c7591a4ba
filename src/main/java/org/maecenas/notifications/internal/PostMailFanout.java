package org.maecenas.notifications.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.maecenas.accounts.Accounts;
import org.maecenas.accounts.UserId;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.campaigns.PostMail;
import org.maecenas.notifications.Outbox;
import org.maecenas.notifications.Outbox.Recipient;
import org.maecenas.notifications.PostMailPreferences;
import org.maecenas.notifications.internal.PostMailingRepository.Mailing;
import org.maecenas.posts.Entitlements;
import org.maecenas.posts.Post;
import org.maecenas.posts.PostProblems.PostNotFound;
import org.maecenas.posts.Posts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Queues a published post's mail to its readers, a chunk at a time: each chunk reads the next
 * members in id order, leaves out those who opted out or never confirmed their address, queues one
 * mail each in the outbox, and records how far it got, all in one transaction. A crash loses at
 * most the chunk in flight, which the next node (after the lease) does again; the outbox's key per
 * post and member keeps anyone from a second mail.
 */
@Component
public class PostMailFanout {

    private static final Logger log = LoggerFactory.getLogger(PostMailFanout.class);
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Duration RETRY = Duration.ofMinutes(1);

    /** What a chunk did; {@code contentId} carries the mail's shared text to the next chunk. */
    private record Chunk(
            int queued, long last, boolean done, @Nullable Long contentId) {}

    private final PostMailingRepository mailings;
    private final Posts posts;
    private final Campaigns campaigns;
    private final Entitlements entitlements;
    private final Accounts accounts;
    private final OptOutRepository optOuts;
    private final PostMailPreferences preferences;
    private final PostMailComposer composer;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final int chunkSize;
    private final Soon soon =
            new Soon(this::run, log, "Queueing post mail failed; the scheduled run goes on from where it stopped");

    PostMailFanout(
            PostMailingRepository mailings,
            Posts posts,
            Campaigns campaigns,
            Entitlements entitlements,
            Accounts accounts,
            OptOutRepository optOuts,
            PostMailPreferences preferences,
            PostMailComposer composer,
            Outbox outbox,
            TransactionTemplate transactions,
            Clock clock,
            MailProperties properties) {
        this.mailings = mailings;
        this.posts = posts;
        this.campaigns = campaigns;
        this.entitlements = entitlements;
        this.accounts = accounts;
        this.optOuts = optOuts;
        this.preferences = preferences;
        this.composer = composer;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
        this.chunkSize = Math.max(1, properties.postMailChunk());
    }

    /** Runs soon after the current transaction commits. */
    void soonAfterCommit() {
        soon.afterCommit();
    }

    /** Queues the mail of every pending mailing no other node holds; returns how many mails it queued. */
    public int run() {
        int queued = 0;
        Optional<Mailing> claimed;
        while ((claimed = mailings.claim(LEASE)).isPresent()) {
            try {
                queued += fanOut(claimed.get());
            } catch (RuntimeException e) {
                // kept from the others for a while; done chunks stay done
                log.warn(
                        "Queueing the mail of post {} failed; trying again later",
                        claimed.get().post(),
                        e);
                mailings.holdOff(claimed.get().post(), RETRY);
            }
        }
        return queued;
    }

    private int fanOut(Mailing mailing) {
        int queued = 0;
        long after = mailing.afterUserId();
        Long contentId = null;
        while (true) {
            long from = after;
            Long content = contentId;
            Chunk chunk = transactions.execute(tx -> chunk(mailing, from, content));
            if (chunk == null) {
                return queued; // moved on by a re-publish or another node
            }
            queued += chunk.queued();
            if (chunk.done()) {
                return queued;
            }
            after = chunk.last();
            contentId = chunk.contentId();
        }
    }

    private @Nullable Chunk chunk(Mailing mailing, long after, @Nullable Long contentId) {
        if (!mailings.stillAt(mailing, after)) {
            return null;
        }
        Post post;
        try {
            post = posts.require(mailing.post());
        } catch (PostNotFound gone) {
            return finish(mailing, after);
        }
        Campaign campaign = campaigns.require(mailing.campaign());
        if (campaign.postMail() == PostMail.OFF || !post.isPublished()) {
            return finish(mailing, after); // turned off, unpublished or deleted since
        }
        List<UserId> readers = entitlements.readers(post, campaign, mailing.publishedAt(), after, chunkSize);
        Map<UserId, String> emails = accounts.verifiedEmails(readers);
        Set<UserId> optedOut = optOuts.among(campaign.id(), readers);
        List<Recipient> recipients = new ArrayList<>(readers.size());
        for (UserId reader : readers) {
            String email = emails.get(reader);
            if (email != null && !optedOut.contains(reader)) {
                recipients.add(new Recipient(
                        keyPrefix(post.id()) + reader, email, preferences.unsubscribeUrl(reader, campaign.id())));
            }
        }
        Long content = contentId;
        if (content == null && !recipients.isEmpty()) {
            content = content(mailing, post, campaign);
        }
        int queued = content == null ? 0 : outbox.enqueueAll(content, recipients);
        boolean done = readers.size() < chunkSize;
        long last = readers.isEmpty() ? after : readers.getLast().value();
        mailings.advance(post.id(), last, queued, done, LEASE, clock.instant());
        return new Chunk(queued, last, done, content);
    }

    /** The start of the outbox key of every mail about this post; the member's id completes it. */
    static String keyPrefix(org.maecenas.posts.PostId post) {
        return "post:" + post + ":";
    }

    /** The mail's text, written once per publish (a re-publish after an edit mails the new text). */
    private long content(Mailing mailing, Post post, Campaign campaign) {
        PostMailComposer.Composed mail = composer.compose(post, campaign, campaign.postMail());
        return outbox.content(
                "post:" + post.id() + ":" + mailing.publishedAt().toEpochMilli(),
                mail.subject(),
                mail.text(),
                mail.html());
    }

    private Chunk finish(Mailing mailing, long after) {
        mailings.advance(mailing.post(), after, 0, true, LEASE, clock.instant());
        return new Chunk(0, after, true, null);
    }
}
