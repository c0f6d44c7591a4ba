package org.maecenas.ops.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Route timings on this node since it started, from the request timer, slowest first. */
@Controller
class AdminRoutesController {

    private final MeterRegistry registry;

    AdminRoutesController(MeterRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/admin/routes")
    String routes(Model model) {
        Map<String, RouteTiming.Builder> byRoute = new LinkedHashMap<>();
        for (Timer timer : registry.find("http.server.requests").timers()) {
            String method = timer.getId().getTag("method");
            String uri = timer.getId().getTag("uri");
            String statusClass = timer.getId().getTag("status_class");
            byRoute.computeIfAbsent(method + " " + uri, k -> new RouteTiming.Builder(method, uri))
                    .add(timer.takeSnapshot(), statusClass);
        }
        List<RouteTiming> routes = byRoute.values().stream()
                .map(RouteTiming.Builder::build)
                .sorted(Comparator.comparingDouble(RouteTiming::p99Millis).reversed())
                .toList();
        model.addAttribute("page", new AdminRoutesPage(routes));
        return "ops/AdminRoutesPage";
    }
}
