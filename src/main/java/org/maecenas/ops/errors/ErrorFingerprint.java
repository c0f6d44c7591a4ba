package org.maecenas.ops.errors;

import jakarta.servlet.ServletException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Groups occurrences of the same fault: the innermost exception's type plus the top frames of our
 * own code (class and method, not line numbers, so an unrelated edit above doesn't split a group).
 */
final class ErrorFingerprint {

    private static final String APPLICATION_PACKAGE = "org.maecenas.";
    private static final int FRAMES = 3;

    private ErrorFingerprint() {}

    /** The exception a handler threw, without the servlet container's wrappers. */
    static Throwable unwrap(Throwable thrown) {
        Throwable current = thrown;
        while (current instanceof ServletException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** The innermost cause: what actually went wrong. */
    static Throwable rootCause(Throwable thrown) {
        Throwable current = thrown;
        int depth = 0;
        while (current.getCause() != null && current.getCause() != current && depth++ < 50) {
            current = current.getCause();
        }
        return current;
    }

    static String of(Throwable thrown) {
        Throwable root = rootCause(unwrap(thrown));
        StringBuilder key = new StringBuilder(root.getClass().getName());
        for (String frame : topFrames(root)) {
            key.append('|').append(frame);
        }
        return sha256(key.toString()).substring(0, 20);
    }

    static List<String> topFrames(Throwable thrown) {
        List<String> ours = new ArrayList<>();
        List<String> any = new ArrayList<>();
        for (StackTraceElement frame : thrown.getStackTrace()) {
            String name = frame.getClassName() + "." + frame.getMethodName();
            if (any.size() < FRAMES) {
                any.add(name);
            }
            if (frame.getClassName().startsWith(APPLICATION_PACKAGE)
                    && !frame.getClassName().contains("$$")) {
                ours.add(name);
                if (ours.size() == FRAMES) {
                    break;
                }
            }
        }
        return ours.isEmpty() ? any : ours;
    }

    private static String sha256(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
