package org.maecenas.campaigns.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.maecenas.accounts.AccountUser;
import org.maecenas.accounts.Sessions;
import org.maecenas.campaigns.BillingModel;
import org.maecenas.campaigns.Campaign;
import org.maecenas.campaigns.CampaignDraft;
import org.maecenas.campaigns.Campaigns;
import org.maecenas.campaigns.Goals;
import org.maecenas.campaigns.PostMail;
import org.maecenas.campaigns.Tiers;
import org.maecenas.media.MediaRejected;
import org.maecenas.web.FormErrors;
import org.maecenas.web.InvalidInput;
import org.maecenas.web.Markdown;
import org.maecenas.web.Notices;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The creator's workspace: opening a page, its settings, images and publishing. */
@Controller
class DashboardController {

    private final Campaigns campaigns;
    private final Tiers tiers;
    private final Goals goals;
    private final Sessions sessions;

    DashboardController(Campaigns campaigns, Tiers tiers, Goals goals, Sessions sessions) {
        this.campaigns = campaigns;
        this.tiers = tiers;
        this.goals = goals;
        this.sessions = sessions;
    }

    @GetMapping("/dashboard")
    String overview(@AuthenticationPrincipal AccountUser viewer, Model model) {
        Optional<Campaign> campaign = campaigns.ofOwner(viewer.userId());
        if (campaign.isEmpty()) {
            model.addAttribute("page", new CampaignFormPage(null, CampaignDraft.empty(), FormErrors.none()));
            return "campaigns/CreateCampaignPage";
        }
        Campaign c = campaign.get();
        model.addAttribute(
                "page",
                new DashboardPage(c, tiers.all(c.id()).size(), goals.of(c.id()).size()));
        return "campaigns/DashboardPage";
    }

    @PostMapping("/dashboard/page/create")
    String create(
            @AuthenticationPrincipal AccountUser viewer,
            CampaignForm form,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        try {
            campaigns.create(viewer.userId(), form.draft());
        } catch (InvalidInput invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("page", new CampaignFormPage(null, form.draft(), invalid.errors()));
            return "campaigns/CreateCampaignPage";
        }
        // the account is a creator now; the session's copy learns it
        sessions.refresh(viewer.userId(), request, response);
        return Notices.redirect(
                redirect, "/dashboard", "Your page is ready as a draft. Add tiers and a first post, then publish it.");
    }

    @GetMapping("/dashboard/page")
    String settings(@AuthenticationPrincipal AccountUser viewer, Model model) {
        Campaign campaign = campaigns.mine(viewer.userId());
        model.addAttribute("page", new CampaignFormPage(campaign, CampaignDraft.of(campaign), FormErrors.none()));
        return "campaigns/CampaignSettingsPage";
    }

    @PostMapping("/dashboard/page")
    String update(
            @AuthenticationPrincipal AccountUser viewer,
            CampaignForm form,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        Campaign campaign = campaigns.mine(viewer.userId());
        try {
            campaigns.update(viewer.userId(), form.draft());
        } catch (InvalidInput invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("page", new CampaignFormPage(campaign, form.draft(), invalid.errors()));
            return "campaigns/CampaignSettingsPage";
        }
        return Notices.redirect(redirect, "/dashboard/page", "Your page settings are saved.");
    }

    @PostMapping("/dashboard/page/images")
    String image(
            @AuthenticationPrincipal AccountUser viewer,
            @RequestParam(defaultValue = "") String which,
            @RequestParam(required = false) MultipartFile file,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect)
            throws IOException {
        Campaign campaign = campaigns.mine(viewer.userId());
        try {
            if (file == null || file.isEmpty()) {
                throw InvalidInput.of(which.equals("banner") ? "banner" : "avatar", "Choose an image file.");
            }
            campaigns.setImage(viewer.userId(), which, file.getOriginalFilename(), file.getInputStream());
        } catch (MediaRejected rejected) {
            return imageProblem(campaign, which, rejected.getMessage(), response, model);
        } catch (InvalidInput invalid) {
            return imageProblem(
                    campaign, which, String.join(" ", invalid.fields().values()), response, model);
        }
        return Notices.redirect(
                redirect,
                "/dashboard/page",
                which.equals("banner") ? "Your banner is updated." : "Your avatar is updated.");
    }

    /** What members get by mail when a post is published: the whole post, a preview, or nothing. */
    @PostMapping("/dashboard/page/post-mail")
    String postMail(
            @AuthenticationPrincipal AccountUser viewer,
            @RequestParam(defaultValue = "") String postMail,
            RedirectAttributes redirect) {
        PostMail choice = java.util.Arrays.stream(PostMail.values())
                .filter(m -> m.name().equals(postMail))
                .findFirst()
                .orElseThrow(() -> InvalidInput.of("postMail", "Choose what members get by mail."));
        campaigns.setPostMail(viewer.userId(), choice);
        return Notices.redirect(
                redirect,
                "/dashboard/page",
                choice == PostMail.OFF
                        ? "Members won’t get your posts by mail."
                        : "Members will get your new posts by mail: "
                                + choice.label().toLowerCase() + ".");
    }

    @PostMapping("/dashboard/page/publish")
    String publish(
            @AuthenticationPrincipal AccountUser viewer,
            @RequestParam(defaultValue = "true") boolean published,
            RedirectAttributes redirect) {
        Campaign campaign = campaigns.publish(viewer.userId(), published);
        return Notices.redirect(
                redirect,
                "/dashboard",
                published ? "Your page is live at " + campaign.url() + "." : "Your page is a draft again.");
    }

    /** Renders Markdown as the page will show it (the editor's preview). */
    @PostMapping(value = "/dashboard/preview", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> preview(@RequestParam java.util.Map<String, String> fields) {
        // the summary and post editors send their own field; the first Markdown field found is shown
        String markdown = java.util.stream.Stream.of("markdown", "summary", "body")
                .map(fields::get)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse("");
        String html = Markdown.toHtml(markdown.length() > 100_000 ? markdown.substring(0, 100_000) : markdown);
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_HTML)
                .body(html.isEmpty() ? "<p class=\"muted\">Nothing to preview yet.</p>" : html);
    }

    private String imageProblem(
            Campaign campaign, String which, String message, HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        FormErrors errors = FormErrors.none().add(which.equals("banner") ? "banner" : "avatar", message);
        model.addAttribute("page", new CampaignFormPage(campaign, CampaignDraft.of(campaign), errors));
        return "campaigns/CampaignSettingsPage";
    }

    /** The fields the page settings form may set. */
    record CampaignForm(
            String slug,
            String name,
            String oneLiner,
            String summary,
            String introVideoUrl,
            String currency,
            String billingModel,
            String creationNoun,
            Boolean patronCountPublic,
            Boolean earningsPublic,
            Boolean adult,
            String annualDiscountPercent) {

        CampaignDraft draft() {
            BillingModel model = "PER_CREATION".equals(billingModel) ? BillingModel.PER_CREATION : BillingModel.MONTHLY;
            int discount;
            try {
                discount = annualDiscountPercent == null || annualDiscountPercent.isBlank()
                        ? 0
                        : Integer.parseInt(annualDiscountPercent.strip());
            } catch (NumberFormatException e) {
                discount = -1;
            }
            return new CampaignDraft(
                    slug,
                    name,
                    oneLiner,
                    summary,
                    introVideoUrl,
                    currency,
                    model,
                    creationNoun,
                    Boolean.TRUE.equals(patronCountPublic),
                    Boolean.TRUE.equals(earningsPublic),
                    Boolean.TRUE.equals(adult),
                    discount);
        }
    }
}
