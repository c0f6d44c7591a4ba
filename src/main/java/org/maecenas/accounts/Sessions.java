package org.maecenas.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/** Signs a user in from our own code (after sign-up) or refreshes the session's copy after a change. */
@Component
public class Sessions {

    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();
    private final ChangeSessionIdAuthenticationStrategy fixation = new ChangeSessionIdAuthenticationStrategy();

    private final Accounts accounts;

    Sessions(Accounts accounts) {
        this.accounts = accounts;
    }

    /** Re-reads the account (name, roles) into the current session after it changed. */
    public void refresh(UserId user, HttpServletRequest request, HttpServletResponse response) {
        signIn(accounts.require(user), request, response);
    }

    public void signIn(User user, HttpServletRequest request, HttpServletResponse response) {
        AccountUser principal = AccountUser.of(user);
        var authentication =
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
        if (request.getSession(false) != null) {
            // a new identity gets a new session id (no session fixation)
            fixation.onAuthentication(authentication, request, response);
        }
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(authentication);
        holder.setContext(context);
        repository.saveContext(context, request, response);
    }
}
