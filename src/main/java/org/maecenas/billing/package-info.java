/**
 * The billing engine: accruals for paid creations, invoices (one charge per patron, currency and
 * day), billing days (staged, resumable, sharded across nodes), payment attempts written before
 * the gateway is called and resolved after, the janitor for unknown outcomes, dunning, settlement
 * into the ledger, and the invariant check ({@code java -jar maecenas.jar ledger verify}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Billing")
package org.maecenas.billing;
