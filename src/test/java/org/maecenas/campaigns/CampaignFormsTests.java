package org.maecenas.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.Role;
import org.maecenas.accounts.User;
import org.maecenas.media.SampleFiles;
import org.maecenas.testing.CreatorWorld;
import org.maecenas.testing.CreatorWorld.World;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/** Bad input to the creator's page forms: a clear message beside the field, and nothing changed. */
@MaecenasTest
class CampaignFormsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    CreatorWorld worlds;

    @Autowired
    TestUsers users;

    @Autowired
    Campaigns campaigns;

    @Autowired
    Tiers tiers;

    @Autowired
    JdbcClient jdbc;

    @Test
    void reservedMalformedShortAndTakenAddressesAreRefusedAndNoPageIsOpened() throws Exception {
        World existing = worlds.build("taken", BillingModel.MONTHLY);
        User user = users.create("would-be-creator");
        List<String[]> cases = List.of(
                new String[] {"admin", "“admin” is reserved. Choose another address."},
                new String[] {
                    "Bad Slug!",
                    "Use lower-case letters, digits and hyphens, starting and ending with a letter or digit."
                },
                new String[] {"ab", "Use 3 to 40 characters."},
                new String[] {existing.campaign().slug(), "This address is taken. Choose another."});

        for (String[] slugAndMessage : cases) {
            MockHttpServletResponse response = send(
                    user,
                    post("/dashboard/page/create")
                            .param("name", "My new page")
                            .param("slug", slugAndMessage[0])
                            .param("billingModel", "MONTHLY")
                            .param("creationNoun", "episode")
                            .param("currency", "USD")
                            .with(csrf()));

            assertThat(response.getStatus()).as(slugAndMessage[0]).isEqualTo(422);
            assertThat(response.getContentAsString())
                    .as(slugAndMessage[0])
                    .contains("<p class=\"field-error\" id=\"slug-error\">" + slugAndMessage[1] + "</p>")
                    .contains("value=\"My new page\"");
        }
        assertThat(campaigns.ofOwner(user.id())).isEmpty();
        assertThat(users.find(user.id()).has(Role.CREATOR)).isFalse();
        assertThat(campaigns.bySlug("admin")).isEmpty();
    }

    @Test
    void scriptsAndJavascriptLinksInThePageSummaryAreSanitisedAway() throws Exception {
        World world = worlds.build("sanitised", BillingModel.MONTHLY);
        User creator = users.find(world.creator().id());
        String summary =
                "<script>alert(1)</script>\n\nSee [x](javascript:alert(1)) and [maps](https://example.org/maps).";

        MockHttpServletResponse saved = send(
                creator,
                post("/dashboard/page")
                        .param("slug", world.campaign().slug())
                        .param("name", world.campaign().name())
                        .param("oneLiner", world.campaign().oneLiner())
                        .param("summary", summary)
                        .param("currency", "USD")
                        .param("billingModel", "MONTHLY")
                        .param("creationNoun", "episode")
                        .param("patronCountPublic", "true")
                        .param("annualDiscountPercent", "10")
                        .with(csrf()));
        assertThat(saved.getStatus()).isEqualTo(302);

        String page = mvc.perform(get("/" + world.campaign().slug()))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).doesNotContain("<script>alert").doesNotContain("javascript:");
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(page).contains("<a href=\"https://example.org/maps\" rel=\"nofollow noopener ugc\">maps</a>");
        assertThat(campaigns.require(world.campaign().id()).summaryMarkdown()).isEqualTo(summary);
    }

    @Test
    void aTextFileNamedLikeAnImageIsRefusedAsAnAvatarAndNothingIsKept() throws Exception {
        World world = worlds.build("mislabelled", BillingModel.MONTHLY);
        User creator = users.find(world.creator().id());
        long mediaBefore = mediaOf(creator);
        byte[] text = "just some text, honestly".getBytes(StandardCharsets.UTF_8);

        MockHttpServletResponse response = send(
                creator,
                multipart("/dashboard/page/images")
                        .file(new MockMultipartFile("file", "avatar.png", "image/png", text))
                        .param("which", "avatar")
                        .with(csrf()));

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(response.getContentAsString())
                .contains("<p class=\"field-error\" id=\"avatar-error\">"
                        + "This kind of file isn’t accepted here. Upload a JPEG, PNG or GIF image.</p>");
        assertThat(mediaOf(creator)).isEqualTo(mediaBefore);
        assertThat(campaigns.require(world.campaign().id()).avatarUrl())
                .isEqualTo(world.campaign().avatarUrl());
    }

    @Test
    void anOversizedImageAndAnAudioFileAreRefusedAsAvatars() throws Exception {
        World world = worlds.build("oversized", BillingModel.MONTHLY);
        User creator = users.find(world.creator().id());
        long mediaBefore = mediaOf(creator);
        byte[] huge = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(SampleFiles.png(8, 8, java.awt.Color.RED), 0, huge, 0, 60);

        MockHttpServletResponse tooLarge = send(creator, avatar("big.png", huge));
        MockHttpServletResponse audio = send(creator, avatar("song.png", SampleFiles.silentMp3(1)));

        assertThat(tooLarge.getStatus()).isEqualTo(422);
        assertThat(tooLarge.getContentAsString()).contains("This file is larger than 10 MB.");
        assertThat(audio.getStatus()).isEqualTo(422);
        assertThat(audio.getContentAsString()).contains("Upload a JPEG, PNG or GIF image.");
        assertThat(mediaOf(creator)).isEqualTo(mediaBefore);
    }

    @Test
    void anotherCreatorsTierCannotBeOpenedChangedOrDeleted() throws Exception {
        World first = worlds.build("tier-owner", BillingModel.MONTHLY);
        World second = worlds.build("tier-intruder", BillingModel.MONTHLY);
        User intruder = users.find(second.creator().id());
        long tierId = first.tier().id().value();

        MockHttpServletResponse open = send(intruder, get("/dashboard/tiers/" + tierId));
        MockHttpServletResponse change = send(
                intruder,
                post("/dashboard/tiers/" + tierId)
                        .param("title", "Hijacked")
                        .param("amount", "1")
                        .with(csrf()));
        MockHttpServletResponse delete =
                send(intruder, post("/dashboard/tiers/" + tierId + "/delete").with(csrf()));

        for (MockHttpServletResponse response : List.of(open, change, delete)) {
            assertThat(response.getStatus()).isEqualTo(403);
            assertThat(response.getContentAsString()).contains("Only the creator of this page can change it.");
        }
        Tier tier = tiers.require(first.campaign().id(), first.tier().id());
        assertThat(tier.title()).isEqualTo("Supporter");
        assertThat(tier.amount().minor()).isEqualTo(500);
    }

    private AbstractMockHttpServletRequestBuilder<?> avatar(String name, byte[] content) {
        return multipart("/dashboard/page/images")
                .file(new MockMultipartFile("file", name, "image/png", content))
                .param("which", "avatar")
                .with(csrf());
    }

    private long mediaOf(User owner) {
        return jdbc.sql("select count(*) from media where owner_user_id = :owner")
                .param("owner", owner.id().value())
                .query(Long.class)
                .single();
    }

    private MockHttpServletResponse send(User who, AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
        return mvc.perform(request.with(user(TestUsers.principal(who))))
                .andReturn()
                .getResponse();
    }
}
