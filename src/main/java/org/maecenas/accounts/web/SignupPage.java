package org.maecenas.accounts.web;

import org.maecenas.web.FormErrors;

public record SignupPage(String email, String displayName, FormErrors errors) {

    SignupPage(SignupController.SignupForm form, FormErrors errors) {
        this(form.email(), form.displayName(), errors);
    }
}
