package dev.tidings.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Generated credentials: keyed SHA-256; given ones: PBKDF2; hashes stored before either still verify. */
class CredentialHashesTest {
    private final CredentialHashes hashes = new CredentialHashes(key(1));

    @Test
    void aGeneratedCredentialIsStoredAsAKeyedHashThatVerifiesOnlyThatCredential() {
        String credential = Secrets.newToken("whk_");
        String stored = hashes.forGenerated(credential);

        assertThat(stored).startsWith("hmac-sha256$").doesNotContain(credential);
        assertThat(CredentialHashes.cheap(stored)).isTrue();
        assertThat(hashes.verify(credential, stored)).isTrue();
        assertThat(hashes.verify(credential + "x", stored)).isFalse();
        assertThat(hashes.verify(credential.substring(1), stored)).isFalse();
    }

    @Test
    void aKeyedHashDoesNotVerifyUnderAnotherServerKey() {
        String credential = Secrets.newToken("whk_");
        String stored = hashes.forGenerated(credential);

        assertThat(new CredentialHashes(key(2)).verify(credential, stored)).isFalse();
    }

    @Test
    void aGivenCredentialIsStoredAsSaltedPbkdf2() {
        String stored = hashes.forGiven("shop:s3cret");

        assertThat(stored).startsWith("pbkdf2-sha256$100000$").doesNotContain("s3cret");
        assertThat(CredentialHashes.cheap(stored)).isFalse();
        assertThat(hashes.verify("shop:s3cret", stored)).isTrue();
        assertThat(hashes.verify("shop:s3creT", stored)).isFalse();
        assertThat(hashes.forGiven("shop:s3cret")).as("salted").isNotEqualTo(stored);
    }

    @Test
    void aPbkdf2HashStoredBeforeKeyedHashesExistedStillVerifies() {
        String storedEarlier = Secrets.hashCredential("test_div69fffddb");

        assertThat(hashes.verify("test_div69fffddb", storedEarlier)).isTrue();
        assertThat(hashes.verify("test_div69fffddc", storedEarlier)).isFalse();
    }

    @Test
    void aMangledStoredHashVerifiesNothing() {
        assertThat(hashes.verify("x", "hmac-sha256$not base64!")).isFalse();
        assertThat(hashes.verify("x", "md5$abc")).isFalse();
    }

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return k;
    }
}
