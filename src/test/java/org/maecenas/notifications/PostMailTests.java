package org.maecenas.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.Accounts;
import org.maecenas.accounts.User;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.campaigns.PostMail;
import org.maecenas.campaigns.Tier;
import org.maecenas.campaigns.TierDraft;
import org.maecenas.campaigns.TierId;
import org.maecenas.campaigns.Tiers;
import org.maecenas.notifications.internal.OutboxDrain;
import org.maecenas.notifications.internal.PostMailFanout;
import org.maecenas.pledges.Memberships;
import org.maecenas.pledges.Pledge;
import org.maecenas.posts.Access;
import org.maecenas.posts.Entitlements;
import org.maecenas.posts.Post;
import org.maecenas.posts.PostDraft;
import org.maecenas.posts.PostEvents.PostPublished;
import org.maecenas.posts.PostKind;
import org.maecenas.posts.Posts;
import org.maecenas.posts.Reader;
import org.maecenas.testing.CreatorWorld;
import org.maecenas.testing.CreatorWorld.World;
import org.maecenas.testing.GreenMailTest;
import org.maecenas.testing.Patrons;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * New-post mail through a real SMTP server (GreenMail): who gets it, what it says, that nobody gets
 * it twice, and that its unsubscribe link works over real HTTP. Chunks of two members, so even a
 * small audience is queued in several transactions.
 */
@TestPropertySource(properties = "maecenas.mail.post-mail-chunk=2")
class PostMailTests extends GreenMailTest {

    @Autowired
    CreatorWorld worlds;

    @Autowired
    Patrons patrons;

    @Autowired
    TestUsers users;

    @Autowired
    Accounts accounts;

    @Autowired
    Campaigns campaigns;

    @Autowired
    Tiers tiers;

    @Autowired
    Posts posts;

    @Autowired
    org.maecenas.billing.Checkout checkout;

    @Autowired
    Memberships memberships;

    @Autowired
    Entitlements entitlements;

    @Autowired
    PostMailPreferences preferences;

    @Autowired
    PostMailFanout fanout;

    @Autowired
    OutboxDrain drain;

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** A monthly creator's members of every kind. */
    record Cast(
            World world,
            User tierMember,
            User lowerTier,
            User follower,
            User declined,
            User cancelledExpired,
            User cancelledInPeriod,
            User unsubscribed,
            User allOff,
            User unconfirmed) {

        List<User> everyone() {
            return List.of(
                    tierMember,
                    lowerTier,
                    follower,
                    declined,
                    cancelledExpired,
                    cancelledInPeriod,
                    unsubscribed,
                    allOff,
                    unconfirmed);
        }
    }

    @Test
    void aTierPostIsMailedOnceToEachMemberWhoMaySeeItAndWantsIt() throws Exception {
        Cast cast = cast(PostMail.FULL);
        Post post = publish(cast.world(), "Tier news", "Words for the tier.", Access.TIER, tierOf(cast));

        settle();

        assertThat(recipientsOf(post))
                .containsExactlyInAnyOrder(
                        cast.tierMember().email(), cast.cancelledInPeriod().email());
        assertAgreesWithEntitlements(cast, post);
    }

    @Test
    void aMembersPostReachesFreeMembersLowerTiersAndDeclinedPatronsButNotTheLapsedOrOptedOut() throws Exception {
        Cast cast = cast(PostMail.PREVIEW);
        Post post = publish(cast.world(), "For all members", "Hello members.", Access.MEMBERS, null);

        settle();

        assertThat(recipientsOf(post))
                .containsExactlyInAnyOrder(
                        cast.tierMember().email(),
                        cast.lowerTier().email(),
                        cast.follower().email(),
                        cast.declined().email(),
                        cast.cancelledInPeriod().email());
        assertAgreesWithEntitlements(cast, post);
    }

