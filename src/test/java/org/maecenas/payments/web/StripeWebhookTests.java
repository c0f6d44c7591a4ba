package org.maecenas.payments.web;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.maecenas.accounts.User;
import org.maecenas.money.Money;
import org.maecenas.payments.ChargeRequest;
import org.maecenas.payments.ChargeResult;
import org.maecenas.payments.GatewayEvents;
import org.maecenas.payments.PaymentGateway;
import org.maecenas.payments.PaymentMethod;
import org.maecenas.payments.PaymentMethods;
import org.maecenas.payments.RefundRequest;
import org.maecenas.testing.FakeStripe;
import org.maecenas.testing.MutableClock;
import org.maecenas.testing.StripeTest;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Stripe's webhooks as Stripe sends them: signed (HMAC-SHA256 over {@code t.payload}, computed here
 * by hand), possibly twice, possibly out of order. What they announce comes from Stripe's current
 * state, fetched again, never from the payload.
 */
@StripeTest
@RecordApplicationEvents
class StripeWebhookTests {

    private final FakeStripe stripe = FakeStripe.get();

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationEvents events;

    @Autowired
    PaymentGateway gateway;

    @Autowired
    PaymentMethods methods;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aSignedEventIsAppliedOnceFromStripesStateAndARedeliveryChangesNothing() throws Exception {
        String key = "inv-webhook-" + UUID.randomUUID();
        ChargeResult charged = charge(key);
        // the payload names another key: only the object's id is taken from it
        String event =
                event("payment_intent.succeeded", charged.chargeId(), "\"metadata\": {\"maecenas_key\": \"forged\"}");

        MockHttpServletResponse first = deliver(event, signed(event));
        MockHttpServletResponse again = deliver(event, signed(event));

        assertThat(first.getStatus()).isEqualTo(200);
        assertThat(again.getStatus()).isEqualTo(200);
        assertThat(again.getContentAsString()).contains("\"duplicate\":true");
        assertThat(events.stream(GatewayEvents.ChargeChanged.class))
                .containsExactly(new GatewayEvents.ChargeChanged("stripe", key));
        assertThat(stored(idOf(event))).isEqualTo(1);
        assertThat(jdbc.sql("select outcome from stripe_events where id = :id")
                        .param("id", idOf(event))
                        .query(String.class)
                        .single())
                .isEqualTo("charge " + key + " is succeeded");
    }

