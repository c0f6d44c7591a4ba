package org.maecenas.ops.web;

import java.util.List;
import org.maecenas.ops.ErrorGroup;

public record AdminErrorsPage(List<ErrorGroup> groups, int page, boolean hasNext, long total) {}
