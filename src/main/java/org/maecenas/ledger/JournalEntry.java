package org.maecenas.ledger;

import java.time.Instant;
import java.util.List;

/**
 * A movement of money. {@code reference} is the idempotency key: posting the same reference twice
 * records it once.
 */
public record JournalEntry(String kind, String reference, String description, Instant postedAt, List<Leg> legs) {}
