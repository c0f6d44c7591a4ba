package org.maecenas.testing;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.maecenas.accounts.AccountUser;
import org.maecenas.accounts.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the walk test needs: a user per profile and example paths for every route with variables.
 * A new route with path variables gets one line in {@link #EXAMPLES}; a new profile gets one line
 * in {@link #seed()}.
 */
@Component
public class WalkFixtures {

    /** Route pattern → example paths, built from the seeded data. */
    private static final Map<String, Function<WalkFixtures, List<String>>> EXAMPLES = Map.ofEntries(
            Map.entry(
                    "/admin/errors/{fingerprint}",
                    f -> List.of("/admin/errors/" + f.errorFingerprint, "/admin/errors/does-not-exist")),
            Map.entry("/dev/mailbox/{id}", f -> List.of("/dev/mailbox/" + f.mailId, "/dev/mailbox/999999999")),
            Map.entry(
                    "/mail/unsubscribe/{token}",
                    f -> List.of(
                            "/mail/unsubscribe/" + f.unsubscribeToken,
                            "/mail/unsubscribe/" + f.unsubscribeToken.replaceFirst("^\\d+", "1"),
                            "/mail/unsubscribe/99999999999999999999.1.x",
                            "/mail/unsubscribe/not-a-token")),
            Map.entry("/actuator/health/**", f -> List.of("/actuator/health/liveness", "/actuator/health/readiness")),
            Map.entry("/actuator/metrics/{requiredMetricName}", f -> List.of("/actuator/metrics/http.server.requests")),
            Map.entry("/error", f -> List.of("/error")),
            Map.entry("/{slug:[a-z0-9][a-z0-9-]{1,38}[a-z0-9]}", f -> List.of(f.slug(), "/no-such-creator", "/x")),
            Map.entry(
                    "/{slug}/posts",
                    f -> List.of(
                            f.slug() + "/posts",
                            f.slug() + "/posts?kind=AUDIO&access=PATRONS&page=2",
                            f.slug() + "/posts?kind=bogus&page=-3",
                            "/no-such-creator/posts")),
            Map.entry(
                    "/dashboard/patrons/{patron}",
                    f -> List.of(
                            "/dashboard/patrons/" + f.patronId,
                            "/dashboard/patrons/99999999",
                            "/dashboard/patrons/not-a-number")),
            Map.entry(
                    "/settings/billing/invoices/{id}/authenticate",
                    f -> List.of(
                            "/settings/billing/invoices/" + f.paidInvoice + "/authenticate",
                            "/settings/billing/invoices/" + f.unpaidInvoice + "/authenticate",
                            "/settings/billing/invoices/99999999/authenticate")),
            Map.entry(
                    "/dashboard/statements",
                    f -> List.of(
                            "/dashboard/statements",
                            "/dashboard/statements?month=2026-01",
                            "/dashboard/statements?month=13-x")),
            Map.entry(
                    "/dashboard/statements.csv",
                    f -> List.of("/dashboard/statements.csv", "/dashboard/statements.csv?month=1999-12")),
            Map.entry(
                    "/dashboard/patrons",
                    f -> List.of("/dashboard/patrons", "/dashboard/patrons?page=2", "/dashboard/patrons?page=-1")),
            Map.entry("/{slug}/feed.rss", f -> List.of(f.slug() + "/feed.rss", "/no-such-creator/feed.rss")),
            Map.entry(
                    "/{slug}/join",
                    f -> List.of(
                            f.slug() + "/join",
                            f.slug() + "/join?tier=" + f.world.tier().id(),
                            f.slug() + "/join?tier=999999")),
            Map.entry(
                    "/{slug}/join/welcome", f -> List.of(f.slug() + "/join/welcome", "/no-such-creator/join/welcome")),
            Map.entry("/settings/memberships/{id}", f -> f.memberships("")),
            Map.entry("/settings/memberships/{id}/cancel", f -> f.memberships("/cancel")),
            Map.entry(
                    "/settings/billing/invoices/{id}",
                    f -> List.of(
                            "/settings/billing/invoices/" + f.paidInvoice,
                            "/settings/billing/invoices/" + f.unpaidInvoice,
                            "/settings/billing/invoices/99999999",
                            "/settings/billing/invoices/not-a-number")),
            Map.entry(
                    "/{slug}/posts/{idAndSlug}",
                    f -> List.of(
                            f.world.publicPost().path(f.world.campaign().slug()),
                            f.world.membersPost().path(f.world.campaign().slug()),
                            f.world.lockedAudioPost().path(f.world.campaign().slug()),
                            f.world.draftPost().path(f.world.campaign().slug()),
                            f.world.deletedPost().path(f.world.campaign().slug()),
                            f.slug() + "/posts/" + f.world.publicPost().id() + "-wrong-title",
                            f.slug() + "/posts/not-a-number",
                            f.slug() + "/posts/99999999")),
            Map.entry(
                    "/{slug}/posts/{id}/comments",
                    f -> List.of(
                            f.slug() + "/posts/" + f.world.publicPost().id() + "/comments",
                            f.slug() + "/posts/" + f.world.publicPost().id() + "/comments?order=newest&page=2",
                            f.slug() + "/posts/" + f.world.lockedAudioPost().id() + "/comments",
                            f.slug() + "/posts/99999999/comments")),
            Map.entry(
                    "/{slug}/posts/{postId}/attachments/{file}",
                    f -> List.of(
                            f.slug() + "/posts/" + f.world.lockedAudioPost().id() + "/attachments/"
                                    + f.world.lockedAudio().id() + ".mp3",
                            f.slug() + "/posts/" + f.world.lockedAudioPost().id() + "/attachments/1.exe")),
            Map.entry(
                    "/feeds/podcast/{file:[A-Za-z0-9_-]+\\.rss}",
                    f -> List.of("/feeds/podcast/" + f.feedToken + ".rss", "/feeds/podcast/not-a-token.rss")),
            Map.entry(
                    "/feeds/podcast/{token}/{postId}/{file}",
                    f -> List.of(
                            "/feeds/podcast/" + f.feedToken + "/"
                                    + f.world.lockedAudioPost().id() + "/"
                                    + f.world.lockedAudio().id() + ".mp3",
                            "/feeds/podcast/bogus/1/1.mp3")),
            Map.entry("/media/{id}/{name}", f -> List.of(f.world.campaign().avatarUrl(), "/media/1/nothing.png")),
            Map.entry(
                    "/dashboard/tiers/{id}",
                    f -> List.of("/dashboard/tiers/" + f.world.tier().id(), "/dashboard/tiers/99999999")),
            Map.entry(
                    "/dashboard/posts/{id}",
                    f -> List.of(
                            "/dashboard/posts/" + f.world.lockedAudioPost().id(),
                            "/dashboard/posts/" + f.world.deletedPost().id(),
                            "/dashboard/posts/99999999")),
            Map.entry(
                    "/search",
                    f -> List.of(
                            "/search",
                            "/search?q=podcst",
                            "/search?q=old+maps",
                            "/search?q=" + "x".repeat(300),
                            "/search?q=%27%3B+drop+table+posts")));

    private final TestUsers users;
    private final JdbcClient jdbc;
    private final CreatorWorld worlds;
    private final org.maecenas.posts.PodcastFeeds feeds;
    private final Patrons patrons;
    private CreatorWorld.World world;
    private final List<Long> pledgeIds = new java.util.ArrayList<>();
    private long paidInvoice;
    private long unpaidInvoice;
    private long patronId;
    private String feedToken;
    private final Map<WalkProfile, AccountUser> principals = new EnumMap<>(WalkProfile.class);
    private String errorFingerprint;
    private long mailId;
    private String unsubscribeToken;
    private final org.maecenas.notifications.PostMailPreferences mailPreferences;

    WalkFixtures(
            TestUsers users,
            JdbcClient jdbc,
            CreatorWorld worlds,
            org.maecenas.posts.PodcastFeeds feeds,
            Patrons patrons,
            org.maecenas.notifications.PostMailPreferences mailPreferences) {
        this.mailPreferences = mailPreferences;
        this.users = users;
        this.jdbc = jdbc;
        this.worlds = worlds;
        this.feeds = feeds;
        this.patrons = patrons;
    }

    private List<String> memberships(String suffix) {
        List<String> paths = new java.util.ArrayList<>();
        pledgeIds.forEach(id -> paths.add("/settings/memberships/" + id + suffix));
        paths.add("/settings/memberships/99999999" + suffix);
        paths.add("/settings/memberships/not-a-number" + suffix);
        return paths;
    }

    private String slug() {
        return "/" + world.campaign().slug();
    }

    public void seed() {
        world = worlds.build("walk", org.maecenas.campaigns.BillingModel.PER_CREATION);
        Patrons.Cast cast =
                patrons.cast(world, worlds.build("walkmonthly", org.maecenas.campaigns.BillingModel.MONTHLY));
        principals.put(WalkProfile.PATRON, TestUsers.principal(cast.patron()));
        principals.put(WalkProfile.DECLINED_PATRON, TestUsers.principal(cast.declined()));
        principals.put(WalkProfile.CANCELLED_PATRON, TestUsers.principal(cast.cancelled()));
        pledgeIds.addAll(cast.pledges());
        paidInvoice = cast.paidInvoice();
        unpaidInvoice = cast.unpaidInvoice();
        patronId = cast.patron().id().value();
        principals.put(
                WalkProfile.CREATOR,
                TestUsers.principal(users.find(world.creator().id())));
        principals.put(WalkProfile.FOLLOWER, TestUsers.principal(world.follower()));
        String unsubscribe = mailPreferences.unsubscribeUrl(
                world.follower().id(), world.campaign().id());
        unsubscribeToken = unsubscribe.substring(unsubscribe.lastIndexOf('/') + 1);
        String url = feeds.privateFeedUrl(world.follower().id(), world.campaign());
        feedToken = url.substring(url.lastIndexOf('/') + 1, url.length() - ".rss".length());
        principals.put(WalkProfile.ADMIN, TestUsers.principal(users.create("walk-admin", Role.ADMIN)));
        errorFingerprint = "walk" + System.nanoTime();
        jdbc.sql("""
                insert into error_groups (fingerprint, exception_type, message, route, occurrences, first_seen, last_seen)
                values (:f, 'java.lang.IllegalStateException', 'walk <b>fixture</b>', '/walk', 1, now(), now())
                """).param("f", errorFingerprint).update();
        jdbc.sql("""
                insert into error_occurrences (fingerprint, occurred_at, exception_type, message, stack_trace, method,
                       route, path, query, headers, user_id, request_id)
                values (:f, now(), 'java.lang.IllegalStateException', 'walk', 'at walk', 'GET', '/walk', '/walk',
                       'token=[redacted]', 'Accept: */*', null, 'walkrequest1')
                """).param("f", errorFingerprint).update();
        mailId = jdbc.sql("""
                insert into dev_mailbox (recipient, subject, body, sent_at)
                values ('walk@example.test', 'Walk', 'Open http://localhost/x', now()) returning id
                """).query(Long.class).single();
    }

    public AccountUser principal(WalkProfile profile) {
        return principals.get(profile);
    }

    /** Example paths for a route; a route without variables is its own example; empty means missing. */
    public List<String> pathsFor(String route) {
        if (EXAMPLES.containsKey(route)) {
            return EXAMPLES.get(route).apply(this);
        }
        if (route.contains("{") || route.contains("*")) {
            return List.of();
        }
        return List.of(route);
    }
}