    @Test
    void aForgedSignatureIsRefusedWithAProblemAndChangesNothing() throws Exception {
        String event = event(
                "payment_intent.succeeded",
                charge("inv-forged-" + UUID.randomUUID()).chargeId(),
                "");
        String forged = signed(event).replaceFirst("v1=[0-9a-f]+", "v1=" + hmac("whsec_not_ours", "1." + event));

        MockHttpServletResponse response = deliver(event, forged);
        MockHttpServletResponse tampered = deliver(event.replace("succeeded", "payment_failed"), signed(event));
        MockHttpServletResponse unsigned = deliver(event, null);

        for (MockHttpServletResponse refused : List.of(response, tampered, unsigned)) {
            assertThat(refused.getStatus()).isEqualTo(400);
            assertThat(refused.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            assertThat(refused.getContentAsString()).contains("\"code\":\"webhook-rejected\"");
        }
        assertThat(stored(idOf(event))).isZero();
        assertThat(events.stream(GatewayEvents.ChargeChanged.class)).isEmpty();
    }

    @Test
    void aStaleTimestampIsRefusedByOurClock() throws Exception {
        String event = event(
                "payment_intent.succeeded",
                charge("inv-stale-" + UUID.randomUUID()).chargeId(),
                "");
        String signedNow = signed(event);
        String signedLongAgo =
                signature(event, clock.instant().minusSeconds(301).getEpochSecond(), StripeTest.WEBHOOK_SECRET);

        assertThat(deliver(event, signedLongAgo).getStatus()).isEqualTo(400);
        clock.advance(Duration.ofMinutes(6));
        assertThat(deliver(event, signedNow).getStatus()).isEqualTo(400);
        assertThat(stored(idOf(event))).isZero();

        clock.reset();
        assertThat(deliver(event, signed(event)).getStatus()).isEqualTo(200);
    }

    @Test
    void theConnectEndpointsSecretIsAcceptedToo() throws Exception {
        String event = event(
                "payment_intent.succeeded",
                charge("inv-connect-" + UUID.randomUUID()).chargeId(),
                "");

        MockHttpServletResponse response =
                deliver(event, signature(event, clock.instant().getEpochSecond(), "whsec_other_endpoint"));

        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void aDisputeClosedBeforeItsCreationIsAnnouncedOpenedThenClosedOnce() throws Exception {
        ChargeResult charged = charge("inv-dispute-" + UUID.randomUUID());
        String dispute = stripe.dispute(charged.chargeId(), "lost");
        String closed = event("charge.dispute.closed", dispute, "\"status\": \"won\"");
        String created = event("charge.dispute.created", dispute, "\"status\": \"needs_response\"");

        assertThat(deliver(closed, signed(closed)).getStatus()).isEqualTo(200);
        assertThat(deliver(created, signed(created)).getStatus()).isEqualTo(200);

        assertThat(events.stream(GatewayEvents.DisputeOpened.class))
                .containsExactly(new GatewayEvents.DisputeOpened(
                        "stripe", charged.chargeId(), dispute, Money.of(5000, "USD"), "fraudulent"));
        // Stripe says lost, whatever the (older) payload said
        assertThat(events.stream(GatewayEvents.DisputeClosed.class))
                .containsExactly(new GatewayEvents.DisputeClosed("stripe", dispute, false));
    }

    @Test
    void aDisputeInOrderIsOpenedThenWon() throws Exception {
        ChargeResult charged = charge("inv-dispute-won-" + UUID.randomUUID());
        String dispute = stripe.dispute(charged.chargeId(), "needs_response");
        String created = event("charge.dispute.created", dispute, "");
        deliver(created, signed(created));
        assertThat(events.stream(GatewayEvents.DisputeClosed.class)).isEmpty();

        stripe.set(dispute, "status", "won");
        String closed = event("charge.dispute.closed", dispute, "");
        deliver(closed, signed(closed));

        assertThat(events.stream(GatewayEvents.DisputeOpened.class)).hasSize(1);
        assertThat(events.stream(GatewayEvents.DisputeClosed.class))
                .containsExactly(new GatewayEvents.DisputeClosed("stripe", dispute, true));
    }

    @Test
    void aRefundMadeInStripesDashboardIsAnnouncedOursIsNot() throws Exception {
        ChargeResult charged = charge("inv-refunded-" + UUID.randomUUID());
        gateway.refund(
                new RefundRequest("ours-" + UUID.randomUUID(), charged.chargeId(), Money.of(1000, "USD"), "asked"));
        String outside = stripe.refundOutside(charged.chargeId(), 700);
        String chargeId = (String) stripe.object(charged.chargeId()).get("latest_charge");
        String refunded = event("charge.refunded", chargeId, "");
        String refundedAgain = event("charge.refunded", chargeId, "");

        deliver(refunded, signed(refunded));
        deliver(refundedAgain, signed(refundedAgain));

        assertThat(events.stream(GatewayEvents.RefundMade.class))
                .containsExactly(
                        new GatewayEvents.RefundMade("stripe", charged.chargeId(), outside, Money.of(700, "USD")));
    }

    @Test
    void aSucceededSetupIntentSavesThePatronsCardOnce() throws Exception {
        User patron = users.patron();
        String setup = stripe.setupIntentOf(methods.startCardSetup(patron.id().value()));
        String card = stripe.confirmSetup(setup, "4444");
        String event = event("setup_intent.succeeded", setup, "");
        String again = event("setup_intent.succeeded", setup, "");

        deliver(event, signed(event));
        deliver(again, signed(again));

        List<PaymentMethod> saved = methods.of(patron.id().value());
        assertThat(saved).hasSize(1);
        assertThat(saved.getFirst().token()).isEqualTo(card);
        assertThat(saved.getFirst().label()).isEqualTo("Visa ending 4444 (expires 12/2034)");
        assertThat(saved.getFirst().isDefault()).isTrue();
    }

    @Test
    void payoutsOnConnectedAccountsAreFetchedThereAndAnnouncedOnce() throws Exception {
        String paid = stripe.payout("paid", null);
        String failed = stripe.payout("failed", "The bank account has been closed.");
        String paidEvent = connectEvent("payout.paid", paid);
        String failedEvent = connectEvent("payout.failed", failed);
        // a late "paid" for the payout that failed afterwards: Stripe's state decides
        String stalePaid = connectEvent("payout.paid", failed);

        for (String event : List.of(paidEvent, failedEvent, stalePaid)) {
            assertThat(deliver(event, signed(event)).getStatus()).isEqualTo(200);
        }

        assertThat(events.stream(GatewayEvents.PayoutPaid.class))
                .containsExactly(new GatewayEvents.PayoutPaid("stripe", paid));
        assertThat(events.stream(GatewayEvents.PayoutFailed.class))
                .containsExactly(new GatewayEvents.PayoutFailed("stripe", failed, "The bank account has been closed."));
        stripe.server()
                .verify(getRequestedFor(urlPathEqualTo("/v1/payouts/" + paid))
                        .withHeader("Stripe-Account", equalTo("acct_1QCreator")));
    }

    @Test
    void anEventMaecenasDoesNotActOnIsStoredAndAcknowledged() throws Exception {
        String event = event("customer.updated", "cus_whatever", "");

        assertThat(deliver(event, signed(event)).getStatus()).isEqualTo(200);
        assertThat(stored(idOf(event))).isEqualTo(1);
    }

    private ChargeResult charge(String key) {
        return gateway.charge(new ChargeRequest(key, stripe.card("visa"), Money.of(5000, "USD"), "webhook test"));
    }

    private MockHttpServletResponse deliver(String payload, String signature) throws Exception {
        var request = MockMvcRequestBuilders.post("/webhooks/stripe")
                .contentType(MediaType.APPLICATION_JSON)
                .accept("*/*; q=0.5, application/xml")
                .content(payload.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    /** An event as Stripe's API reference shows one; {@code extra} adds fields to its object. */
    private static String event(String type, String objectId, String extra) {
        String object = objectId.substring(0, objectId.indexOf('_'));
        return """
                {
                  "id": "evt_%s",
                  "object": "event",
                  "api_version": "2025-09-30.clover",
                  "created": 1764115200,
                  "data": {"object": {"id": "%s", "object": "%s"%s}},
                  "livemode": false,
                  "pending_webhooks": 1,
                  "request": {"id": null, "idempotency_key": null},
                  "type": "%s"
                }
                """.formatted(
                        UUID.randomUUID().toString().replace("-", ""),
                        objectId,
                        object,
                        extra.isEmpty() ? "" : ", " + extra,
                        type);
    }

    private static String connectEvent(String type, String payoutId) {
        return event(type, payoutId, "").replace("\"livemode\"", "\"account\": \"acct_1QCreator\",\n  \"livemode\"");
    }

    private static String idOf(String event) {
        return event.substring(event.indexOf("evt_"), event.indexOf('"', event.indexOf("evt_")));
    }

    private String signed(String payload) {
        return signature(payload, clock.instant().getEpochSecond(), StripeTest.WEBHOOK_SECRET);
    }

    /** Stripe's scheme: {@code t=<seconds>,v1=<hex HMAC-SHA256 of "t.payload">}. */
    private static String signature(String payload, long timestamp, String secret) {
        return "t=" + timestamp + ",v1=" + hmac(secret, timestamp + "." + payload);
    }

    private static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private int stored(String eventId) {
        return jdbc.sql("select count(*) from stripe_events where id = :id")
                .param("id", eventId)
                .query(Integer.class)
                .single();
    }
}
