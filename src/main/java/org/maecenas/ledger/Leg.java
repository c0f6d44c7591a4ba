package org.maecenas.ledger;

import org.maecenas.money.Money;

/** One side of an entry: an amount on an account (debit positive, credit negative). */
public record Leg(String account, Money amount) {}
