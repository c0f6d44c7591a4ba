package org.maecenas.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.posts.PostEvents.PostDeleted;
import org.maecenas.posts.PostEvents.PostPublished;
import org.maecenas.posts.PostEvents.PostUnpublished;
import org.maecenas.posts.PostProblems.PaidPostLimitReached;
import org.maecenas.testing.CreatorWorld;
import org.maecenas.testing.CreatorWorld.World;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MutableClock;
import org.maecenas.testing.TestUsers;
import org.maecenas.web.InvalidInput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** Publishing now, later and not at all, the events it raises, and the monthly limit on paid posts. */
@MaecenasTest
class PublishingTests {

    @Autowired
    Posts posts;

    @Autowired
    CreatorWorld worlds;

    @Autowired
    TestUsers users;

    @Autowired
    MutableClock clock;

    @Autowired
    MockMvc mvc;

    @Autowired
    ConfigurableApplicationContext context;

    /** Every post event raised while a test runs, from any thread (the scheduler's too). */
    final List<Object> events = new CopyOnWriteArrayList<>();

    ApplicationListener<ApplicationEvent> recorder;
    World world;

    @BeforeEach
    void recordEventsAndBuildWorld() {
        recorder = event -> {
            if (event instanceof PayloadApplicationEvent<?> payload && isPostEvent(payload.getPayload())) {
                events.add(payload.getPayload());
            }
        };
        context.addApplicationListener(recorder);
        world = worlds.build("publishing", BillingModel.PER_CREATION);
    }

    @AfterEach
    void stopRecordingAndResetClock() {
        context.removeApplicationListener(recorder);
        clock.reset();
    }

    @Test
    void aScheduledPostIsPublishedOnceItsTimeHasComeAndAnnouncesItsCharge() {
        Post post = draft("Episode 2", true);
        Instant at = clock.instant().plus(Duration.ofHours(1));
        Post scheduled = posts.schedule(world.creator().id(), post.id(), at);
        assertThat(scheduled.status()).isEqualTo(Post.Status.SCHEDULED);
        assertThat(scheduled.scheduledAt()).isCloseTo(at, within(1, ChronoUnit.MILLIS));

        posts.publishDue();
        assertThat(posts.require(post.id()).status()).isEqualTo(Post.Status.SCHEDULED);
        assertThat(publishedEventsFor(post)).isEmpty();

        clock.advance(Duration.ofMinutes(61));
        Instant due = clock.instant();
        posts.publishDue();

        Post published = posts.require(post.id());
        assertThat(published.isPublished()).isTrue();
        assertThat(published.scheduledAt()).isNull();
        assertThat(published.publishedAt()).isBetween(due.minusSeconds(1), clock.instant());
        assertThat(publishedEventsFor(post)).singleElement().satisfies(event -> {
            assertThat(event.chargePatrons()).isTrue();
            assertThat(event.campaignId()).isEqualTo(world.campaign().id());
            assertThat(event.publishedAt()).isCloseTo(published.publishedAt(), within(1, ChronoUnit.MILLIS));
        });
    }

