package org.maecenas.payouts;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param holdingPeriod how long after settlement earnings become available
 * @param minimumUnits the smallest payout, in whole units of the currency (10 = $10.00, ¥10)
 * @param automaticDay the day of the month automatic payouts run
 * @param encryptionKey base64 of 32 bytes (AES-256) for bank details; generated and kept in the
 *     database when unset (fine on a laptop; set it in production and keep it out of backups)
 */
@ConfigurationProperties("maecenas.payouts")
public record PayoutsProperties(
        @DefaultValue("7d") Duration holdingPeriod,
        @DefaultValue("10") int minimumUnits,
        @DefaultValue("1") int automaticDay,
        @Nullable String encryptionKey) {}
