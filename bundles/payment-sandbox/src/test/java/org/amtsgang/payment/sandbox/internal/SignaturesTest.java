package org.amtsgang.payment.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.amtsgang.payment.api.spi.InvalidNotificationException;
import org.junit.Test;

public class SignaturesTest {

    private static final String SECRET = "test-secret";
    private static final long NOW = 1_780_000_000L;
    private static final byte[] BODY =
            "{\"eventId\":\"e1\",\"outcome\":\"SUCCEEDED\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    public void aSignatureOfTheBodyAndTimestampIsAccepted() {
        String header = Signatures.sign(SECRET, NOW, BODY);

        assertThat(header).matches("t=1780000000,v1=[0-9a-f]{64}");
        assertThatCode(() -> Signatures.verify(SECRET, header, BODY, NOW + 10, 900))
                .doesNotThrowAnyException();
    }

    @Test
    public void theSignatureIsTheHmacOfTimestampDotBody() {
        // a known answer, computed apart: printf '1.{}' | openssl dgst -sha256 -hmac key
        assertThat(Signatures.sign("key", 1, "{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("t=1,v1=1ba6b8171186efc613e8bcc0cbdab2748f24984d7c5a84faa2637afa0e40d224");
    }

    @Test
    public void aTamperedBodyIsRefused() {
        String header = Signatures.sign(SECRET, NOW, BODY);
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8)
                .replace("SUCCEEDED", "FAILED")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Signatures.verify(SECRET, header, tampered, NOW, 900))
                .isInstanceOf(InvalidNotificationException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    public void anotherSecretsSignatureIsRefused() {
        String header = Signatures.sign("someone-else", NOW, BODY);

        assertThatThrownBy(() -> Signatures.verify(SECRET, header, BODY, NOW, 900))
                .isInstanceOf(InvalidNotificationException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    public void aTimestampChangedAfterSigningIsRefused() {
        String header = Signatures.sign(SECRET, NOW, BODY).replace("t=" + NOW, "t=" + (NOW + 1));

        assertThatThrownBy(() -> Signatures.verify(SECRET, header, BODY, NOW, 900))
                .isInstanceOf(InvalidNotificationException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    public void timestampsOutsideTheToleranceAreRefusedBothWays() {
        String old = Signatures.sign(SECRET, NOW - 901, BODY);
        String ahead = Signatures.sign(SECRET, NOW + 901, BODY);
        String edge = Signatures.sign(SECRET, NOW - 900, BODY);

        assertThatThrownBy(() -> Signatures.verify(SECRET, old, BODY, NOW, 900))
                .isInstanceOf(InvalidNotificationException.class)
                .hasMessageContaining("tolerance");
        assertThatThrownBy(() -> Signatures.verify(SECRET, ahead, BODY, NOW, 900))
                .isInstanceOf(InvalidNotificationException.class)
                .hasMessageContaining("tolerance");
        assertThatCode(() -> Signatures.verify(SECRET, edge, BODY, NOW, 900)).doesNotThrowAnyException();
    }

    @Test
    public void missingAndMalformedHeadersAreRefusedSayingWhy() {
        String mac = Signatures.sign(SECRET, NOW, BODY).substring(("t=" + NOW + ",v1=").length());

        assertRefused(null, "Missing");
        assertRefused("  ", "Missing");
        assertRefused("v1=" + mac, "t and v1 are required");
        assertRefused("t=" + NOW, "t and v1 are required");
        assertRefused("t=soon,v1=" + mac, "t is not a number");
        assertRefused("t=" + NOW + ",v1=" + mac.substring(2), "v1 is not");
        assertRefused("t=" + NOW + ",v1=" + "zz" + mac.substring(2), "v1 is not");
        assertRefused("t=" + NOW + ";v1=" + mac, "Malformed");
        assertRefused("garbage", "Malformed");
    }

    @Test
    public void unknownSchemesAreIgnoredAndAnyMatchingV1IsEnough() {
        String header = Signatures.sign(SECRET, NOW, BODY);
        String mac = header.substring(header.indexOf("v1=") + 3);
        String rotated = "t=" + NOW + ",v0=abc,v1=" + "0".repeat(64) + ",v1=" + mac;

        assertThatCode(() -> Signatures.verify(SECRET, rotated, BODY, NOW, 900)).doesNotThrowAnyException();
    }

    private static void assertRefused(String header, String why) {
        assertThatThrownBy(() -> Signatures.verify(SECRET, header, BODY, NOW, 900))
                .as(String.valueOf(header))
                .isInstanceOf(InvalidNotificationException.class)
                .hasMessageContaining(why);
    }
}
