package org.maecenas.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
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

    PageContextAdvice(SiteProperties site, Environment environment) {
        this.site = site;
        this.devMailbox = !environment.containsProperty("spring.mail.host");
    }

    @ModelAttribute("ctx")
    PageContext pageContext(HttpServletRequest request) {
        return of(request, site, devMailbox);
    }

    static PageContext of(HttpServletRequest request, SiteProperties site, boolean devMailbox) {
        return new PageContext(
                site,
                viewer(),
                csrf(request),
                request.getRequestURI(),
                notice(request),
                devMailbox,
                RequestAttributes.requestId(request));
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
