package org.maecenas.ops.web;

import org.maecenas.ops.errors.ErrorStore;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The operator's start page. */
@Controller
class AdminHomeController {

    private final ErrorStore errors;

    AdminHomeController(ErrorStore errors) {
        this.errors = errors;
    }

    @GetMapping("/admin")
    String home(Model model) {
        model.addAttribute("page", new AdminHomePage(errors.groupCount(), errors.groups(5, 0)));
        return "ops/AdminHomePage";
    }
}
