package org.maecenas.payments;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A webhook event a gateway sent, as stored.
 *
 * @param created when the gateway created the event
 * @param appliedAt when it was applied (every stored event is; redeliveries are not stored again)
 * @param outcome what applying it did, in a few words
 */
public record WebhookEvent(
        String id,
        String type,
        Instant created,
        Instant receivedAt,
        @Nullable Instant appliedAt,
        @Nullable String outcome) {}
