package org.maecenas.notifications.internal;

import java.time.Clock;
import org.maecenas.notifications.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;

/** SMTP when {@code SMTP_URL} (or {@code spring.mail.host}) is set; otherwise the development mailbox. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class MailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MailConfiguration.class);

    @Bean
    Mailer mailer(
            Environment environment,
            ObjectProvider<JavaMailSender> sender,
            MailProperties properties,
            JdbcClient jdbc,
            Clock clock) {
        if (environment.containsProperty("spring.mail.host")) {
            log.info(
                    "Sending mail through SMTP at {}:{} from {}",
                    environment.getProperty("spring.mail.host"),
                    environment.getProperty("spring.mail.port", "25"),
                    properties.from());
            return new SmtpMailer(sender.getObject(), properties);
        }
        log.info("No SMTP_URL set: mail is kept in the development mailbox at /dev/mailbox, not sent");
        return new DevMailbox(jdbc, clock);
    }
}