    @Test
    void thePreviewIsTheTitleTheFirstLinesAndLinksNeverTheRest() throws Exception {
        World world = worlds.build("preview", BillingModel.MONTHLY);
        campaigns.setPostMail(world.creator().id(), PostMail.PREVIEW);
        String opening = "The opening words of a long post. ";
        Post draft = posts.create(
                world.creator().id(),
                new PostDraft(
                        "A long one",
                        opening + "More text. ".repeat(40) + "\n\nThe-late-secret sits far below.",
                        PostKind.LINK,
                        null,
                        "https://example.org/article",
                        Access.MEMBERS,
                        null,
                        false));
        Post post = posts.publish(world.creator().id(), draft.id());

        settle();

        MimeMessage mail = single(world.follower(), post);
        String text = text(mail);
        String html = html(mail);
        String link = "http://localhost" + post.path(world.campaign().slug());
        assertThat(mail.getSubject()).isEqualTo(world.campaign().name() + ": A long one");
        assertThat(text)
                .contains(world.campaign().name() + " published a new episode:")
                .contains("A long one")
                .contains(opening.strip())
                .contains("…")
                .contains("Read the whole episode: " + link)
                .contains("Link: https://example.org/article")
                .doesNotContain("The-late-secret");
        assertThat(html)
                .contains("<a href=\"" + link + "\"")
                .contains("<a href=\"https://example.org/article\"")
                .contains(opening.strip())
                .doesNotContain("The-late-secret");
    }

    @Test
    void theFullTextComesAsTextAndSanitisedHtmlWithAbsoluteLinks() throws Exception {
        World world = worlds.build("fulltext", BillingModel.MONTHLY);
        campaigns.setPostMail(world.creator().id(), PostMail.FULL);
        Post post = publish(
                world,
                "Notes <b>& more</b>",
                "Hello **bold** and [a link](https://example.org/x).\n\n- one\n- two\n\n<script>alert(1)</script>",
                Access.MEMBERS,
                null);

        settle();

        MimeMessage mail = single(world.follower(), post);
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        String text = text(mail);
        String html = html(mail);
        assertThat(text)
                .contains("Notes <b>& more</b>")
                .contains("Hello bold and a link <https://example.org/x>.")
                .contains("- one\n- two")
                .contains("Open it on Maecenas: http://localhost"
                        + post.path(world.campaign().slug()));
        assertThat(html)
                .contains("Notes &lt;b&gt;&amp; more&lt;/b&gt;")
                .contains("<strong>bold</strong>")
                .contains("<a href=\"https://example.org/x\" rel=\"nofollow noopener\">a link</a>")
                .contains("<li>one</li>")
                .doesNotContain("<script");
    }

    @Test
    void aRedeliveredEventAndARepublishMailNobodyTwice() throws Exception {
        World world = worlds.build("twice", BillingModel.MONTHLY);
        campaigns.setPostMail(world.creator().id(), PostMail.PREVIEW);
        Post post = publish(world, "Only once", "Once.", Access.MEMBERS, null);
        settle();
        assertThat(recipientsOf(post)).containsExactly(world.follower().email());

        // the event registry delivers the same event again (as after a crash before it was marked done)
        Post published = posts.require(post.id());
        transactions.executeWithoutResult(tx -> events.publishEvent(
                new PostPublished(post.id(), world.campaign().id(), false, published.publishedAt())));
        settle();
        assertThat(recipientsOf(post)).containsExactly(world.follower().email());

        // unpublished and published again: only someone who joined in between hears of it
        User newcomer = users.create("newcomer");
        memberships.follow(newcomer.id(), world.campaign());
        posts.unpublish(world.creator().id(), post.id());
        posts.publish(world.creator().id(), post.id());
        settle();
        assertThat(recipientsOf(post))
                .containsExactlyInAnyOrder(world.follower().email(), newcomer.email());
    }

    @Test
    void theUnsubscribeLinkInTheMailWorksOverHttpAndTheNextPostIsNotMailed() throws Exception {
        World world = worlds.build("unsub", BillingModel.MONTHLY);
        campaigns.setPostMail(world.creator().id(), PostMail.FULL);
        User other = users.create("stays");
        memberships.follow(other.id(), world.campaign());
        Post first = publish(world, "First post", "One.", Access.MEMBERS, null);
        settle();

        MimeMessage mail = single(world.follower(), first);
        Matcher inText =
                Pattern.compile("http://localhost(/mail/unsubscribe/\\S+)\\n").matcher(text(mail));
        assertThat(inText.find()).as(text(mail)).isTrue();
        String path = inText.group(1);
        assertThat(html(mail)).contains("href=\"http://localhost" + path + "\"");
        assertThat(mail.getHeader("List-Unsubscribe")).containsExactly("<http://localhost" + path + ">");

        HttpResponse<String> confirm = get(path);
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body())
                .contains("Unsubscribe from " + world.campaign().name());
        assertThat(preferences
                        .choices(world.follower().id())
                        .wants(world.campaign().id()))
                .as("opening the link changes nothing")
                .isTrue();

