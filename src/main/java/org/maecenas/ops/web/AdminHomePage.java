package org.maecenas.ops.web;

import java.util.List;
import org.maecenas.ops.ErrorGroup;

public record AdminHomePage(long errorGroups, List<ErrorGroup> recentErrors) {}
