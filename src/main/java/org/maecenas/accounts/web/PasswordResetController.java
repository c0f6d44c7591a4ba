package org.maecenas.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.maecenas.accounts.AccountProblems.Invalid;
import org.maecenas.accounts.AccountProblems.LinkUnusable;
import org.maecenas.accounts.PasswordResets;
import org.maecenas.web.FormErrors;
import org.maecenas.web.Notices;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Forgotten passwords: ask for a link, open it, choose a new password. */
@Controller
class PasswordResetController {

    private final PasswordResets resets;

    PasswordResetController(PasswordResets resets) {
        this.resets = resets;
    }

    @GetMapping("/password-reset")
    String requestForm(Model model) {
        model.addAttribute("page", new PasswordResetRequestPage("", false, FormErrors.none()));
        return "accounts/PasswordResetRequestPage";
    }

    @PostMapping("/password-reset")
    String request(@RequestParam(defaultValue = "") String email, HttpServletResponse response, Model model) {
        try {
            resets.request(email);
        } catch (Invalid invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("page", new PasswordResetRequestPage(email, false, errors(invalid)));
            return "accounts/PasswordResetRequestPage";
        }
        // the same answer whether or not the address has an account
        model.addAttribute("page", new PasswordResetRequestPage(email, true, FormErrors.none()));
        return "accounts/PasswordResetRequestPage";
    }

    @GetMapping("/password-reset/confirm")
    String confirmForm(@RequestParam(defaultValue = "") String token, HttpServletResponse response, Model model) {
        try {
            resets.check(token);
        } catch (LinkUnusable unusable) {
            return unusable(unusable, response, model);
        }
        model.addAttribute("page", new PasswordResetConfirmPage(token, null, FormErrors.none()));
        return "accounts/PasswordResetConfirmPage";
    }

    @PostMapping("/password-reset/confirm")
    String confirm(
            @RequestParam(defaultValue = "") String token,
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        try {
            resets.reset(token, password);
        } catch (LinkUnusable unusable) {
            return unusable(unusable, response, model);
        } catch (Invalid invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("page", new PasswordResetConfirmPage(token, null, errors(invalid)));
            return "accounts/PasswordResetConfirmPage";
        }
        // the reset deleted every session of the account, perhaps this browser's: end it here too,
        // so the notice goes into a fresh session instead of one that no longer exists
        HttpSession ended = request.getSession(false);
        if (ended != null) {
            ended.invalidate();
        }
        SecurityContextHolder.clearContext();
        return Notices.redirect(redirect, "/login", "Your password has been changed. Sign in with the new one.");
    }

    private static String unusable(LinkUnusable unusable, HttpServletResponse response, Model model) {
        response.setStatus(
                unusable.reason() == LinkUnusable.Reason.UNKNOWN
                        ? HttpStatus.NOT_FOUND.value()
                        : HttpStatus.GONE.value());
        model.addAttribute("page", new PasswordResetConfirmPage("", unusable.getMessage(), FormErrors.none()));
        return "accounts/PasswordResetConfirmPage";
    }

    static FormErrors errors(Invalid invalid) {
        FormErrors errors = FormErrors.none();
        invalid.fields().forEach(errors::add);
        return errors;
    }
}
