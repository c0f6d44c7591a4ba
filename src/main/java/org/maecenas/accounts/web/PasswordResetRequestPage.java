package org.maecenas.accounts.web;

import org.maecenas.web.FormErrors;

public record PasswordResetRequestPage(String email, boolean sent, FormErrors errors) {}
