/**
 * Money as every module handles it: {@code long} minor units with an ISO 4217 currency, parsing
 * and display, and arithmetic that refuses to mix currencies. No {@code double}, ever.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Money")
package org.maecenas.money;
