package org.maecenas.payments;

import java.time.Instant;

public record PaymentMethod(
        long id,
        long userId,
        String gateway,
        String token,
        String brand,
        String last4,
        int expMonth,
        int expYear,
        boolean isDefault,
        Instant createdAt) {

    public String label() {
        return brand + " ending " + last4 + " (expires " + String.format("%02d/%d", expMonth, expYear) + ")";
    }
}
