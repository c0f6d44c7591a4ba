package org.maecenas.web;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One-off messages carried across a redirect (flash attributes), shown once by the layout. */
public final class Notices {

    public static final String ATTRIBUTE = "notice";

    private Notices() {}

    public static String redirect(RedirectAttributes attributes, String path, String notice) {
        attributes.addFlashAttribute(ATTRIBUTE, notice);
        return "redirect:" + path;
    }
}
