package org.maecenas.notifications.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.maecenas.notifications.Mail;
import org.maecenas.notifications.Mailer;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Hands mail to an SMTP server through Spring Mail. */
class SmtpMailer implements Mailer {

    private final JavaMailSender sender;
    private final MailProperties properties;

    SmtpMailer(JavaMailSender sender, MailProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    @Override
    public void send(Mail mail) {
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
            helper.setFrom(properties.from());
            helper.setTo(mail.to());
            helper.setSubject(mail.subject());
            helper.setText(mail.text(), false);
        } catch (MessagingException e) {
            throw new MailPreparationException("could not prepare mail to " + mail.to(), e);
        }
        sender.send(message);
    }
}
