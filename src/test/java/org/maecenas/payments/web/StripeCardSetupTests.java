package org.maecenas.payments.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.PaymentMethods;
import org.maecenas.testing.FakeStripe;
import org.maecenas.testing.MockVisitor;
import org.maecenas.testing.StripeTest;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * With Stripe, a card is typed into Stripe's own form: the page offers Stripe.js (allowed by the
 * CSP only now), our server makes the SetupIntent and later reads back what was saved. The browser
 * can name a SetupIntent, never a card's brand or digits, and never someone else's SetupIntent.
 */
@StripeTest
class StripeCardSetupTests {

    private static final Pattern SECRET = Pattern.compile("\"clientSecret\":\"([^\"]+)\"");

    private final FakeStripe stripe = FakeStripe.get();

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    PaymentMethods methods;

    @Autowired
    JdbcClient jdbc;

    @Test
    void thePageOffersStripesCardFormAndTheCspAllowsStripeJs() throws Exception {
        MockVisitor patron = signedIn(users.patron());

        MockHttpServletResponse page = patron.get("/settings/payment-methods");

        assertThat(page.getContentAsString())
                .contains("id=\"stripe-card-form\"")
                .contains("data-publishable-key=\"" + StripeTest.PUBLISHABLE_KEY + "\"")
                .contains("<script src=\"/js/stripe-card.js\" type=\"module\"></script>")
                .doesNotContain("name=\"cardNumber\"")
                .doesNotContain("Test mode");
        assertThat(page.getHeader("Content-Security-Policy"))
                .contains("script-src 'self' https://js.stripe.com")
                .contains("frame-src https://www.youtube-nocookie.com https://player.vimeo.com https://js.stripe.com")
                .contains("connect-src 'self' https://api.stripe.com")
                .doesNotContain("unsafe-inline");
    }

    @Test
    void aConfirmedSetupSavesTheCardStripeDescribesAsTheDefault() throws Exception {
        User user = users.patron();
        MockVisitor patron = signedIn(user);

        String first = setupIntent(patron);
        String second = setupIntent(patron);
        String card = stripe.confirmSetup(second, "4444");
        MockHttpServletResponse saved = patron.post("/settings/payment-methods/stripe", "setupIntent", second);

        assertThat(saved.getStatus()).isEqualTo(302);
        assertThat(patron.follow(saved).getContentAsString())
                .contains("Visa ending 4444 (expires 12/2034) is saved and is your default card.");
        PaymentMethod method = methods.defaultOf(user.id().value()).orElseThrow();
        assertThat(method.token()).isEqualTo(card);
        assertThat(method.gateway()).isEqualTo("stripe");
        // one Stripe customer per patron, however many times the form is opened
        assertThat(stripe.object(first).get("customer"))
                .isEqualTo(stripe.object(second).get("customer"));
        assertThat(jdbc.sql("select count(*) from stripe_customers where user_id = :user")
                        .param("user", user.id().value())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void anotherPatronsOrAnUnfinishedSetupSavesNothing() throws Exception {
        MockVisitor owner = signedIn(users.patron());
        User otherUser = users.patron();
        MockVisitor other = signedIn(otherUser);
        setupIntent(other); // the other patron has a customer of their own
        String confirmed = setupIntent(owner);
        stripe.confirmSetup(confirmed, "1881");
        String unfinished = setupIntent(other);

        MockHttpServletResponse stolen = other.post("/settings/payment-methods/stripe", "setupIntent", confirmed);
        MockHttpServletResponse early = other.post("/settings/payment-methods/stripe", "setupIntent", unfinished);
        MockHttpServletResponse bogus =
                other.post("/settings/payment-methods/stripe", "setupIntent", "../../v1/charges");

        assertThat(stolen.getStatus()).isEqualTo(422);
        assertThat(stolen.getContentAsString()).contains("That card setup is not on your account");
        assertThat(early.getStatus()).isEqualTo(422);
        assertThat(early.getContentAsString()).contains("Your bank has not confirmed the card yet");
        assertThat(bogus.getStatus()).isEqualTo(422);
        assertThat(methods.of(otherUser.id().value())).isEmpty();
    }

    @Test
    void cardNumbersPostedToTheOldFormAreRefused() throws Exception {
        User user = users.patron();
        MockVisitor patron = signedIn(user);

        MockHttpServletResponse response =
                patron.post("/settings/payment-methods", "cardNumber", "4242 4242 4242 4242", "expiry", "12/34");

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(response.getContentAsString()).contains("card numbers never reach this site");
        assertThat(methods.of(user.id().value())).isEmpty();
    }

    @Test
    void aSetupIntentNeedsASignedInPatronAndTheirCsrfToken() throws Exception {
        MockVisitor visitor = new MockVisitor(mvc);
        assertThat(visitor.post("/settings/payment-methods/setup-intent").getStatus())
                .isEqualTo(302);

        MockVisitor patron = signedIn(users.patron());
        assertThat(patron.postWithoutCsrf("/settings/payment-methods/setup-intent")
                        .getStatus())
                .isEqualTo(403);
    }

    private String setupIntent(MockVisitor patron) throws Exception {
        MockHttpServletResponse response = patron.post("/settings/payment-methods/setup-intent");
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("Cache-Control")).contains("no-store");
        Matcher secret = SECRET.matcher(response.getContentAsString());
        assertThat(secret.find()).isTrue();
        return stripe.setupIntentOf(secret.group(1));
    }

    private MockVisitor signedIn(User user) throws Exception {
        MockVisitor browser = new MockVisitor(mvc);
        assertThat(browser.signIn(user.email(), TestUsers.PASSWORD).getStatus()).isEqualTo(302);
        return browser;
    }
}
