package org.maecenas.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.maecenas.accounts.AccountProblems.EmailTaken;
import org.maecenas.accounts.AccountProblems.LinkUnusable;
import org.maecenas.accounts.AccountUser;
import org.maecenas.accounts.Accounts;
import org.maecenas.accounts.Sessions;
import org.maecenas.accounts.User;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Email confirmation links. Opening the link shows a button; the POST confirms. Mail scanners that
 * prefetch links therefore cannot confirm an address on someone's behalf.
 */
@Controller
class EmailVerificationController {

    private final Accounts accounts;
    private final Sessions sessions;

    EmailVerificationController(Accounts accounts, Sessions sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @GetMapping("/verify-email")
    String page(@RequestParam(defaultValue = "") String token, Model model) {
        model.addAttribute("page", new VerifyEmailPage(token, false, null, null));
        return "accounts/VerifyEmailPage";
    }

    @PostMapping("/verify-email")
    String confirm(
            @RequestParam(defaultValue = "") String token,
            @AuthenticationPrincipal AccountUser viewer,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        try {
            HttpSession session = request.getSession(false);
            User user = accounts.confirmEmail(token, viewer != null && session != null ? session.getId() : null);
            if (viewer != null && viewer.id() == user.id().value()) {
                // the session signed in under the old address carries on under the new one
                sessions.refresh(user.id(), request, response);
            }
            model.addAttribute("page", new VerifyEmailPage("", true, user.email(), null));
        } catch (LinkUnusable | EmailTaken problem) {
            response.setStatus(
                    problem instanceof LinkUnusable u && u.reason() == LinkUnusable.Reason.UNKNOWN
                            ? HttpStatus.NOT_FOUND.value()
                            : HttpStatus.GONE.value());
            model.addAttribute("page", new VerifyEmailPage("", false, null, problem.getMessage()));
        }
        return "accounts/VerifyEmailPage";
    }
}
