package org.maecenas.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/** Names of request attributes that filters of different modules share. */
public final class RequestAttributes {

    /** The request id (String), set by the request-id filter before anything else runs. */
    public static final String REQUEST_ID = "maecenas.requestId";

    /** The signed-in user's id (Long), set once security has loaded the session. */
    public static final String USER_ID = "maecenas.userId";

    private RequestAttributes() {}

    public static String requestId(HttpServletRequest request) {
        Object id = request.getAttribute(REQUEST_ID);
        return id instanceof String s ? s : "-";
    }

    public static @Nullable Long userId(HttpServletRequest request) {
        Object id = request.getAttribute(USER_ID);
        return id instanceof Long l ? l : null;
    }
}
