package org.maecenas.payouts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;
import org.maecenas.payouts.PayoutsProperties;

/** AES-GCM sealing of bank details: round trip, a wrong key or a changed byte is refused, the key's shape. */
class BankDetailsCipherTests {

    private static final String DETAILS = "holder=Ada Lovelace\niban=GB82WEST12345698765432";
    private static final String KEY = Base64.getEncoder().encodeToString(bytes(32, 7));

    @Test
    void sealedDetailsOpenWithTheSameKeyAndHideTheText() {
        BankDetailsCipher cipher = new BankDetailsCipher(KEY);

        byte[] sealed = cipher.encrypt(DETAILS);

        assertThat(sealed).hasSize(12 + DETAILS.getBytes(StandardCharsets.UTF_8).length + 16);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1))
                .doesNotContain("GB82")
                .doesNotContain("Lovelace");
        assertThat(cipher.decrypt(sealed)).isEqualTo(DETAILS);
        assertThat(new BankDetailsCipher(KEY).decrypt(sealed))
                .as("another instance with the same key")
                .isEqualTo(DETAILS);
        assertThat(cipher.encrypt(DETAILS)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(cipher.decrypt(cipher.encrypt("ünïcødé €"))).isEqualTo("ünïcødé €");
    }

    @Test
    void aDifferentKeyCannotOpenThem() {
        byte[] sealed = new BankDetailsCipher(KEY).encrypt(DETAILS);
        BankDetailsCipher other = new BankDetailsCipher(BankDetailsCipher.newKey());

        assertThatThrownBy(() -> other.decrypt(sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wrong key")
                .hasCauseInstanceOf(AEADBadTagException.class);
    }

    @Test
    void anyChangedByteIsDetected() {
        BankDetailsCipher cipher = new BankDetailsCipher(KEY);
        byte[] sealed = cipher.encrypt(DETAILS);
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            int at = i;
            assertThatThrownBy(() -> cipher.decrypt(tampered))
                    .as("byte " + at)
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> cipher.decrypt(java.util.Arrays.copyOf(sealed, sealed.length - 1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theKeyMustBeThirtyTwoBytesOfBase64() {
        assertThatThrownBy(() -> new BankDetailsCipher(Base64.getEncoder().encodeToString(bytes(16, 1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("maecenas.payouts.encryption-key must be 32 bytes, base64-encoded");
        assertThat(Base64.getDecoder().decode(BankDetailsCipher.newKey())).hasSize(32);
        assertThat(BankDetailsCipher.newKey()).isNotEqualTo(BankDetailsCipher.newKey());
    }

    @Test
    void aConfiguredKeyIsTheOneUsedAndTheDatabaseIsNotAsked() {
        // no JdbcClient: a configured key must not reach for the database's generated one
        PayoutSecrets secrets = new PayoutSecrets(null, new PayoutsProperties(Duration.ofDays(7), 10, 1, KEY));

        byte[] sealed = secrets.encrypt(DETAILS);

        assertThat(new BankDetailsCipher(KEY).decrypt(sealed)).isEqualTo(DETAILS);
        assertThat(secrets.decrypt(new BankDetailsCipher(KEY).encrypt(DETAILS))).isEqualTo(DETAILS);
        assertThatThrownBy(() -> new BankDetailsCipher(BankDetailsCipher.newKey()).decrypt(sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i);
        }
        return bytes;
    }
}
