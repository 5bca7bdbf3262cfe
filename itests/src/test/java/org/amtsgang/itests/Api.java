package org.amtsgang.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Calls of the platform API as clients make them, with JSON bodies and bearer tokens. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DEMO_PASSWORD = "amtsgang-demo";
    static final String DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    static final String ANNA = "anna.schmidt@example.org";
    static final String BEN = "ben.yilmaz@example.org";
    static final String CASEWORKER_BUERGERAMT = "sachbearbeitung@buergeramt.example";
    static final String LEAD_BUERGERAMT = "leitung@buergeramt.example";
    static final String CASEWORKER_STEUERAMT = "sachbearbeitung@steueramt.example";
    static final String OPERATOR = "betrieb@amtsgang.example";

    private Api() {}

    static HttpResponse<String> call(String method, String path, String token, Object body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(PlatformTestSupport.api(path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : write(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return PlatformTestSupport.send(request.build());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(response.body(), e);
        }
    }

    /** Logs a demo account in; staff with their TOTP code. Returns the token answer. */
    static JsonNode login(String email) {
        return login(email, DEMO_PASSWORD);
    }

    static JsonNode login(String email, String password) {
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        body.put("email", email);
        body.put("password", password);
        if (!email.endsWith("@example.org")) {
            body.put("totp", totp(DEMO_TOTP_SECRET, Instant.now()));
        }
        HttpResponse<String> response = call("POST", "/v1/auth/login", null, body);
        if (response.statusCode() != 200) {
            throw new AssertionError("login of " + email + " failed: " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    static String token(String email) {
        return login(email).get("accessToken").asText();
    }

    /** RFC 6238 code, computed here independently of the platform's implementation. */
    static String totp(String base32Secret, Instant at) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(base32(base32Secret), "HmacSHA1"));
            byte[] hash = mac.doFinal(java.nio.ByteBuffer.allocate(8)
                    .putLong(at.getEpochSecond() / 30)
                    .array());
            int offset = hash[19] & 0xf;
            int value = ((hash[offset] & 0x7f) << 24)
                    | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8)
                    | (hash[offset + 3] & 0xff);
            return String.format("%06d", value % 1_000_000);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
