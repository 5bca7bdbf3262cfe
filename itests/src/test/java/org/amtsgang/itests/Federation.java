package org.amtsgang.itests;

import static org.amtsgang.itests.Api.json;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Logins through the suite's OIDC provider, as a person makes them at its login page: the way to a
 * citizen at trust level SUBSTANTIAL or HIGH.
 */
final class Federation {

    private Federation() {}

    static JsonNode login(String subject, String acr) throws Exception {
        URI callback = authorize(start(), subject, acr);
        HttpResponse<String> tokens =
                PlatformTestSupport.send(HttpRequest.newBuilder(callback).GET().build());
        assertEquals(tokens.body(), 200, tokens.statusCode());
        return json(tokens);
    }

    static String start() {
        return start("bundid");
    }

    static String start(String provider) {
        HttpResponse<String> start = PlatformTestSupport.get("/v1/auth/oidc/" + provider + "/start");
        assertEquals(start.body(), 303, start.statusCode());
        String location = start.headers().firstValue("Location").orElseThrow();
        assertTrue(
                location,
                location.startsWith(
                        System.getProperty(PlatformTestSupport.OIDC_ISSUER).replace("/bundid", "/" + provider)));
        assertTrue(location, location.contains("code_challenge_method=S256"));
        return location;
    }

    /** Logs in at the provider's own login page, as a person would, with the claims it should vouch for. */
    static URI authorize(String authorizeUrl, String subject, String acr) throws Exception {
        return authorize(authorizeUrl, subject, acr, subject + "@bund.example");
    }

    static URI authorize(String authorizeUrl, String subject, String acr, String email) throws Exception {
        String claims = "{\"acr\":\"" + acr + "\",\"email\":\"" + email + "\",\"email_verified\":true,"
                + "\"name\":\"Testperson " + subject.substring(0, Math.min(12, subject.length())) + "\"}";
        String form = "username=" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "&claims="
                + URLEncoder.encode(claims, StandardCharsets.UTF_8);
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(authorizeUrl))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String location = answer.headers().firstValue("Location").orElse(null);
        assertNotNull(answer.statusCode() + " " + answer.body(), location);
        return URI.create(location);
    }
}
