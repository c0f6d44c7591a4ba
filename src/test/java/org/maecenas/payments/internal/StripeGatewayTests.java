package org.maecenas.payments.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.maecenas.money.Money;
import org.maecenas.payments.ChargeRequest;
import org.maecenas.payments.ChargeResult;
import org.maecenas.payments.ChargeResult.Outcome;
import org.maecenas.payments.GatewayTransaction;
import org.maecenas.payments.RefundRequest;
import org.maecenas.payments.RefundResult;
import org.maecenas.payments.StripeProperties;
import org.maecenas.testing.MaecenasTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The adapter against Stripe's own responses, written by hand from the API reference and served by
 * WireMock: what it sends for a charge, and what it makes of a decline, a bank that wants the
 * patron, a rate limit, a server error and a timeout. Its own client: short timeouts, one retry.
 */
@MaecenasTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StripeGatewayTests {

    private static final String CARD = "pm_1QTestVisa";

    private final WireMockServer stripe = new WireMockServer(wireMockConfig().dynamicPort());

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    Clock clock;

    private StripeGateway gateway;

    @BeforeAll
    void start() {
        stripe.start();
        StripeProperties properties = new StripeProperties(
                "sk_test_stubbed",
                null,
                null,
                stripe.baseUrl(),
                Duration.ofSeconds(2),
                Duration.ofMillis(400),
                1,
                2,
                Duration.ofMillis(10),
                Duration.ofMinutes(5));
        StripeApi api = new StripeApi(
                StripeConfiguration.clientFor(properties),
                properties.rateLimitRetries(),
                properties.rateLimitBackoff());
        gateway = new StripeGateway(
                api, new StripeCustomers(api, jdbc, clock), new StripeKeys(jdbc, transactions), clock);
    }

    @AfterAll
    void stop() {
        stripe.stop();
    }

    @BeforeEach
    void reset() {
        stripe.resetAll();
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_methods/" + CARD)).willReturn(json(200, "payment_method")));
    }

    @Test
    void aChargeIsAnOffSessionIntentConfirmedAtOnceUnderOurKey() {
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents")).willReturn(json(200, "payment_intent_succeeded")));

        ChargeResult result = charge("inv-7-1", 5000);

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(result.chargeId()).isEqualTo("pi_3QTestSucceeded");
        assertThat(result.settled()).isEqualTo(Money.of(5000, "USD"));
        assertThat(result.fee()).isEqualTo(Money.of(175, "USD"));
        stripe.verify(postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", equalTo("maecenas-inv-7-1"))
                .withHeader("Authorization", equalTo("Bearer sk_test_stubbed"))
                .withFormParam("amount", equalTo("5000"))
                .withFormParam("currency", equalTo("usd"))
                .withFormParam("customer", equalTo("cus_QTestPatron"))
                .withFormParam("payment_method", equalTo(CARD))
                .withFormParam("off_session", equalTo("true"))
                .withFormParam("confirm", equalTo("true"))
                .withFormParam("metadata[maecenas_key]", equalTo("inv-7-1"))
                .withFormParam("expand[0]", equalTo("latest_charge.balance_transaction")));
    }

    @Test
    void aDeclinedCardIsADeclineWithTheBanksCode() {
        stripe.stubFor(
                post(urlEqualTo("/v1/payment_intents")).willReturn(json(402, "card_declined_insufficient_funds")));

        ChargeResult result = charge("inv-8-1", 900);

        assertThat(result.outcome()).isEqualTo(Outcome.DECLINED);
        assertThat(result.declineCode()).isEqualTo("insufficient_funds");
        assertThat(result.chargeId()).isEqualTo("pi_3QTestDeclined");
        assertThat(result.message()).isEqualTo("Your card has insufficient funds.");
    }

    @Test
    void aBankThatWantsThePatronLeavesTheChargeWaitingWithASecretForTheBrowser() {
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents")).willReturn(json(402, "authentication_required")));
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_3QTestAuth"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(errorIntent("authentication_required"))));

        ChargeResult result = charge("inv-9-1", 3000);

        assertThat(result.outcome()).isEqualTo(Outcome.REQUIRES_ACTION);
        assertThat(result.declineCode()).isEqualTo("authentication_required");
        assertThat(gateway.actionSecret("inv-9-1")).contains("pi_3QTestAuth_secret_ghi");
    }

    @Test
    void aRateLimitIsWaitedOutAndRetriedWithTheSameKey() {
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents"))
                .inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, "rate_limit"))
                .willSetStateTo("calm"));
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents"))
                .inScenario("busy")
                .whenScenarioStateIs("calm")
                .willReturn(json(200, "payment_intent_succeeded", "pi_3QTestBusy")));

        ChargeResult result = charge("inv-10-1", 5000);

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(keysSent()).containsExactly("maecenas-inv-10-1", "maecenas-inv-10-1");
    }

    @Test
    void serverErrorsAfterRetriesLeaveTheOutcomeUnknown() {
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents")).willReturn(json(500, "api_error")));

        assertThatThrownBy(() -> charge("inv-11-1", 5000)).isInstanceOf(StripeGateway.GatewayUnavailable.class);

        // the SDK retried once, with the same key, so Stripe could never have charged twice
        assertThat(keysSent()).containsExactly("maecenas-inv-11-1", "maecenas-inv-11-1");
    }

    @Test
    void aTimeoutLeavesTheOutcomeUnknownAndTheKeyIsFoundAmongTheCustomersIntents() {
        stripe.stubFor(post(urlEqualTo("/v1/payment_intents"))
                .willReturn(json(200, "payment_intent_succeeded").withFixedDelay(1500)));

        assertThatThrownBy(() -> charge("inv-lost-1", 5000)).isInstanceOf(StripeGateway.GatewayUnavailable.class);
        assertThat(keysSent()).containsExactly("maecenas-inv-lost-1", "maecenas-inv-lost-1");

        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents"))
                .withQueryParam("customer", equalTo("cus_QTestPatron"))
                .willReturn(json(200, "payment_intents_of_customer")));
        ChargeResult found = gateway.lookup("inv-lost-1").orElseThrow();

        assertThat(found.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(found.chargeId()).isEqualTo("pi_3QTestLost");
        assertThat(found.fee()).isEqualTo(Money.of(175, "USD"));
    }

    @Test
    void aRefundNamesTheIntentAndCarriesOurKeyAndARefusalIsAnAnswer() {
        stripe.stubFor(post(urlEqualTo("/v1/refunds"))
                .withFormParam("amount", equalTo("1500"))
                .willReturn(json(200, "refund_succeeded")));
        stripe.stubFor(post(urlEqualTo("/v1/refunds"))
                .withFormParam("amount", equalTo("6000"))
                .willReturn(json(400, "refund_exceeds")));

        RefundResult refunded =
                gateway.refund(new RefundRequest("refund-7-1", "pi_3QTestSucceeded", Money.of(1500, "USD"), "asked"));
        RefundResult refused =
                gateway.refund(new RefundRequest("refund-7-2", "pi_3QTestSucceeded", Money.of(6000, "USD"), "asked"));

        assertThat(refunded.outcome()).isEqualTo(RefundResult.Outcome.SUCCEEDED);
        assertThat(refunded.refundId()).isEqualTo("re_3QTestRefund");
        assertThat(refused.outcome()).isEqualTo(RefundResult.Outcome.FAILED);
        assertThat(refused.message()).contains("greater than unrefunded amount");
        stripe.verify(postRequestedFor(urlEqualTo("/v1/refunds"))
                .withHeader("Idempotency-Key", equalTo("maecenas-refund-refund-7-1"))
                .withFormParam("payment_intent", equalTo("pi_3QTestSucceeded"))
                .withFormParam("metadata[maecenas_key]", equalTo("refund-7-1")));
    }

    @Test
    void balanceTransactionsAreTracedBackToTheIntentOldestFirst() {
        stripe.stubFor(get(urlPathEqualTo("/v1/balance_transactions"))
                .withQueryParam("created[gte]", equalTo("1764115200"))
                .withQueryParam("created[lt]", equalTo("1764201600"))
                .withQueryParam("expand[0]", equalTo("data.source"))
                .willReturn(json(200, "balance_transactions")));

        List<GatewayTransaction> books =
                gateway.transactions(Instant.ofEpochSecond(1764115200), Instant.ofEpochSecond(1764201600));

        assertThat(books)
                .extracting(GatewayTransaction::type)
                .containsExactly(
                        GatewayTransaction.Type.CHARGE,
                        GatewayTransaction.Type.REFUND,
                        GatewayTransaction.Type.DISPUTE_WITHDRAWAL,
                        GatewayTransaction.Type.PAYOUT);
        assertThat(books.subList(0, 3)).extracting(GatewayTransaction::chargeId).containsOnly("pi_3QTestSucceeded");
        assertThat(books.get(0).fee()).isEqualTo(Money.of(175, "USD"));
        assertThat(books.get(1).sourceId()).isEqualTo("re_3QTestRefund");
        assertThat(books.get(1).amount()).isEqualTo(Money.of(-1500, "USD"));
        assertThat(books.get(2).sourceId()).isEqualTo("dp_1QTest");
    }

    private ChargeResult charge(String key, long minor) {
        return gateway.charge(new ChargeRequest(key, CARD, Money.of(minor, "USD"), "Maecenas invoice 7"));
    }

    private List<String> keysSent() {
        return stripe.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents"))).stream()
                .map(request -> request.getHeader("Idempotency-Key"))
                .toList();
    }

    /** The PaymentIntent inside one of the error bodies, as retrieving it answers. */
    private static String errorIntent(String name) {
        String body = read(name);
        int start = body.indexOf("\"payment_intent\": {");
        int open = body.indexOf('{', start);
        int depth = 0;
        for (int i = open; i < body.length(); i++) {
            depth += body.charAt(i) == '{' ? 1 : body.charAt(i) == '}' ? -1 : 0;
            if (depth == 0) {
                return body.substring(open, i + 1);
            }
        }
        throw new IllegalStateException("no payment_intent in " + name);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String name) {
        return json(status, name, null);
    }

    /** A response whose PaymentIntent has another id (each key of ours makes its own intent). */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
            int status, String name, String intentId) {
        String body = read(name);
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_" + name)
                .withBody(intentId == null ? body : body.replace("pi_3QTestSucceeded", intentId));
    }

    private static String read(String name) {
        try (var in = StripeGatewayTests.class.getResourceAsStream("/stripe/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
