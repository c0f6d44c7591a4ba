package org.maecenas.payments.web;

import java.util.Map;
import org.maecenas.payments.PaymentMethods;
import org.maecenas.web.Viewer;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stripe.js asks here for a SetupIntent to confirm the card the patron types into Stripe's form
 * (the card itself never comes here). A POST with the page's CSRF token, for the signed-in patron.
 */
@RestController
class CardSetupController {

    private final PaymentMethods methods;

    CardSetupController(PaymentMethods methods) {
        this.methods = methods;
    }

    @PostMapping("/settings/payment-methods/setup-intent")
    ResponseEntity<Map<String, String>> start(@AuthenticationPrincipal Viewer viewer) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(Map.of("clientSecret", methods.startCardSetup(viewer.id())));
    }
}
