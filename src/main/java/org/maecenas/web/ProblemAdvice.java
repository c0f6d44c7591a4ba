package org.maecenas.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

/**
 * Maps every {@link DomainProblem} not handled by its controller: a designed page with the
 * problem's own message for browsers, an RFC 9457 problem document for JSON clients.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemAdvice {

    private final ContentNegotiationManager negotiation;
    private final SiteProperties site;
    private final boolean devMailbox;
    private final ObjectProvider<PaymentsMode> payments;

    ProblemAdvice(
            ContentNegotiationManager negotiation,
            SiteProperties site,
            Environment environment,
            ObjectProvider<PaymentsMode> payments) {
        this.negotiation = negotiation;
        this.site = site;
        this.devMailbox = !environment.containsProperty("spring.mail.host");
        this.payments = payments;
    }

    @ExceptionHandler(DomainProblem.class)
    Object handle(DomainProblem problem, HttpServletRequest request, HttpServletResponse response) {
        if (wantsJson(request)) {
            ProblemDetail detail = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
            detail.setTitle(ErrorPage.of(problem.status().value(), "").heading());
            detail.setType(URI.create("https://maecenas.org/problems/" + problem.code()));
            detail.setInstance(URI.create(request.getRequestURI()));
            detail.setProperty("code", problem.code());
            detail.setProperty("requestId", RequestAttributes.requestId(request));
            if (problem instanceof InvalidInput invalid) {
                detail.setProperty("errors", invalid.fields());
            }
            return ResponseEntity.status(problem.status())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(detail);
        }
        response.setStatus(problem.status().value());
        ErrorPage standard = ErrorPage.of(problem.status().value(), RequestAttributes.requestId(request));
        ModelAndView page = new ModelAndView("web/ErrorPage");
        // exception handlers get no @ModelAttribute methods: the layout's context is added here
        page.addObject("ctx", PageContextAdvice.of(request, site, devMailbox, payments));
        page.addObject(
                "page",
                new ErrorPage(standard.status(), standard.heading(), problem.getMessage(), standard.requestId()));
        return page;
    }

    private boolean wantsJson(HttpServletRequest request) {
        try {
            for (MediaType type : negotiation.resolveMediaTypes(new ServletWebRequest(request))) {
                if (type.isCompatibleWith(MediaType.TEXT_HTML)) {
                    return false;
                }
                if (type.isCompatibleWith(MediaType.APPLICATION_JSON)
                        || type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
                    return true;
                }
            }
        } catch (HttpMediaTypeNotAcceptableException e) {
            return false;
        }
        return false;
    }
}
