package org.maecenas.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.RequestContextUtils;

/** Gives every page template its {@link PageContext} as the model attribute {@code ctx}. */
@ControllerAdvice
class PageContextAdvice {

    private static final PageContext.Csrf NO_CSRF = new PageContext.Csrf("_csrf", "X-CSRF-TOKEN", "");

    private final SiteProperties site;
    private final boolean devMailbox;
    private final ObjectProvider<AccountAlerts> alerts;
    private final ObjectProvider<PaymentsMode> payments;

    PageContextAdvice(
            SiteProperties site,
            Environment environment,
            ObjectProvider<AccountAlerts> alerts,
            ObjectProvider<PaymentsMode> payments) {
        this.site = site;
        this.devMailbox = !environment.containsProperty("spring.mail.host");
        this.alerts = alerts;
        this.payments = payments;
    }

    @ModelAttribute("ctx")
    PageContext pageContext(HttpServletRequest request) {
        Viewer viewer = viewer();
        AccountAlerts source = alerts.getIfUnique();
        // asked only when a page renders, for a signed-in person: one query, none for visitors
        AccountAlerts.Pending alert = viewer == null || source == null
                ? AccountAlerts.Pending.none()
                : new AccountAlerts.Pending(() -> source.alertFor(viewer.id()));
        return of(request, site, devMailbox, alert, testMode(payments));
    }

    /** A context without account alerts (error pages: they must render whatever else is failing). */
    static PageContext of(
            HttpServletRequest request,
            SiteProperties site,
            boolean devMailbox,
            ObjectProvider<PaymentsMode> payments) {
        return of(request, site, devMailbox, AccountAlerts.Pending.none(), testMode(payments));
    }

    static boolean testMode(ObjectProvider<PaymentsMode> payments) {
        PaymentsMode mode = payments.getIfUnique();
        return mode != null && mode.testMode();
    }

    private static PageContext of(
            HttpServletRequest request,
            SiteProperties site,
            boolean devMailbox,
            AccountAlerts.Pending alert,
            boolean testMode) {
        return new PageContext(
                site,
                viewer(),
                csrf(request),
                request.getRequestURI(),
                notice(request),
                devMailbox,
                RequestAttributes.requestId(request),
                alert,
                testMode);
    }

    private static Viewer viewer() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Viewer viewer) {
            return viewer;
        }
        return null;
    }

    private static PageContext.Csrf csrf(HttpServletRequest request) {
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            return new PageContext.Csrf(token.getParameterName(), token.getHeaderName(), token.getToken());
        }
        return NO_CSRF;
    }

    private static String notice(HttpServletRequest request) {
        Map<String, ?> flash = RequestContextUtils.getInputFlashMap(request);
        return flash != null && flash.get(Notices.ATTRIBUTE) instanceof String s ? s : null;
    }
}
