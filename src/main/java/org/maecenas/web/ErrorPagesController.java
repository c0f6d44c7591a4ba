package org.maecenas.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Replaces Spring Boot's whitelabel error page: a designed page for browsers and an RFC 9457
 * problem document for API clients. Never shows a stack trace.
 */
@Controller
@RequestMapping("${server.error.path:/error}")
class ErrorPagesController implements ErrorController {

    private final SiteProperties site;
    private final boolean devMailbox;
    private final ObjectProvider<PaymentsMode> payments;

    ErrorPagesController(SiteProperties site, Environment environment, ObjectProvider<PaymentsMode> payments) {
        this.site = site;
        this.devMailbox = !environment.containsProperty("spring.mail.host");
        this.payments = payments;
    }

    @RequestMapping(produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
        int status = status(request);
        ErrorPage page = ErrorPage.of(status, RequestAttributes.requestId(request));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), page.explanation());
        problem.setTitle(page.heading());
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            problem.setInstance(URI.create(uri));
        }
        problem.setProperty("requestId", page.requestId());
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @RequestMapping
    String page(HttpServletRequest request, HttpServletResponse response, Model model) {
        int status = status(request);
        response.setStatus(status);
        // the error dispatch keeps the failed request's path; the layout needs a context either way
        model.addAttribute("ctx", PageContextAdvice.of(request, site, devMailbox, payments));
        model.addAttribute("page", ErrorPage.of(status, RequestAttributes.requestId(request)));
        return "web/ErrorPage";
    }

    private static int status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer status && HttpStatus.resolve(status) != null && status >= 400) {
            return status;
        }
        // /error requested directly, not by the container's error dispatch
        return HttpStatus.NOT_FOUND.value();
    }
}
