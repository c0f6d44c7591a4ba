package org.maecenas.payments.web;

import org.maecenas.payments.WebhookEvents;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Operators see what Stripe told us lately and what each event did. */
@Controller
class AdminWebhooksController {

    private final WebhookEvents events;

    AdminWebhooksController(WebhookEvents events) {
        this.events = events;
    }

    @GetMapping("/admin/webhooks")
    String list(Model model) {
        model.addAttribute("page", new AdminWebhooksPage(events.recent(100), events.total(), events.expected()));
        return "payments/AdminWebhooksPage";
    }
}
