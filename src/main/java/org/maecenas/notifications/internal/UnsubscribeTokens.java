package org.maecenas.notifications.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.maecenas.accounts.UserId;
import org.maecenas.campaigns.CampaignId;
import org.maecenas.notifications.PostMailPreferences.Subscription;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Unsubscribe links that need no sign-in: {@code user.campaign.mac}, the mac an HMAC-SHA256 of the
 * pair under the instance's secret. Nothing is stored per link, so every mail's link keeps working;
 * a forged or altered one does not verify.
 */
@Component
public class UnsubscribeTokens {

    private static final Pattern TOKEN =
            Pattern.compile("([1-9][0-9]{0,18})\\.([1-9][0-9]{0,18})\\.([A-Za-z0-9_-]{43})");
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final JdbcClient jdbc;
    private final MailProperties properties;
    private volatile SecretKeySpec key;

    UnsubscribeTokens(JdbcClient jdbc, MailProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    public String token(UserId user, CampaignId campaign) {
        return user.value() + "." + campaign.value() + "." + mac(user.value(), campaign.value());
    }

    public Optional<Subscription> verify(String token) {
        Matcher parts = TOKEN.matcher(token == null ? "" : token);
        if (!parts.matches()) {
            return Optional.empty();
        }
        try {
            long user = Long.parseLong(parts.group(1));
            long campaign = Long.parseLong(parts.group(2));
            byte[] expected = mac(user, campaign).getBytes(StandardCharsets.US_ASCII);
            byte[] given = parts.group(3).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, given)
                    ? Optional.of(new Subscription(new UserId(user), new CampaignId(campaign)))
                    : Optional.empty();
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    private String mac(long user, long campaign) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key());
            return BASE64.encodeToString(
                    hmac.doFinal(("post-mail-unsubscribe:" + user + ":" + campaign).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            String secret = properties.unsubscribeSecret();
            if (secret == null || secret.isBlank()) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                // whichever node inserts first wins; everyone reads the winner
                jdbc.sql("insert into instance_secrets (name, value) values ('mail-unsubscribe-key', :v)"
                                + " on conflict (name) do nothing")
                        .param("v", HexFormat.of().formatHex(random))
                        .update();
                secret = jdbc.sql("select value from instance_secrets where name = 'mail-unsubscribe-key'")
                        .query(String.class)
                        .single();
            }
            current = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            key = current;
        }
        return current;
    }
}