        HttpResponse<String> done = post(path, "");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("You’re unsubscribed");
        assertThat(preferences
                        .choices(world.follower().id())
                        .wants(world.campaign().id()))
                .isFalse();

        Post second = publish(world, "Second post", "Two.", Access.MEMBERS, null);
        settle();
        assertThat(recipientsOf(second)).containsExactly(other.email());
    }

    @Test
    void aMailClientsOneClickPostUnsubscribesWithoutSignInOrCsrfToken() throws Exception {
        World world = worlds.build("oneclick", BillingModel.MONTHLY);
        Post post = publish(world, "One click", "Click.", Access.PUBLIC, null);
        settle();
        MimeMessage mail = single(world.follower(), post);
        assertThat(mail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        String header = mail.getHeader("List-Unsubscribe")[0];
        String path = header.substring("<http://localhost".length(), header.length() - 1);

        HttpResponse<String> response = post(path, "List-Unsubscribe=One-Click");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(preferences
                        .choices(world.follower().id())
                        .wants(world.campaign().id()))
                .isFalse();
        assertThat(preferences.choices(world.follower().id()).allOff()).isFalse();
    }

    @Test
    void aForgedOrMangledLinkIsRefusedWithAPageNotAnError() throws Exception {
        World world = worlds.build("forged", BillingModel.MONTHLY);
        String url = preferences.unsubscribeUrl(
                world.follower().id(), world.campaign().id());
        String token = url.substring(url.lastIndexOf('/') + 1);
        String[] parts = token.split("\\.");
        String otherCampaign = parts[0] + "." + (Long.parseLong(parts[1]) + 1) + "." + parts[2];
        String flipped = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");

        for (String forged : List.of(otherCampaign, flipped, "not-a-token", parts[0] + "." + parts[1])) {
            HttpResponse<String> opened = get("/mail/unsubscribe/" + forged);
            HttpResponse<String> posted = post("/mail/unsubscribe/" + forged, "List-Unsubscribe=One-Click");
            assertThat(opened.statusCode()).as(forged).isEqualTo(404);
            assertThat(opened.body()).contains("This unsubscribe link isn’t valid");
            assertThat(posted.statusCode()).as(forged).isEqualTo(404);
        }
        assertThat(preferences
                        .choices(world.follower().id())
                        .wants(world.campaign().id()))
                .isTrue();
        assertThat(get("/mail/unsubscribe/" + token).statusCode()).isEqualTo(200);
    }

    @Test
    void postMailCarriesListUnsubscribeAndReceiptsDoNot() throws Exception {
        World world = worlds.build("headers", BillingModel.MONTHLY);
        User patron = users.create("receipt");
        patrons.monthly(patron, world, world.tier().id(), "5", Patrons.GOOD_CARD);
        Post post = publish(world, "With headers", "Hi.", Access.PATRONS, null);
        settle();

        MimeMessage postMail = single(patron, post);
        MimeMessage receipt = messagesTo(patron).stream()
                .filter(m -> subject(m).startsWith("Your receipt"))
                .findFirst()
                .orElseThrow();

        assertThat(postMail.getHeader("List-Unsubscribe")).hasSize(1);
        assertThat(postMail.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(receipt.getHeader("List-Unsubscribe")).isNull();
        assertThat(receipt.getHeader("List-Unsubscribe-Post")).isNull();
        assertThat((String) receipt.getContent()).doesNotContain("/mail/unsubscribe/");
    }

    @Test
    void aCreatorWhoTurnedPostMailOffSendsNone() throws Exception {
        World world = worlds.build("off", BillingModel.MONTHLY);
        campaigns.setPostMail(world.creator().id(), PostMail.OFF);
        Post post = publish(world, "Quiet post", "Shh.", Access.PUBLIC, null);
        settle();
        assertThat(recipientsOf(post)).isEmpty();
        assertThat(jdbc.sql("select count(*) from post_mailings where post_id = :p")
                        .param("p", post.id().value())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /**
     * A node queued the first chunk and died holding its lease: while the lease lives nobody takes
     * the mailing over; once it runs out, the next run goes on after the last member queued, and
     * everyone gets exactly one mail. A second start from the beginning (the event told again)
     * mails nobody twice.
     */
    @Test
    void aFanOutCutShortByACrashGoesOnFromWhereItStoppedAndMailsNobodyTwice() throws Exception {
        World world = worlds.build("crash", BillingModel.MONTHLY);
        List<User> members = new ArrayList<>(List.of(world.follower()));
        for (int i = 0; i < 4; i++) {
            User member = users.create("crash-member");
            memberships.follow(member.id(), world.campaign());
            members.add(member);
        }
        members.sort(java.util.Comparator.comparingLong(u -> u.id().value()));
        campaigns.setPostMail(world.creator().id(), PostMail.OFF);
        Post post = publish(world, "Cut short", "Crash.", Access.MEMBERS, null);
        settle();
        campaigns.setPostMail(world.creator().id(), PostMail.FULL);
        Post published = posts.require(post.id());
        // what the dead node committed: its first chunk of two, and the mailing's place after it
        transactions.executeWithoutResult(tx -> {
            for (User member : members.subList(0, 2)) {
                outbox.enqueue(
                        "post:" + post.id() + ":" + member.id(),
                        new Mail(
                                member.email(),
                                world.campaign().name() + ": Cut short",
                                "Sent by the dead node: http://localhost"
                                        + post.path(world.campaign().slug())));
            }
            jdbc.sql("""
                            insert into post_mailings (post_id, campaign_id, published_at, status, after_user_id,
                                   queued, lease_until, created_at)
                            values (:post, :campaign, :at, 'PENDING', :after, 2, now() + interval '1 minute', now())
                            """)
                    .param("post", post.id().value())
                    .param("campaign", world.campaign().id().value())
                    .param("at", java.sql.Timestamp.from(published.publishedAt()))
                    .param("after", members.get(1).id().value())
                    .update();
        });

        assertThat(fanout.run()).as("the lease is still held").isZero();

        jdbc.sql("update post_mailings set lease_until = now() - interval '1 second' where post_id = :p")
                .param("p", post.id().value())
                .update();
        settle();
        assertThat(recipientsOf(post))
                .containsExactlyInAnyOrderElementsOf(
                        members.stream().map(User::email).toList());

        jdbc.sql("update post_mailings set status = 'PENDING', after_user_id = 0 where post_id = :p")
                .param("p", post.id().value())
                .update();
        settle();
        assertThat(recipientsOf(post)).hasSize(5);
        assertThat(jdbc.sql("select status || ' ' || queued from post_mailings where post_id = :p")
                        .param("p", post.id().value())
                        .query(String.class)
                        .single())
                .isEqualTo("DONE 5");
    }

    private Cast cast(PostMail mode) {
        World world = worlds.build("mail", BillingModel.MONTHLY);
        campaigns.setPostMail(world.creator().id(), mode);
        Tier fan =
                tiers.add(world.creator().id(), new TierDraft("Fan", "Now and then", 200, null, List.of(), "", true));
        TierId top = world.tier().id();
        User tierMember = joined("tier", world, top, "5");
        User lowerTier = joined("lower", world, fan.id(), "2");
        User declined = users.create("declined");
        Pledge declinedPledge = patrons.monthly(declined, world, top, "5", Patrons.GOOD_CARD);
        // the state a failed renewal leaves (DunningTests walk there through the billing engine)
        jdbc.sql("update memberships set status = 'DECLINED' where id = :id")
                .param("id", declinedPledge.id())
                .update();
        User expired = users.create("expired");
        Pledge expiredPledge = patrons.monthly(expired, world, top, "5", Patrons.GOOD_CARD);
        checkout.cancel(expired.id(), expiredPledge.id());
        // its paid month ran out before the post
        jdbc.sql("update memberships set paid_through = now() - interval '1 day' where id = :id")
                .param("id", expiredPledge.id())
                .update();
        User inPeriod = users.create("in-period");
        checkout.cancel(
                inPeriod.id(),
                patrons.monthly(inPeriod, world, top, "5", Patrons.GOOD_CARD).id());
        User unsubscribed = joined("unsubscribed", world, top, "5");
        preferences.unsubscribe(unsubscribed.id(), world.campaign().id());
        User allOff = joined("all-off", world, top, "5");
        preferences.setAll(allOff.id(), false);
        User unconfirmed = accounts.signUp(TestUsers.uniqueEmail("unconfirmed"), "Unconfirmed", TestUsers.PASSWORD);
        patrons.monthly(unconfirmed, world, top, "5", Patrons.GOOD_CARD);
        return new Cast(
                world,
                tierMember,
                lowerTier,
                world.follower(),
                declined,
                expired,
                inPeriod,
                unsubscribed,
                allOff,
                unconfirmed);
    }

    private User joined(String prefix, World world, TierId tier, String amount) {
        User user = users.create(prefix);
        patrons.monthly(user, world, tier, amount, Patrons.GOOD_CARD);
        return user;
    }

    private static TierId tierOf(Cast cast) {
        return cast.world().tier().id();
    }

    /** Whoever got the mail may see the post; whoever may see it and wants mail at a confirmed address got it. */
    private void assertAgreesWithEntitlements(Cast cast, Post post) throws Exception {
        Post published = posts.require(post.id());
        Campaign campaign = campaigns.require(cast.world().campaign().id());
        List<String> received = recipientsOf(post);
        List<User> optedOutOrUnconfirmed = List.of(cast.unsubscribed(), cast.allOff(), cast.unconfirmed());
        for (User member : cast.everyone()) {
            boolean maySee = entitlements.maySee(Reader.member(member.id()), published, campaign);
            boolean expected = maySee && !optedOutOrUnconfirmed.contains(member);
            assertThat(received.contains(member.email()))
                    .as("%s (may see: %s)", member.displayName(), maySee)
                    .isEqualTo(expected);
        }
    }

    private Post publish(World world, String title, String body, Access access, TierId tier) {
        Post draft = posts.create(
                world.creator().id(), new PostDraft(title, body, PostKind.TEXT, null, null, access, tier, false));
        return posts.publish(world.creator().id(), draft.id());
    }

    /** Waits until every event is handled, every mailing queued and every queued mail sent. */
    private void settle() {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    fanout.run();
                    drain.drain();
                    return count("select count(*) from event_publication where completion_date is null") == 0
                            && count("select count(*) from post_mailings where status = 'PENDING'") == 0
                            && count("select count(*) from mail_outbox where status in ('QUEUED', 'SENDING')") == 0;
                });
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /** The addresses a post's mail went to, once per mail received. */
    private List<String> recipientsOf(Post post) throws Exception {
        List<String> to = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            if (subject(message).endsWith(": " + post.title())
                    && text(message).contains(post.path(campaignSlug(post)))) {
                to.add(message.getRecipients(RecipientType.TO)[0].toString());
            }
        }
        return to;
    }

    private String campaignSlug(Post post) {
        return campaigns.require(post.campaignId()).slug();
    }

    private MimeMessage single(User user, Post post) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : messagesTo(user)) {
            if (subject(message).endsWith(": " + post.title())) {
                found.add(message);
            }
        }
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    private static List<MimeMessage> messagesTo(User user) {
        return greenMail
                .findReceivedMessages(u -> u.getEmail().equalsIgnoreCase(user.email()), m -> true)
                .toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MimeMessage message) throws Exception {
        return part(message, "text/plain");
    }

    private static String html(MimeMessage message) throws Exception {
        return part(message, "text/html");
    }

    private static String part(MimeMessage message, String type) throws Exception {
        Object content = message.getContent();
        if (content instanceof String text) {
            return type.equals("text/plain") ? text.replace("\r\n", "\n") : "";
        }
        Multipart multipart = (Multipart) content;
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType(type)) {
                return ((String) part.getContent()).replace("\r\n", "\n");
            }
        }
        return "";
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "text/html")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
