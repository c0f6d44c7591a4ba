package org.maecenas.ops.errors;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.maecenas.web.RequestAttributes;
import org.springframework.web.servlet.HandlerMapping;

/** What we keep of a failed request: enough to reproduce it, never its secrets. */
record CapturedRequest(
        String method,
        @Nullable String route,
        String path,
        @Nullable String query,
        String headers,
        @Nullable Long userId,
        String requestId) {

    static final String REDACTED = "[redacted]";
    private static final Set<String> SECRET_HEADERS = Set.of(
            "cookie",
            "set-cookie",
            "authorization",
            "proxy-authorization",
            "x-csrf-token",
            "x-xsrf-token",
            "stripe-signature");
    private static final Pattern SECRET_QUERY_PARAMETER =
            Pattern.compile("(?i)(^|&)((?:[^=&]*(?:token|password|secret|code|key)[^=&]*))=([^&]*)");

    static CapturedRequest of(HttpServletRequest request) {
        return new CapturedRequest(
                request.getMethod(),
                request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String p ? p : null,
                request.getRequestURI(),
                redactQuery(request.getQueryString()),
                headers(request),
                RequestAttributes.userId(request),
                RequestAttributes.requestId(request));
    }

    static String headers(HttpServletRequest request) {
        StringBuilder lines = new StringBuilder();
        for (String name : Collections.list(request.getHeaderNames())) {
            boolean secret = SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT));
            for (String value : Collections.list(request.getHeaders(name))) {
                lines.append(name)
                        .append(": ")
                        .append(secret ? REDACTED : value)
                        .append('\n');
            }
        }
        return lines.toString();
    }

    static @Nullable String redactQuery(@Nullable String query) {
        if (query == null) {
            return null;
        }
        Matcher matcher = SECRET_QUERY_PARAMETER.matcher(query);
        return matcher.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + "=" + REDACTED));
    }
}
