package org.maecenas.accounts;

/** What can go wrong with an account request, each with a stable code and a message for people. */
public final class AccountProblems {

    private AccountProblems() {}

    /** Base of the module's domain exceptions. */
    public abstract static class AccountProblem extends RuntimeException {
        private final String code;

        AccountProblem(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public static final class EmailTaken extends AccountProblem {
        public EmailTaken() {
            super("email-taken", "An account with this email already exists. Sign in, or reset your password.");
        }
    }

    public static final class WrongPassword extends AccountProblem {
        public WrongPassword() {
            super("wrong-password", "That is not your current password.");
        }
    }

    public static final class UserNotFound extends AccountProblem {
        public UserNotFound(UserId id) {
            super("user-not-found", "No account " + id + ".");
        }
    }

    /** A link from an email that can no longer be used. */
    public static final class LinkUnusable extends AccountProblem {
        public enum Reason {
            UNKNOWN,
            EXPIRED,
            USED
        }

        private final Reason reason;

        public LinkUnusable(Reason reason) {
            super(
                    "link-" + reason.name().toLowerCase(java.util.Locale.ROOT),
                    switch (reason) {
                        case UNKNOWN ->
                            "This link is not valid. Check that you copied all of it, or ask for a new one.";
                        case EXPIRED -> "This link has expired. Ask for a new one.";
                        case USED -> "This link has already been used. Ask for a new one if you still need it.";
                    });
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /** Input that breaks a rule, with a message per field (the form shows each beside its field). */
    public static final class Invalid extends AccountProblem {
        private final java.util.Map<String, String> fields;

        public Invalid(java.util.Map<String, String> fields) {
            super("invalid", String.join(" ", fields.values()));
            this.fields = java.util.Map.copyOf(fields);
        }

        public static Invalid of(String field, String message) {
            return new Invalid(java.util.Map.of(field, message));
        }

        public java.util.Map<String, String> fields() {
            return fields;
        }
    }
}