    @Test
    void aPostCannotBeScheduledInThePast() {
        Post post = draft("Too late", false);
        assertThatThrownBy(() -> posts.schedule(
                        world.creator().id(), post.id(), clock.instant().minusSeconds(60)))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        invalid -> assertThat(invalid.fields())
                                .containsEntry("scheduledAt", "Choose a time in the future."));
        assertThat(posts.require(post.id()).status()).isEqualTo(Post.Status.DRAFT);
    }

    @Test
    void unpublishingAndDeletingAreAnnounced() {
        Post post =
                posts.publish(world.creator().id(), draft("Short-lived", false).id());
        assertThat(publishedEventsFor(post))
                .singleElement()
                .extracting(PostPublished::chargePatrons)
                .isEqualTo(false);

        posts.unpublish(world.creator().id(), post.id());
        posts.unpublish(world.creator().id(), post.id());
        posts.delete(world.creator().id(), post.id());

        assertThat(events)
                .filteredOn(e -> e instanceof PostUnpublished u && u.postId().equals(post.id()))
                .as("only the unpublishing of a published post is announced")
                .hasSize(1);
        assertThat(events)
                .filteredOn(e -> e instanceof PostDeleted d && d.postId().equals(post.id()))
                .singleElement()
                .extracting(e -> ((PostDeleted) e).campaignId())
                .isEqualTo(world.campaign().id());
        assertThat(posts.require(post.id()).isDeleted()).isTrue();
    }

    @Test
    void theTwentyFirstPaidPostOfAMonthIsRefusedUntilTheNextMonth() throws Exception {
        YearMonth month = YearMonth.now(ZoneOffset.UTC).plusMonths(1);
        clock.freezeAt(month.atDay(15).atTime(12, 0).toInstant(ZoneOffset.UTC));
        assertThat(world.campaign().paidPostsPerMonth()).isEqualTo(20);
        for (int i = 1; i <= 20; i++) {
            posts.publish(world.creator().id(), draft("Paid " + i, true).id());
        }
        Post twentyFirst = draft("Paid 21", true);

        MockHttpServletResponse refused = publishThroughTheEditor(twentyFirst);

        assertThat(refused.getStatus()).isEqualTo(409);
        assertThat(refused.getContentAsString())
                .contains("You can publish at most 20 paid posts a month. Publish this one without charging"
                        + " patrons, or wait for next month.");
        assertThat(posts.require(twentyFirst.id()).status()).isEqualTo(Post.Status.DRAFT);
        assertThat(publishedEventsFor(twentyFirst)).isEmpty();
        assertThatThrownBy(() -> posts.publish(world.creator().id(), twentyFirst.id()))
                .isInstanceOf(PaidPostLimitReached.class);
        Post free = posts.publish(world.creator().id(), draft("Free one", false).id());
        assertThat(free.isPublished()).as("free posts are not limited").isTrue();

        clock.freezeAt(month.plusMonths(1).atDay(1).atTime(0, 30).toInstant(ZoneOffset.UTC));
        MockHttpServletResponse nextMonth = publishThroughTheEditor(twentyFirst);

        assertThat(nextMonth.getStatus()).isEqualTo(302);
        assertThat(posts.require(twentyFirst.id()).isPublished()).isTrue();
        assertThat(publishedEventsFor(twentyFirst))
                .singleElement()
                .extracting(PostPublished::chargePatrons)
                .isEqualTo(true);
    }

    @Test
    void aScheduledPaidPostBeyondTheLimitIsPublishedWithoutCharge() {
        YearMonth month = YearMonth.now(ZoneOffset.UTC).plusMonths(1);
        clock.freezeAt(month.atDay(10).atTime(9, 0).toInstant(ZoneOffset.UTC));
        for (int i = 1; i <= 20; i++) {
            posts.publish(world.creator().id(), draft("Paid " + i, true).id());
        }
        Post late = draft("Scheduled paid", true);
        posts.schedule(world.creator().id(), late.id(), clock.instant().plus(Duration.ofHours(1)));

        clock.advance(Duration.ofHours(2));
        posts.publishDue();

        Post published = posts.require(late.id());
        assertThat(published.isPublished()).isTrue();
        assertThat(published.chargePatrons()).isFalse();
        assertThat(publishedEventsFor(late))
                .singleElement()
                .extracting(PostPublished::chargePatrons)
                .isEqualTo(false);
        assertThat(posts.paidPostsThisMonth(world.campaign())).isEqualTo(20);
    }

    @Test
    void aMonthlyPageCannotChargePatronsPerPost() {
        World monthly = worlds.build("publishing-monthly", BillingModel.MONTHLY);
        long before = posts.workspace(monthly.campaign()).size();

        assertThatThrownBy(() -> posts.create(
                        monthly.creator().id(),
                        new PostDraft("Pay me", "", PostKind.TEXT, null, null, Access.PUBLIC, null, true)))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        invalid -> assertThat(invalid.fields())
                                .containsEntry(
                                        "chargePatrons", "Only pages paid per creation charge patrons per post."));
        assertThat(posts.workspace(monthly.campaign())).hasSize((int) before);
    }

    @Test
    void theSchedulerTaskPublishesAPostWhenItsTimeComes() {
        Post post = draft("On the dot", false);
        posts.schedule(world.creator().id(), post.id(), clock.instant().plusSeconds(2));

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> posts.require(post.id()).isPublished());

        assertThat(publishedEventsFor(post)).hasSize(1);
    }

    private static boolean isPostEvent(Object payload) {
        return payload instanceof PostPublished || payload instanceof PostUnpublished || payload instanceof PostDeleted;
    }

    private MockHttpServletResponse publishThroughTheEditor(Post post) throws Exception {
        User creator = users.find(world.creator().id());
        return mvc.perform(post("/dashboard/posts/" + post.id().value() + "/publish")
                        .with(user(TestUsers.principal(creator)))
                        .with(csrf()))
                .andReturn()
                .getResponse();
    }

    private Post draft(String title, boolean charge) {
        return posts.create(
                world.creator().id(),
                new PostDraft(title, "Notes for " + title, PostKind.TEXT, null, null, Access.PATRONS, null, charge));
    }

    private List<PostPublished> publishedEventsFor(Post post) {
        return events.stream()
                .filter(e -> e instanceof PostPublished p && p.postId().equals(post.id()))
                .map(PostPublished.class::cast)
                .toList();
    }
}
