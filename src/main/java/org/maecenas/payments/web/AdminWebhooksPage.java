package org.maecenas.payments.web;

import java.util.List;
import org.maecenas.payments.WebhookEvent;

/**
 * @param expected whether a gateway that sends webhooks is in use
 * @param total every event ever received
 */
public record AdminWebhooksPage(List<WebhookEvent> events, long total, boolean expected) {}
