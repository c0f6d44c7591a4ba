package org.maecenas.notifications.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.maecenas.notifications.Mailer;
import org.maecenas.notifications.internal.DevMailbox;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The development mailbox: every mail this instance would have sent. It exists only while no SMTP
 * server is configured; with SMTP these routes answer 404. Because it holds password-reset links,
 * only admins and people on this machine (a loopback request that no proxy forwarded) may read it.
 */
@Controller
class DevMailboxController {

    private final Mailer mailer;

    DevMailboxController(Mailer mailer) {
        this.mailer = mailer;
    }

    @GetMapping("/dev/mailbox")
    String mailbox(HttpServletRequest request, Model model) {
        model.addAttribute("page", new DevMailboxPage(mailbox(request).latest(100), null));
        return "notifications/DevMailboxPage";
    }

    @GetMapping("/dev/mailbox/{id}")
    String mail(@PathVariable long id, HttpServletRequest request, Model model) {
        DevMailbox mailbox = mailbox(request);
        var mail = mailbox.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("page", new DevMailboxPage(mailbox.latest(100), mail));
        return "notifications/DevMailboxPage";
    }

    private DevMailbox mailbox(HttpServletRequest request) {
        if (!(mailer instanceof DevMailbox mailbox)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "mail is sent through SMTP on this instance");
        }
        if (!request.isUserInRole("ADMIN") && !fromThisMachine(request)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "the development mailbox is for this machine");
        }
        return mailbox;
    }

    static boolean fromThisMachine(HttpServletRequest request) {
        if (request.getHeader("X-Forwarded-For") != null || request.getHeader("Forwarded") != null) {
            return false;
        }
        try {
            return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
