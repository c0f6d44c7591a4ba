package org.maecenas.payments.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.maecenas.payments.internal.StripeWebhooks;
import org.maecenas.web.DomainProblem;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where Stripe sends its events. The body is taken as the bytes Stripe signed. Answers 200 for an
 * event applied now or before, 400 (a problem document) for one that isn't Stripe's or is stale,
 * and anything else makes Stripe send it again later.
 */
@RestController
class StripeWebhookController {

    private final ObjectProvider<StripeWebhooks> webhooks;

    StripeWebhookController(ObjectProvider<StripeWebhooks> webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping("/webhooks/stripe")
    ResponseEntity<?> receive(
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = "Stripe-Signature", required = false) String signature,
            HttpServletRequest request) {
        StripeWebhooks stripe = webhooks.getIfAvailable();
        if (stripe == null) {
            return problem(HttpStatus.NOT_FOUND, "stripe-not-configured", "Stripe is not configured here.", request);
        }
        String payload = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        StripeWebhooks.Receipt receipt = stripe.receive(payload, signature);
        return ResponseEntity.ok(Map.of("received", true, "duplicate", receipt == StripeWebhooks.Receipt.DUPLICATE));
    }

    @ExceptionHandler(DomainProblem.class)
    ResponseEntity<ProblemDetail> refused(DomainProblem problem, HttpServletRequest request) {
        return problem(problem.status(), problem.code(), problem.getMessage(), request);
    }

    private static ResponseEntity<ProblemDetail> problem(
            HttpStatus status, String code, String message, HttpServletRequest request) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, message);
        detail.setType(URI.create("https://maecenas.org/problems/" + code));
        detail.setTitle(status.getReasonPhrase());
        detail.setInstance(URI.create(request.getRequestURI()));
        detail.setProperty("code", code);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(detail);
    }
}
