package org.maecenas.web;

import java.util.List;

public record HomePage(List<FeaturedCreators.Card> featured) {}
