package org.amtsgang.identity.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1024, 1, 1);

    @Test
    public void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("ein langes Passwort".toCharArray());

        assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(hasher.verify(hash, "ein langes Passwort".toCharArray())).isTrue();
        assertThat(hasher.verify(hash, "ein langes passwort".toCharArray())).isFalse();
    }

    @Test
    public void saltsEveryHash() {
        assertThat(hasher.hash("x".toCharArray())).isNotEqualTo(hasher.hash("x".toCharArray()));
    }

    @Test
    public void readsTheParametersFromTheHash() {
        String strong = new PasswordHasher(2048, 2, 1).hash("geheim".toCharArray());

        assertThat(hasher.verify(strong, "geheim".toCharArray())).isTrue();
        assertThat(hasher.needsRehash(strong)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("geheim".toCharArray()))).isFalse();
    }

    @Test
    public void aMalformedHashNeverMatches() {
        assertThat(hasher.verify(null, "x".toCharArray())).isFalse();
        assertThat(hasher.verify("$2a$10$bcrypt", "x".toCharArray())).isFalse();
        assertThat(hasher.verify("", "".toCharArray())).isFalse();
    }
}
