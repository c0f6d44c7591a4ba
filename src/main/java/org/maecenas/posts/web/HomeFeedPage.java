package org.maecenas.posts.web;

import java.util.List;

public record HomeFeedPage(List<PostCard> posts, int page, boolean hasNext, boolean followsAnyone) {}
