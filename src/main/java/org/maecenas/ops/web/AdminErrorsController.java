package org.maecenas.ops.web;

import java.util.List;
import org.maecenas.ops.ErrorGroup;
import org.maecenas.ops.ErrorOccurrence;
import org.maecenas.ops.errors.ErrorStore;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The error store for operators: groups by fingerprint, and one group's latest occurrences. */
@Controller
class AdminErrorsController {

    static final int PAGE_SIZE = 50;

    private final ErrorStore errors;

    AdminErrorsController(ErrorStore errors) {
        this.errors = errors;
    }

    @GetMapping("/admin/errors")
    String groups(@RequestParam(defaultValue = "1") int page, Model model) {
        int current = Math.max(1, page);
        List<ErrorGroup> groups = errors.groups(PAGE_SIZE, (current - 1) * PAGE_SIZE);
        long total = errors.groupCount();
        model.addAttribute("page", new AdminErrorsPage(groups, current, current * (long) PAGE_SIZE < total, total));
        return "ops/AdminErrorsPage";
    }

    @GetMapping("/admin/errors/{fingerprint}")
    String group(@PathVariable String fingerprint, Model model) {
        ErrorGroup group = errors.group(fingerprint)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such error group"));
        List<ErrorOccurrence> occurrences = errors.occurrences(fingerprint, 20);
        model.addAttribute("page", new AdminErrorGroupPage(group, occurrences));
        return "ops/AdminErrorGroupPage";
    }
}
