package org.maecenas.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.maecenas.accounts.AccountProblems.Invalid;
import org.maecenas.accounts.AccountUser;
import org.maecenas.accounts.Accounts;
import org.maecenas.accounts.Sessions;
import org.maecenas.accounts.User;
import org.maecenas.web.FormErrors;
import org.maecenas.web.Notices;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** /settings/account: name, email (confirmed by a link) and password (asks for the current one). */
@Controller
class AccountSettingsController {

    private final Accounts accounts;
    private final Sessions sessions;

    AccountSettingsController(Accounts accounts, Sessions sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @GetMapping("/settings")
    String settings() {
        return "redirect:/settings/account";
    }

    @GetMapping("/settings/account")
    String page(@AuthenticationPrincipal AccountUser viewer, Model model) {
        User user = accounts.require(viewer.userId());
        model.addAttribute("page", AccountSettingsPage.of(user, "", FormErrors.none()));
        return "accounts/AccountSettingsPage";
    }

    @PostMapping("/settings/account/name")
    String changeName(
            @AuthenticationPrincipal AccountUser viewer,
            @RequestParam(defaultValue = "") String displayName,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        try {
            User user = accounts.changeDisplayName(viewer.userId(), displayName);
            sessions.signIn(user, request, response);
        } catch (Invalid invalid) {
            return invalid(viewer, invalid, displayName, response, model);
        }
        return Notices.redirect(redirect, "/settings/account", "Your name has been changed.");
    }

    @PostMapping("/settings/account/email")
    String changeEmail(
            @AuthenticationPrincipal AccountUser viewer,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String emailPassword,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        try {
            accounts.requestEmailChange(viewer.userId(), email, emailPassword);
        } catch (Invalid invalid) {
            return invalidEmail(viewer, invalid, email, response, model);
        }
        return Notices.redirect(
                redirect,
                "/settings/account",
                "We sent a link to " + email.strip() + ". Your address changes when you open it.");
    }

    @PostMapping("/settings/account/password")
    String changePassword(
            @AuthenticationPrincipal AccountUser viewer,
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword,
            HttpSession session,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        try {
            accounts.changePassword(viewer.userId(), currentPassword, newPassword, session.getId());
        } catch (Invalid invalid) {
            return invalid(viewer, invalid, null, response, model);
        }
        return Notices.redirect(
                redirect, "/settings/account", "Your password has been changed. Other devices have been signed out.");
    }

    @PostMapping("/settings/account/verification")
    String resendVerification(@AuthenticationPrincipal AccountUser viewer, RedirectAttributes redirect) {
        accounts.resendVerification(viewer.userId());
        return Notices.redirect(redirect, "/settings/account", "We sent a new confirmation link.");
    }

    private String invalid(
            AccountUser viewer, Invalid invalid, String displayName, HttpServletResponse response, Model model) {
        User user = accounts.require(viewer.userId());
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        AccountSettingsPage page = AccountSettingsPage.of(user, "", PasswordResetController.errors(invalid));
        model.addAttribute("page", displayName == null ? page : page.withDisplayName(displayName));
        return "accounts/AccountSettingsPage";
    }

    private String invalidEmail(
            AccountUser viewer, Invalid invalid, String email, HttpServletResponse response, Model model) {
        User user = accounts.require(viewer.userId());
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        FormErrors errors = FormErrors.none();
        // the email form has its own password field, so its message stands beside it
        invalid.fields()
                .forEach((field, message) ->
                        errors.add(field.equals("currentPassword") ? "emailPassword" : field, message));
        model.addAttribute("page", AccountSettingsPage.of(user, email, errors));
        return "accounts/AccountSettingsPage";
    }
}
