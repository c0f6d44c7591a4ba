package org.maecenas.web;

import jakarta.servlet.http.HttpServletRequest;

/** One URL serves a page and, to htmx, its fragment (not on a history restore, which needs the page). */
public final class Htmx {

    private Htmx() {}

    public static boolean isFragmentRequest(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"))
                && !"true".equals(request.getHeader("HX-History-Restore-Request"));
    }
}
