package org.maecenas.testing;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port, sending mail through a real SMTP server (GreenMail).
 * {@code SMTP_URL} is read by an environment post-processor, before {@code DynamicPropertySource}
 * values exist; so the URL names a system property that holds GreenMail's dynamic port, set once
 * GreenMail has started and before the Spring context starts.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "SMTP_URL=smtp://localhost:${" + GreenMailTest.PORT_PROPERTY + "}")
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
// no other class shares such a context; closing it now, while its embedded PostgreSQL still runs,
// spares the JVM's exit a 30-second wait for a connection to a server already stopped
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class GreenMailTest {

    static final String PORT_PROPERTY = "maecenas.test.greenmail-smtp-port";

    @RegisterExtension
    protected static GreenMailExtension greenMail =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @LocalServerPort
    protected int port;

    @BeforeAll
    static void publishSmtpPort() {
        System.setProperty(PORT_PROPERTY, Integer.toString(greenMail.getSmtp().getPort()));
    }

    @AfterAll
    static void forgetSmtpPort() {
        System.clearProperty(PORT_PROPERTY);
    }
}
