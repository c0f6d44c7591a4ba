package org.maecenas.ops.web;

import java.util.List;
import org.maecenas.ops.ErrorGroup;
import org.maecenas.ops.ErrorOccurrence;

public record AdminErrorGroupPage(ErrorGroup group, List<ErrorOccurrence> occurrences) {}
