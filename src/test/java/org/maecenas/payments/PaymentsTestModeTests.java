package org.maecenas.payments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.MockVisitor;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** Without Stripe keys: the sandbox takes payments, every page says so, and nothing of Stripe's is let in. */
@MaecenasTest
class PaymentsTestModeTests {

    private static final String BANNER =
            "<strong>Test mode</strong>: no real money moves; payments go through the sandbox";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    GatewayInfo gateway;

    @Test
    void everyPageSaysTestModeAndTheCspKeepsStripeOut() throws Exception {
        MockVisitor visitor = new MockVisitor(mvc);

        for (String path : new String[] {"/", "/about", "/explore", "/no-such-page-at-all"}) {
            MockHttpServletResponse page = visitor.get(path);
            assertThat(page.getContentAsString()).as(path).contains(BANNER);
            assertThat(page.getHeader("Content-Security-Policy")).as(path).doesNotContain("stripe");
        }
        assertThat(gateway.testMode()).isTrue();
        assertThat(gateway.stripePublishableKey()).isEmpty();
    }

    @Test
    void theSandboxCardFormStaysAndStripesRoutesAnswerNotFound() throws Exception {
        MockVisitor patron = new MockVisitor(mvc);
        var user = users.patron();
        assertThat(patron.signIn(user.email(), TestUsers.PASSWORD).getStatus()).isEqualTo(302);

        assertThat(patron.get("/settings/payment-methods").getContentAsString())
                .contains("name=\"cardNumber\"")
                .doesNotContain("stripe-card");
        assertThat(patron.post("/settings/payment-methods/setup-intent").getStatus())
                .isEqualTo(404);

        // no CSRF token needed (Stripe has none to send), and no Stripe to hear it
        MockHttpServletResponse webhook = mvc.perform(MockMvcRequestBuilders.post("/webhooks/stripe")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andReturn()
                .getResponse();
        assertThat(webhook.getStatus()).isEqualTo(404);
        assertThat(webhook.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }

    @Test
    void operatorsSeeTheWebhookPageSayingStripeIsOff() throws Exception {
        MockVisitor admin = new MockVisitor(mvc);
        var user = users.admin();
        assertThat(admin.signIn(user.email(), TestUsers.PASSWORD).getStatus()).isEqualTo(302);

        String page = admin.get("/admin/webhooks").getContentAsString();

        assertThat(page)
                .contains("<h1>Webhooks from Stripe</h1>")
                .contains("Stripe is not configured")
                .contains("href=\"/admin/webhooks\" aria-current=\"page\"");
    }
}
