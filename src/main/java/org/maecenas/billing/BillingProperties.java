package org.maecenas.billing;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param timeZone the zone billing days are counted in
 * @param retryDays days after the first decline on which a payment is retried
 * @param shards how many pieces a billing day is split into (nodes share them)
 * @param platformFeeBasisPoints the instance's fee (100 = 1%), overridable per creator
 * @param janitorGrace how long an attempt may stay unresolved before the janitor asks the gateway
 * @param runAt the local time the daily billing run starts
 * @param authenticationWait how long a join or upgrade waits for the patron to confirm a payment their
 *     bank asked them to confirm
 * @param chunkSize how many patrons a billing day invoices, and how many invoices it charges, per
 *     transaction (claimed with row locks, so nodes share a shard chunk by chunk). A day's plan is
 *     cut into chunks when it is written, with the planning node's size
 * @param workers how many shards a node works on at once during a billing day (each a transaction at
 *     a time; with one turn at the database, two let one prepare its next statement while the
 *     other's runs)
 * @param databaseTurns how many of a node's billing statements may run in the database at once, from
 *     its workers or from the shards of a scheduled day it runs side by side (0: no limit). With one,
 *     a day keeps one database core busy and leaves the others to the site; each shard does its Java
 *     while another's statement runs.
 */
@ConfigurationProperties("maecenas.billing")
public record BillingProperties(
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue({"1", "2", "3", "5", "7", "10"}) List<Integer> retryDays,
        @DefaultValue("8") int shards,
        @DefaultValue("0") int platformFeeBasisPoints,
        @DefaultValue("2m") Duration janitorGrace,
        @DefaultValue("00:10") java.time.LocalTime runAt,
        @DefaultValue("1d") Duration authenticationWait,
        @DefaultValue("2000") int chunkSize,
        @DefaultValue("2") int workers,
        @DefaultValue("1") int databaseTurns) {}
