package org.maecenas.posts.web;

import java.util.List;
import org.maecenas.campaigns.Campaign;

public record ExplorePage(List<Campaign> featured, List<Campaign> newest, List<Campaign> mostSupported) {}
