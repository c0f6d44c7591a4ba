package org.maecenas.campaigns.web;

import org.maecenas.campaigns.Campaign;

public record DashboardPage(Campaign campaign, int tierCount, int goalCount) {}
