package org.maecenas.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.maecenas.billing.BillingEvents.PaymentsCollected;
import tools.jackson.databind.json.JsonMapper;

/** Events stored by an older version are read by this one (the registry republishes what was not done). */
class BillingEventsTests {

    @Test
    void aChunkStoredBeforeRequestsToConfirmWereToldWithItIsReadWithNone() {
        PaymentsCollected event = JsonMapper.shared().readValue("""
                        {"paid":[{"invoiceId":7,"patronUserId":3,"amountMinor":500,"currency":"USD",
                                  "at":"2026-11-26T10:00:00Z"}],
                         "declined":[]}
                        """, PaymentsCollected.class);

        assertThat(event.paid()).hasSize(1);
        assertThat(event.toConfirm()).isEmpty();
    }
}
