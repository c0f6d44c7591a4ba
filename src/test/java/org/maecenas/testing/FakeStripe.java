package org.maecenas.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small Stripe on a local port (WireMock), stateful enough for the adapter's whole contract:
 * customers, cards, off-session PaymentIntents that succeed, decline or need authentication by the
 * card's id, idempotency keys replayed as Stripe replays them, refunds with Stripe's limit, balance
 * transactions, SetupIntents, disputes and Connect payouts. Shapes follow Stripe's API reference;
 * fee 2.9% + 30 like the sandbox's. Tests add their own stubs at a higher priority to break it.
 *
 * <p>Card ids say what they do, as Stripe's test cards do: {@code pm_card_visa…} pays,
 * {@code pm_card_chargeDeclinedInsufficientFunds…} is declined, {@code pm_card_authenticationRequired…}
 * needs the patron.
 */
public final class FakeStripe implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-stripe";

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Pattern SEARCH = Pattern.compile("metadata\\['maecenas_key'\\]:'(.*)'");
    private static FakeStripe running;

    private final WireMockServer server;
    private final AtomicLong ids = new AtomicLong(1000);
    private final Map<String, Map<String, Object>> objects = new ConcurrentHashMap<>();
    private final Map<String, String> attached = new ConcurrentHashMap<>();
    private final Map<String, ResponseDefinition> idempotent = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    private FakeStripe() {
        server = new WireMockServer(wireMockConfig().dynamicPort().extensions(this));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(NAME)));
    }

    /** The one fake of this test run (the Stripe-configured Spring context points at it). */
    public static synchronized FakeStripe get() {
        if (running == null) {
            running = new FakeStripe();
        }
        return running;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public WireMockServer server() {
        return server;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    // ---- what tests set up -------------------------------------------------------------------

    /** A new customer with a card of this kind attached; answers the card's id. */
    public String card(String kind) {
        String customer = create("cus", Map.of("object", "customer", "metadata", Map.of()));
        String method = "pm_card_" + kind + "_" + ids.incrementAndGet();
        attached.put(method, customer);
        return method;
    }

    /** The customer a card hangs on. */
    public String customerOf(String paymentMethod) {
        return attached.get(paymentMethod);
    }

    /** The patron finished Stripe.js's card form: the SetupIntent succeeded with a new Visa. */
    public String confirmSetup(String setupIntentId, String last4) {
        Map<String, Object> setup = objects.get(setupIntentId);
        String method = "pm_card_visa_" + last4 + "_" + ids.incrementAndGet();
        attached.put(method, (String) setup.get("customer"));
        setup.put("status", "succeeded");
        setup.put("payment_method", method);
        return method;
    }

    /** The SetupIntent whose client secret this is. */
    public String setupIntentOf(String clientSecret) {
        return clientSecret.substring(0, clientSecret.indexOf("_secret_"));
    }

    /** A patron's bank opened a dispute over a PaymentIntent's charge. */
    public String dispute(String paymentIntentId, String status) {
        Map<String, Object> intent = objects.get(paymentIntentId);
        Map<String, Object> dispute = new LinkedHashMap<>();
        dispute.put("object", "dispute");
        dispute.put("amount", intent.get("amount"));
        dispute.put("currency", intent.get("currency"));
        dispute.put("charge", intent.get("latest_charge"));
        dispute.put("payment_intent", paymentIntentId);
        dispute.put("reason", "fraudulent");
        dispute.put("status", status);
        return create("dp", dispute);
    }

    /** Someone refunds part of a charge in Stripe's dashboard (no key of ours on it). */
    public String refundOutside(String paymentIntentId, long amount) {
        Map<String, Object> intent = objects.get(paymentIntentId);
        Map<String, Object> refund = new LinkedHashMap<>();
        refund.put("object", "refund");
        refund.put("amount", amount);
        refund.put("currency", intent.get("currency"));
        refund.put("charge", intent.get("latest_charge"));
        refund.put("payment_intent", paymentIntentId);
        refund.put("metadata", Map.of());
        refund.put("status", "succeeded");
        return create("re", refund);
    }

    /** Changes what Stripe says of an object from now on (a dispute's status, a payout's). */
    public void set(String id, String field, Object value) {
        objects.get(id).put(field, value);
    }

    /** A payout on a connected account, as Stripe would hold it. */
    public String payout(String status, String failureMessage) {
        Map<String, Object> payout = new LinkedHashMap<>();
        payout.put("object", "payout");
        payout.put("amount", 5000L);
        payout.put("currency", "usd");
        payout.put("status", status);
        payout.put("failure_message", failureMessage);
        return create("po", payout);
    }

    /** How many objects of a kind ("pi", "re", "cus", …) Stripe holds. */
    public long count(String prefix) {
        return objects.keySet().stream()
                .filter(id -> id.startsWith(prefix + "_"))
                .count();
    }

    public Map<String, Object> object(String id) {
        return objects.get(id);
    }

    // ---- the API -------------------------------------------------------------------------------

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        LoggedRequest request = event.getRequest();
        String key = request.getHeader("Idempotency-Key");
        if ("POST".equals(request.getMethod().getName()) && key != null && idempotent.containsKey(key)) {
            ResponseDefinition earlier = idempotent.get(key);
            return ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(earlier.getStatus())
                    .withBody(earlier.getBody())
                    .withHeaders(earlier.getHeaders().plus(new HttpHeader("Idempotent-Replayed", "true")))
                    .build();
        }
        ResponseDefinition response = route(request);
        if ("POST".equals(request.getMethod().getName()) && key != null && response.getStatus() != 429) {
            idempotent.put(key, response);
        }
        return response;
    }

    private ResponseDefinition route(LoggedRequest request) {
        String path = request.getUrl().replaceFirst("\\?.*", "");
        Map<String, String> params = form(
                "POST".equals(request.getMethod().getName())
                        ? request.getBodyAsString()
                        : request.getUrl().contains("?")
                                ? request.getUrl().substring(request.getUrl().indexOf('?') + 1)
                                : "");
        List<String> expand = params.entrySet().stream()
                .filter(e -> e.getKey().startsWith("expand["))
                .map(Map.Entry::getValue)
                .toList();
        String[] parts = path.split("/");
        String kind = parts.length > 2 ? parts[2] : "";
        String id = parts.length > 3 ? parts[3] : null;
        boolean post = "POST".equals(request.getMethod().getName());
        return switch (kind) {
            case "customers" ->
                ok(objects.get(create("cus", Map.of("object", "customer", "metadata", metadata(params)))));
            case "payment_methods" -> paymentMethod(id);
            case "setup_intents" -> post ? setupIntent(params) : retrieve(id, expand);
            case "payment_intents" -> {
                if (post && id == null) {
                    yield createIntent(params, expand);
                } else if (post && parts.length > 4 && "cancel".equals(parts[4])) {
                    yield cancel(id, params, expand);
                } else if ("search".equals(id)) {
                    yield search(params, expand);
                } else if (id == null) {
                    yield list(
                            "pi",
                            o -> params.get("customer").equals(o.get("customer"))
                                    && (long) o.get("created")
                                            >= Long.parseLong(params.getOrDefault("created[gte]", "0")),
                            expand);
                }
                yield retrieve(id, expand);
            }
            case "refunds" -> {
                if (post) {
                    yield refund(params);
                } else if (id == null) {
                    yield list(
                            "re",
                            o -> (params.containsKey("payment_intent")
                                            && params.get("payment_intent").equals(o.get("payment_intent")))
                                    || (params.containsKey("charge")
                                            && params.get("charge").equals(o.get("charge"))),
                            expand);
                }
                yield retrieve(id, expand);
            }
            case "balance_transactions" ->
                id != null
                        ? retrieve(id, expand)
                        : list(
                                "txn",
                                o -> {
                                    long created = (long) o.get("created");
                                    return created >= Long.parseLong(params.get("created[gte]"))
                                            && created < Long.parseLong(params.get("created[lt]"));
                                },
                                expand);
            case "charges", "disputes", "payouts" -> {
                if (post && "payouts".equals(kind)) {
                    Map<String, Object> payout = new LinkedHashMap<>(Map.of("object", "payout", "status", "pending"));
                    payout.put("amount", Long.parseLong(params.get("amount")));
                    payout.put("currency", params.get("currency"));
                    payout.put("metadata", metadata(params));
                    yield ok(objects.get(create("po", payout)));
                }
                yield retrieve(id, expand);
            }
            case "transfers" -> {
                Map<String, Object> transfer = new LinkedHashMap<>(Map.of("object", "transfer"));
                transfer.put("amount", Long.parseLong(params.get("amount")));
                transfer.put("currency", params.get("currency"));
                transfer.put("destination", params.get("destination"));
                yield ok(objects.get(create("tr", transfer)));
            }
            default -> missing(path);
        };
    }

    private ResponseDefinition createIntent(Map<String, String> params, List<String> expand) {
        long amount = Long.parseLong(params.get("amount"));
        String method = params.get("payment_method");
        if (!params.get("customer").equals(attached.get(method))) {
            return error(
                    400,
                    "invalid_request_error",
                    "resource_missing",
                    null,
                    "No such PaymentMethod: '" + method + "'",
                    null);
        }
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("object", "payment_intent");
        intent.put("amount", amount);
        intent.put("amount_received", 0L);
        intent.put("currency", params.get("currency"));
        intent.put("customer", params.get("customer"));
        intent.put("payment_method", method);
        intent.put("description", params.get("description"));
        intent.put("metadata", metadata(params));
        intent.put("cancellation_reason", null);
        intent.put("last_payment_error", null);
        String id = create("pi", intent);
        intent.put("client_secret", id + "_secret_fake");
        if (method.startsWith("pm_card_chargeDeclinedInsufficientFunds")) {
            return cardError(intent, "card_declined", "insufficient_funds", "Your card has insufficient funds.");
        }
        if (method.startsWith("pm_card_authenticationRequired")) {
            return cardError(
                    intent,
                    "authentication_required",
                    "authentication_required",
                    "Your card was declined. This transaction requires authentication.");
        }
        intent.put("status", "succeeded");
        intent.put("amount_received", amount);
        intent.put("latest_charge", settle(id, amount, (String) intent.get("currency")));
        return ok(render(intent, expand));
    }

    private ResponseDefinition cardError(Map<String, Object> intent, String code, String declineCode, String message) {
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("type", "card_error");
        last.put("code", code);
        last.put("decline_code", declineCode);
        last.put("message", message);
        last.put("payment_method", Map.of("id", intent.get("payment_method"), "object", "payment_method"));
        intent.put("status", "requires_payment_method");
        intent.put("last_payment_error", last);
        return error(402, "card_error", code, declineCode, message, intent);
    }

    /** A succeeded charge and its balance transaction; answers the charge's id. */
    private String settle(String intentId, long amount, String currency) {
        long fee = Math.round(amount * 0.029) + 30;
        Map<String, Object> charge = new LinkedHashMap<>();
        charge.put("object", "charge");
        charge.put("amount", amount);
        charge.put("currency", currency);
        charge.put("payment_intent", intentId);
        charge.put("status", "succeeded");
        String chargeId = create("ch", charge);
        charge.put("balance_transaction", transaction(amount, fee, currency, "charge", "charge", chargeId));
        return chargeId;
    }

    private String transaction(long amount, long fee, String currency, String type, String category, String source) {
        Map<String, Object> txn = new LinkedHashMap<>();
        txn.put("object", "balance_transaction");
        txn.put("amount", amount);
        txn.put("fee", fee);
        txn.put("net", amount - fee);
        txn.put("currency", currency);
        txn.put("type", type);
        txn.put("reporting_category", category);
        txn.put("source", source);
        txn.put("status", "pending");
        txn.put("exchange_rate", null);
        return create("txn", txn);
    }

    private ResponseDefinition cancel(String id, Map<String, String> params, List<String> expand) {
        Map<String, Object> intent = objects.get(id);
        String status = (String) intent.get("status");
        if (!List.of("requires_payment_method", "requires_action", "requires_confirmation")
                .contains(status)) {
            return error(
                    400,
                    "invalid_request_error",
                    "payment_intent_unexpected_state",
                    null,
                    "You cannot cancel this PaymentIntent because it has a status of " + status + ".",
                    intent);
        }
        intent.put("status", "canceled");
        intent.put("cancellation_reason", params.get("cancellation_reason"));
        return ok(render(intent, expand));
    }

    private ResponseDefinition search(Map<String, String> params, List<String> expand) {
        Matcher key = SEARCH.matcher(params.getOrDefault("query", ""));
        String wanted = key.find() ? key.group(1) : "";
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("object", "search_result");
        page.put("url", "/v1/payment_intents/search");
        page.put("has_more", false);
        page.put("next_page", null);
        page.put(
                "data",
                sorted("pi", o -> wanted.equals(((Map<?, ?>) o.get("metadata")).get("maecenas_key"))).stream()
                        .map(o -> render(o, strip(expand)))
                        .toList());
        return ok(page);
    }

    private ResponseDefinition refund(Map<String, String> params) {
        String intentId = params.get("payment_intent");
        Map<String, Object> intent = objects.get(intentId);
        if (intent == null || !"succeeded".equals(intent.get("status"))) {
            return error(
                    400,
                    "invalid_request_error",
                    "resource_missing",
                    null,
                    "No such payment_intent: '" + intentId + "'",
                    null);
        }
        long amount = Long.parseLong(params.get("amount"));
        long refunded = sorted("re", o -> intentId.equals(o.get("payment_intent"))).stream()
                .mapToLong(o -> (long) o.get("amount"))
                .sum();
        long charged = (long) intent.get("amount_received");
        if (amount <= 0 || refunded + amount > charged) {
            return error(
                    400,
                    "invalid_request_error",
                    "amount_too_large",
                    null,
                    "Refund amount (" + amount + ") is greater than unrefunded amount on charge ("
                            + (charged - refunded) + ")",
                    null);
        }
        Map<String, Object> refund = new LinkedHashMap<>();
        refund.put("object", "refund");
        refund.put("amount", amount);
        refund.put("currency", intent.get("currency"));
        refund.put("charge", intent.get("latest_charge"));
        refund.put("payment_intent", intentId);
        refund.put("metadata", metadata(params));
        refund.put("status", "succeeded");
        String id = create("re", refund);
        refund.put(
                "balance_transaction",
                transaction(-amount, 0, (String) intent.get("currency"), "refund", "refund", id));
        return ok(refund);
    }

    private ResponseDefinition setupIntent(Map<String, String> params) {
        Map<String, Object> setup = new LinkedHashMap<>();
        setup.put("object", "setup_intent");
        setup.put("customer", params.get("customer"));
        setup.put("usage", params.get("usage"));
        setup.put("status", "requires_payment_method");
        setup.put("payment_method", null);
        setup.put("metadata", metadata(params));
        String id = create("seti", setup);
        setup.put("client_secret", id + "_secret_fake" + ids.incrementAndGet());
        return ok(setup);
    }

    private ResponseDefinition paymentMethod(String id) {
        if (id == null || !id.startsWith("pm_card_")) {
            return error(
                    404,
                    "invalid_request_error",
                    "resource_missing",
                    null,
                    "No such PaymentMethod: '" + id + "'",
                    null);
        }
        return ok(method(id));
    }

    private Map<String, Object> method(String id) {
        String[] parts = id.split("_");
        String last4 = parts.length > 4 && parts[3].matches("\\d{4}") ? parts[3] : "4242";
        Map<String, Object> card = Map.of("brand", "visa", "last4", last4, "exp_month", 12L, "exp_year", 2034L);
        Map<String, Object> method = new LinkedHashMap<>();
        method.put("id", id);
        method.put("object", "payment_method");
        method.put("type", "card");
        method.put("card", card);
        method.put("customer", attached.get(id));
        return method;
    }

    private ResponseDefinition retrieve(String id, List<String> expand) {
        Map<String, Object> object = id == null ? null : objects.get(id);
        return object == null ? missing(id) : ok(render(object, expand));
    }

    private ResponseDefinition list(
            String prefix, java.util.function.Predicate<Map<String, Object>> filter, List<String> expand) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("object", "list");
        page.put("url", "/v1/" + prefix);
        page.put("has_more", false);
        page.put(
                "data",
                sorted(prefix, filter).stream()
                        .map(o -> render(o, strip(expand)))
                        .toList());
        return ok(page);
    }

    /** Newest first, as Stripe lists. */
    private List<Map<String, Object>> sorted(String prefix, java.util.function.Predicate<Map<String, Object>> filter) {
        List<Map<String, Object>> found = new ArrayList<>(objects.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix + "_"))
                .map(Map.Entry::getValue)
                .filter(filter)
                .toList());
        found.sort(Comparator.comparing((Map<String, Object> o) -> (long) o.get("created"))
                .reversed()
                .thenComparing(o -> (String) o.get("id"), Comparator.reverseOrder()));
        return found;
    }

    /** An object with the fields asked to be expanded replaced by the objects they name. */
    private Map<String, Object> render(Map<String, Object> object, List<String> expand) {
        Map<String, Object> copy = new LinkedHashMap<>(object);
        for (String path : expand) {
            String[] steps = path.split("\\.", 2);
            Object value = copy.get(steps[0]);
            if (value instanceof String id && (objects.containsKey(id) || id.startsWith("pm_card_"))) {
                Map<String, Object> inner = id.startsWith("pm_card_") ? method(id) : objects.get(id);
                copy.put(steps[0], render(inner, steps.length > 1 ? List.of(steps[1]) : List.of()));
            }
        }
        return copy;
    }

    private static List<String> strip(List<String> expand) {
        return expand.stream()
                .map(e -> e.startsWith("data.") ? e.substring(5) : e)
                .toList();
    }

    private String create(String prefix, Map<String, Object> fields) {
        String id = prefix + "_fake" + ids.incrementAndGet();
        // the caller's own map when it can change, so what it sets afterwards is what Stripe holds
        Map<String, Object> object =
                fields instanceof LinkedHashMap<String, Object> mine ? mine : new LinkedHashMap<>(fields);
        object.put("id", id);
        object.put("created", clock.instant().getEpochSecond());
        object.put("livemode", false);
        objects.put(id, object);
        return id;
    }

    private static Map<String, String> metadata(Map<String, String> params) {
        Map<String, String> metadata = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith("metadata[")) {
                metadata.put(k.substring("metadata[".length(), k.length() - 1), v);
            }
        });
        return metadata;
    }

    /** Stripe's form encoding: {@code a=1&metadata[k]=v&expand[0]=x}. */
    static Map<String, String> form(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    private static ResponseDefinition ok(Object body) {
        return json(200, body);
    }

    private static ResponseDefinition missing(String id) {
        return error(404, "invalid_request_error", "resource_missing", null, "No such object: '" + id + "'", null);
    }

    private static ResponseDefinition error(
            int status, String type, String code, String declineCode, String message, Map<String, Object> intent) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        error.put("code", code);
        if (declineCode != null) {
            error.put("decline_code", declineCode);
        }
        error.put("message", message);
        if (intent != null) {
            error.put("payment_intent", intent);
        }
        return json(status, Map.of("error", error));
    }

    private static ResponseDefinition json(int status, Object body) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withBody(JSON.writeValueAsString(body))
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_fake")
                .build();
    }
}
