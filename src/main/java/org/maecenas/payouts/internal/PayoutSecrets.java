package org.maecenas.payouts.internal;

import org.maecenas.payouts.PayoutsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The key that encrypts bank details: from configuration; when unset, generated once and kept in
 * the database's instance secrets (every node reads the same), with a warning to set it.
 */
@Component
public class PayoutSecrets {

    private static final Logger log = LoggerFactory.getLogger(PayoutSecrets.class);

    private final JdbcClient jdbc;
    private final PayoutsProperties properties;
    private volatile BankDetailsCipher cipher;

    PayoutSecrets(JdbcClient jdbc, PayoutsProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    public byte[] encrypt(String plain) {
        return cipher().encrypt(plain);
    }

    public String decrypt(byte[] stored) {
        return cipher().decrypt(stored);
    }

    private BankDetailsCipher cipher() {
        BankDetailsCipher current = cipher;
        if (current == null) {
            String key = properties.encryptionKey();
            if (key == null || key.isBlank()) {
                log.warn("MAECENAS_PAYOUTS_ENCRYPTION_KEY is not set: bank details are encrypted with a key kept in"
                        + " the database. Set it in production.");
                jdbc.sql("insert into instance_secrets (name, value) values ('payouts-key', :v) on conflict do nothing")
                        .param("v", BankDetailsCipher.newKey())
                        .update();
                key = jdbc.sql("select value from instance_secrets where name = 'payouts-key'")
                        .query(String.class)
                        .single();
            }
            current = new BankDetailsCipher(key);
            cipher = current;
        }
        return current;
    }
}
