package org.maecenas.web;

import java.util.List;

public record AboutPage(String name, List<String> paragraphs) {}
