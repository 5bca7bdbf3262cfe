package org.amtsgang.identity.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.OfficeRole;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.identity.api.Role;
import org.amtsgang.identity.api.TrustLevel;
import org.junit.Test;

public class AccessTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Caller CASEWORKER = new Caller(
            "acc-1",
            PrincipalKind.STAFF,
            "Clara Weber",
            "clara@buergeramt.example",
            TrustLevel.SUBSTANTIAL,
            Set.of(new OfficeRole("buergeramt", Role.CASEWORKER)));

    private final SigningKeys keys = SigningKeys.inMemory("k1");

    @Test
    public void aTokenCarriesTheCaller() {
        AccessTokens tokens = tokens(keys, NOW);

        AccessTokens.Verified verified = tokens.verify(tokens.issue(CASEWORKER)).orElseThrow();

        assertThat(verified.caller()).isEqualTo(CASEWORKER);
        assertThat(verified.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    public void expiredTamperedForeignAndUnsignedTokensAreNotValid() {
        String token = tokens(keys, NOW).issue(CASEWORKER);

        assertThat(tokens(keys, NOW.plus(Duration.ofMinutes(5))).verify(token)).isEmpty();
        assertThat(tokens(SigningKeys.inMemory("k1"), NOW).verify(token))
                .as("other key, same id")
                .isEmpty();
        String[] parts = token.split("\\.");
        String elevated = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]))
                        .replace("SUBSTANTIAL", "HIGH")
                        .getBytes());
        assertThat(tokens(keys, NOW).verify(parts[0] + "." + elevated + "." + parts[2]))
                .isEmpty();
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        assertThat(tokens(keys, NOW).verify(none + "." + parts[1] + ".")).isEmpty();
        assertThat(tokens(keys, NOW).verify("kein token")).isEmpty();
        assertThat(new AccessTokens(keys, "other-issuer", Duration.ofMinutes(5), clock(NOW)).verify(token))
                .isEmpty();
    }

    @Test
    public void rotatedKeysKeepVerifyingTheirTokens() throws Exception {
        Path dir = Files.createTempDirectory("keys");
        SigningKeys first = SigningKeys.load(dir, "k1");
        String old = tokens(first, NOW).issue(CASEWORKER);

        SigningKeys rotated = SigningKeys.load(dir, "k2");

        assertThat(rotated.current().getKeyID()).isEqualTo("k2");
        assertThat(tokens(rotated, NOW).verify(old)).isPresent();
        assertThat(rotated.publicSet().getKeys()).hasSize(2).allMatch(k -> !k.isPrivate());
        assertThat(SigningKeys.load(dir, "k2").current().toJSONString())
                .as("stored, not regenerated")
                .isEqualTo(rotated.current().toJSONString());
    }

    private static AccessTokens tokens(SigningKeys keys, Instant now) {
        return new AccessTokens(keys, "amtsgang", Duration.ofMinutes(5), clock(now));
    }

    private static Clock clock(Instant now) {
        return Clock.fixed(now, ZoneOffset.UTC);
    }
}
