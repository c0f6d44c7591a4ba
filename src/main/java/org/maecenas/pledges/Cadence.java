package org.maecenas.pledges;

/** How often a membership pays. */
public enum Cadence {
    /** Follows for free; never billed. */
    FREE,
    /** Pays for each paid creation, up to a monthly cap, billed on the 1st of the next month. */
    PER_CREATION,
    /** Pays every month on the day it joined (clamped to the month's end). */
    MONTHLY,
    /** Pays twelve months up front at the creator's discount. */
    ANNUAL
}
