package org.maecenas.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maecenas.testing.MaecenasTest;
import org.maecenas.testing.TestMailbox;
import org.maecenas.testing.TestMailbox.KeptMail;
import org.maecenas.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Without SMTP, mail is kept and shown at /dev/mailbox: to this machine and to admins only, since
 * it holds password-reset links.
 */
@MaecenasTest
class DevMailboxTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Mailer mailer;

    @Autowired
    TestMailbox mailbox;

    @Autowired
    TestUsers users;

    String recipient = TestUsers.uniqueEmail("kept");
    KeptMail kept;

    @BeforeEach
    void sendAMail() {
        mailer.send(new Mail(recipient, "Kept <subject>", "Open http://localhost/password-reset/confirm?token=abc\n"));
        kept = mailbox.to(recipient).getFirst();
    }

    @Test
    void mailIsKeptInsteadOfSent() {
        assertThat(kept.subject()).isEqualTo("Kept <subject>");
        assertThat(kept.body()).isEqualTo("Open http://localhost/password-reset/confirm?token=abc\n");
    }

    @Test
    void thisMachineSeesTheListAndAMailWithItsLinks() throws Exception {
        MockHttpServletResponse list =
                mvc.perform(from("127.0.0.1", get("/dev/mailbox"))).andReturn().getResponse();
        MockHttpServletResponse open = mvc.perform(from("::1", get("/dev/mailbox/" + kept.id())))
                .andReturn()
                .getResponse();

        assertThat(list.getStatus()).isEqualTo(200);
        assertThat(list.getContentAsString())
                .contains("<a href=\"/dev/mailbox/" + kept.id() + "\"><strong>Kept &lt;subject&gt;</strong>");
        assertThat(open.getStatus()).isEqualTo(200);
        assertThat(open.getContentAsString())
                .contains("<li><a href=\"http://localhost/password-reset/confirm?token=abc\">");
    }

    @Test
    void anotherMachineIsRefused() throws Exception {
        assertThat(status(from("10.9.8.7", get("/dev/mailbox")))).isEqualTo(403);
        assertThat(status(from("10.9.8.7", get("/dev/mailbox/" + kept.id())))).isEqualTo(403);
    }

    @Test
    void aRequestForwardedByAProxyIsRefusedEvenFromLoopback() throws Exception {
        assertThat(status(from("127.0.0.1", get("/dev/mailbox")).header("X-Forwarded-For", "203.0.113.9")))
                .isEqualTo(403);
        assertThat(status(from("127.0.0.1", get("/dev/mailbox")).header("Forwarded", "for=203.0.113.9")))
                .isEqualTo(403);
    }

    @Test
    void anAdminMayReadItFromAnywhereButAPatronMayNot() throws Exception {
        var admin = TestUsers.principal(users.admin());
        var patron = TestUsers.principal(users.patron());

        assertThat(status(from("10.9.8.7", get("/dev/mailbox")).with(user(admin))))
                .isEqualTo(200);
        assertThat(status(from("10.9.8.7", get("/dev/mailbox")).with(user(patron))))
                .isEqualTo(403);
    }

    @Test
    void anUnknownMailIsNotFound() throws Exception {
        assertThat(status(from("127.0.0.1", get("/dev/mailbox/999999999")))).isEqualTo(404);
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    private static MockHttpServletRequestBuilder from(String address, MockHttpServletRequestBuilder request) {
        return request.accept("text/html").with(r -> {
            r.setRemoteAddr(address);
            return r;
        });
    }
}
