package org.maecenas.notifications.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
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
            if (mail.html() == null) {
                helper.setText(mail.text(), false);
            } else {
                message.setContent(alternative(mail.text(), mail.html()));
            }
            if (mail.messageId() != null) {
                // Spring's sender keeps a Message-ID set before sending
                message.setHeader("Message-ID", mail.messageId());
            }
            if (mail.unsubscribeUrl() != null) {
                // RFC 8058 one-click unsubscribe for everything that is not transactional
                message.setHeader("List-Unsubscribe", "<" + mail.unsubscribeUrl() + ">");
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
        } catch (MessagingException e) {
            throw new MailPreparationException("could not prepare mail to " + mail.to(), e);
        }
        sender.send(message);
    }

    /** Text and HTML as multipart/alternative: clients show the HTML, or the text where they can't. */
    private static MimeMultipart alternative(String text, String html) throws MessagingException {
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, StandardCharsets.UTF_8.name());
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(rich);
        return alternative;
    }
}
