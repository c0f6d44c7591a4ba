package org.maecenas.ops.errors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every exception that escapes the application into the error store, then lets it go on
 * to the container, which shows the designed error page. Runs just inside the request-id filter,
 * so the record carries the id; recording never replaces the original failure.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ErrorCaptureFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ErrorCaptureFilter.class);

    private final ErrorStore store;

    ErrorCaptureFilter(ErrorStore store) {
        this.store = store;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            capture(request, e);
            throw e;
        }
    }

    private void capture(HttpServletRequest request, Throwable thrown) {
        if (ClientAbort.is(thrown)) {
            return;
        }
        CapturedRequest captured = CapturedRequest.of(request);
        String type = ErrorFingerprint.rootCause(ErrorFingerprint.unwrap(thrown))
                .getClass()
                .getSimpleName();
        try {
            String fingerprint = store.record(thrown, captured);
            log.error(
                    "Unhandled {} on {} {} for user {} (error group {})",
                    type,
                    captured.method(),
                    captured.path(),
                    captured.userId() == null ? "-" : captured.userId(),
                    fingerprint,
                    thrown);
        } catch (RuntimeException storeFailure) {
            thrown.addSuppressed(storeFailure);
            log.error(
                    "Unhandled {} on {} {}; it could not be stored", type, captured.method(), captured.path(), thrown);
        }
    }

    /** A client that hung up mid-response is not a fault of ours. */
    static final class ClientAbort {
        private ClientAbort() {}

        static boolean is(Throwable thrown) {
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                String name = t.getClass().getName();
                if (name.endsWith("ClientAbortException") || name.endsWith("AsyncRequestNotUsableException")) {
                    return true;
                }
            }
            return false;
        }
    }
}
