package org.maecenas.web;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The front door and the page that says what this instance is. */
@Controller
class HomeController {

    private final SiteProperties site;
    private final List<FeaturedCreators> featuredSources;

    HomeController(SiteProperties site, List<FeaturedCreators> featuredSources) {
        this.site = site;
        this.featuredSources = featuredSources;
    }

    @GetMapping("/")
    String home(Model model) {
        List<FeaturedCreators.Card> featured = featuredSources.stream()
                .flatMap(source -> source.featured(6).stream())
                .limit(6)
                .toList();
        model.addAttribute("page", new HomePage(featured));
        return "web/HomePage";
    }

    @GetMapping("/about")
    String about(Model model) {
        model.addAttribute("page", new AboutPage(site.name(), site.aboutParagraphs()));
        return "web/AboutPage";
    }
}
