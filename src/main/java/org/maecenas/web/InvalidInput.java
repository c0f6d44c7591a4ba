package org.maecenas.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Input that breaks a rule, with a message per field; forms show each beside its field. */
public class InvalidInput extends DomainProblem {

    private final Map<String, String> fields;

    public InvalidInput(Map<String, String> fields) {
        super("invalid-input", HttpStatus.UNPROCESSABLE_CONTENT, String.join(" ", fields.values()));
        this.fields = Map.copyOf(fields);
    }

    public static InvalidInput of(String field, String message) {
        return new InvalidInput(Map.of(field, message));
    }

    public Map<String, String> fields() {
        return fields;
    }

    public FormErrors errors() {
        FormErrors errors = FormErrors.none();
        fields.forEach(errors::add);
        return errors;
    }

    /** Collects field problems; {@link #throwIfAny()} ends validation. */
    public static final class Collector {
        private final Map<String, String> problems = new LinkedHashMap<>();

        public Collector add(String field, String message) {
            problems.putIfAbsent(field, message);
            return this;
        }

        public Collector check(boolean ok, String field, String message) {
            if (!ok) {
                add(field, message);
            }
            return this;
        }

        public boolean has(String field) {
            return problems.containsKey(field);
        }

        public void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new InvalidInput(problems);
            }
        }
    }
}
