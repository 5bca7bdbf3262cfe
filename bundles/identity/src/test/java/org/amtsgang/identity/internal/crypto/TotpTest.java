package org.amtsgang.identity.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.Test;

public class TotpTest {

    /** RFC 6238, appendix B: the SHA-1 seed "12345678901234567890". */
    private static final String RFC_SECRET = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    public void computesTheRfc6238TestVectors() {
        // the RFC gives 8 digits; the last 6 are the 6-digit codes
        assertThat(Totp.code(RFC_SECRET, 59 / 30)).isEqualTo("287082");
        assertThat(Totp.code(RFC_SECRET, 1111111109L / 30)).isEqualTo("081804");
        assertThat(Totp.code(RFC_SECRET, 1234567890L / 30)).isEqualTo("005924");
        assertThat(Totp.code(RFC_SECRET, 2000000000L / 30)).isEqualTo("279037");
    }

    @Test
    public void acceptsTheNeighbouringStepsButNoCodeTwice() {
        Totp totp = new Totp(Clock.fixed(Instant.ofEpochSecond(1111111109L), ZoneOffset.UTC));
        long step = 1111111109L / 30;

        assertThat(totp.verify(RFC_SECRET, "081804", 0)).hasValue(step);
        assertThat(totp.verify(RFC_SECRET, "081804", step)).isEmpty();
        assertThat(totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), 0)).hasValue(step - 1);
        assertThat(totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, step + 2), 0)).isEmpty();
        assertThat(totp.verify(RFC_SECRET, "12345", 0)).isEmpty();
        assertThat(totp.verify(RFC_SECRET, null, 0)).isEmpty();
    }

    @Test
    public void roundTripsBase32AndBuildsTheAppUri() {
        byte[] bytes = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(Totp.unbase32(Totp.base32(bytes))).isEqualTo(bytes);
        assertThat(Totp.uri("Amtsgang", "a@b.de", "ABC"))
                .isEqualTo(
                        "otpauth://totp/Amtsgang:a%40b.de?secret=ABC&issuer=Amtsgang&algorithm=SHA1&digits=6&period=30");
    }
}
