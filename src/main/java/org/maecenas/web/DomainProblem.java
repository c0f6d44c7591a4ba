package org.maecenas.web;

import org.springframework.http.HttpStatus;

/**
 * A named failure a module raises on purpose (not found, not yours, cap reached …), with a stable
 * code and a message for people. Mapped once: to a designed error page for browsers and an RFC 9457
 * problem document for API clients.
 */
public abstract class DomainProblem extends RuntimeException {

    private final String code;
    private final HttpStatus status;

    protected DomainProblem(String code, HttpStatus status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public HttpStatus status() {
        return status;
    }

    /** Something that does not exist (or that this viewer may not know exists). */
    public static class NotFound extends DomainProblem {
        public NotFound(String code, String message) {
            super(code, HttpStatus.NOT_FOUND, message);
        }
    }

    /** Something that exists but isn't this viewer's to change. */
    public static class Forbidden extends DomainProblem {
        public Forbidden(String code, String message) {
            super(code, HttpStatus.FORBIDDEN, message);
        }
    }

    /** Something that was here and has been removed on purpose. */
    public static class Gone extends DomainProblem {
        public Gone(String code, String message) {
            super(code, HttpStatus.GONE, message);
        }
    }

    /** A request that conflicts with the current state (a full tier, a second page …). */
    public static class Conflict extends DomainProblem {
        public Conflict(String code, String message) {
            super(code, HttpStatus.CONFLICT, message);
        }
    }
}
