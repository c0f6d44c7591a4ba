package org.maecenas.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/** Messages shown beside form fields, keyed by field name; {@code ""} holds a message for the whole form. */
public final class FormErrors {

    private final Map<String, String> messages = new LinkedHashMap<>();

    public static FormErrors none() {
        return new FormErrors();
    }

    public static FormErrors of(BindingResult result) {
        FormErrors errors = new FormErrors();
        for (FieldError error : result.getFieldErrors()) {
            errors.messages.putIfAbsent(error.getField(), messageOf(error));
        }
        result.getGlobalErrors().forEach(e -> errors.messages.putIfAbsent("", e.getDefaultMessage()));
        return errors;
    }

    private static String messageOf(FieldError error) {
        if (error.isBindingFailure()) {
            return "This value is not in the expected form.";
        }
        return error.getDefaultMessage();
    }

    public FormErrors add(String field, String message) {
        messages.putIfAbsent(field, message);
        return this;
    }

    public boolean any() {
        return !messages.isEmpty();
    }

    public boolean has(String field) {
        return messages.containsKey(field);
    }

    public @Nullable String get(String field) {
        return messages.get(field);
    }

    /** The form-wide message, if any. */
    public @Nullable String form() {
        return messages.get("");
    }

    /** The id of the element describing a field's error, for aria-describedby. */
    public @Nullable String describedBy(String field) {
        return has(field) ? field + "-error" : null;
    }
}
