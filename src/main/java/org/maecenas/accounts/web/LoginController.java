package org.maecenas.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.maecenas.accounts.AccountUser;
import org.maecenas.accounts.internal.LoginThrottled;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page. Spring Security handles the POST; failures come back here with a reason. */
@Controller
class LoginController {

    @GetMapping("/login")
    String form(
            @RequestParam(required = false) String error,
            @AuthenticationPrincipal AccountUser user,
            HttpServletRequest request,
            Model model) {
        if (user != null) {
            return "redirect:/";
        }
        String message = null;
        if (error != null) {
            // only read an existing session: a sign-in page that opened one would cost a row per visitor
            HttpSession session = request.getSession(false);
            Object failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            message = failure instanceof LoginThrottled throttled
                    ? throttled.getMessage()
                    : "That email and password don’t match an account. Check both and try again.";
            if (session != null) {
                session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            }
        }
        model.addAttribute("page", new LoginPage(message));
        return "accounts/LoginPage";
    }
}
