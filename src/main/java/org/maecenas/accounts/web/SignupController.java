package org.maecenas.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.maecenas.accounts.AccountProblems.Invalid;
import org.maecenas.accounts.Accounts;
import org.maecenas.accounts.Sessions;
import org.maecenas.accounts.User;
import org.maecenas.web.FormErrors;
import org.maecenas.web.Notices;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Opening an account; the new account is signed in at once. */
@Controller
class SignupController {

    private final Accounts accounts;
    private final Sessions sessions;

    SignupController(Accounts accounts, Sessions sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @GetMapping("/signup")
    String form(Model model) {
        model.addAttribute("page", new SignupPage(new SignupForm("", ""), FormErrors.none()));
        return "accounts/SignupPage";
    }

    @PostMapping("/signup")
    String signUp(
            SignupForm form,
            String password,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        User user;
        try {
            user = accounts.signUp(form.email(), form.displayName(), password);
        } catch (Invalid invalid) {
            FormErrors errors = FormErrors.none();
            invalid.fields().forEach(errors::add);
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("page", new SignupPage(form, errors));
            return "accounts/SignupPage";
        }
        sessions.signIn(user, request, response);
        return Notices.redirect(
                redirect,
                "/",
                "Welcome, " + user.displayName() + ". We sent a link to " + user.email() + " to confirm your address.");
    }

    /** The fields a sign-up form may set (the password is taken separately and never echoed). */
    record SignupForm(String email, String displayName) {
        SignupForm {
            email = email == null ? "" : email;
            displayName = displayName == null ? "" : displayName;
        }
    }
}
