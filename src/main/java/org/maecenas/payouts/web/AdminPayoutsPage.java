package org.maecenas.payouts.web;

import java.util.List;
import org.maecenas.payouts.Payout;

public record AdminPayoutsPage(List<Payout> open) {}
