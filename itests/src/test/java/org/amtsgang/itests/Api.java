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
    static final String CASEWORKER_BAUAUFSICHT = "sachbearbeitung@bauaufsicht.example";

    private Api() {}

    static HttpResponse<String> call(String method, String path, String token, Object body) {
        return call(method, path, token, body, new String[0]);
    }

    /** A call with further headers, given as name, value, name, value, … */
    static HttpResponse<String> call(String method, String path, String token, Object body, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(PlatformTestSupport.api(path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : write(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return PlatformTestSupport.send(request.build());
    }

    /** Sends raw bytes, e.g. a file upload. */
    static HttpResponse<String> upload(String path, String token, byte[] content, String contentType) {
        HttpRequest request = HttpRequest.newBuilder(PlatformTestSupport.api(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(content))
                .build();
        return PlatformTestSupport.send(request);
    }

    /** Downloads bytes, e.g. a notice as PDF. */
    static HttpResponse<byte[]> download(String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(PlatformTestSupport.api(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        try {
            return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
        if (response.statusCode() == 401 && body.containsKey("totp")) {
            // a staff code counts once per 30-second step: another test may have used this one
            long next = (Instant.now().getEpochSecond() / 30 + 1) * 30;
            sleepUntil(next);
            body.put("totp", totp(DEMO_TOTP_SECRET, Instant.now()));
            response = call("POST", "/v1/auth/login", null, body);
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("login of " + email + " failed: " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    /**
     * A valid access token of the account, reused for four minutes (tokens live five): staff codes
     * are accepted once per account and 30-second step, so logging staff in per test would fail.
     */
    static String token(String email) {
        Token cached = TOKENS.get(email);
        if (cached != null && cached.until().isAfter(Instant.now())) {
            return cached.value();
        }
        String value = login(email).get("accessToken").asText();
        TOKENS.put(email, new Token(value, Instant.now().plusSeconds(240)));
        return value;
    }

    private record Token(String value, Instant until) {}

    private static final java.util.Map<String, Token> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    private static void sleepUntil(long epochSecond) {
        try {
            Thread.sleep(Math.max(0, epochSecond * 1000 - System.currentTimeMillis()) + 200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
