package org.maecenas.campaigns.web;

import java.util.List;
import org.maecenas.campaigns.Campaign;

public record AdminCampaignsPage(List<Campaign> campaigns, int page, boolean hasNext) {}
