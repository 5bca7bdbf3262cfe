package org.amtsgang.itests;

import static org.amtsgang.itests.Api.call;
import static org.amtsgang.itests.Api.json;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.Test;

/** Accounts, logins, tokens and staff, through the HTTP API, with real mail and a real OIDC provider. */
public class IdentityIT extends PlatformTestSupport {

    private static final Duration MAIL = Duration.ofSeconds(20);

    @Test
    public void aCitizenRegistersConfirmsByMailAndLogsIn() {
        String email = unique("neu");
        HttpResponse<String> registered = call(
                "POST",
                "/v1/auth/register",
                null,
                Map.of("email", email, "password", "ein langes Passwort", "displayName", "Neu Bürger"));
        assertEquals(registered.body(), 202, registered.statusCode());

        String code = await("confirmation mail").atMost(MAIL).until(() -> Mailbox.lastCode(email), c -> c != null);
        HttpResponse<String> early = login(email, "ein langes Passwort");
        assertEquals(early.body(), 403, early.statusCode());
        HttpResponse<String> wrong = call("POST", "/v1/auth/confirm", null, Map.of("email", email, "code", "ZZZZZZZZ"));
        assertEquals(wrong.body(), 400, wrong.statusCode());
        HttpResponse<String> confirmed = call("POST", "/v1/auth/confirm", null, Map.of("email", email, "code", code));
        assertEquals(confirmed.body(), 204, confirmed.statusCode());

        HttpResponse<String> login = login(email, "ein langes Passwort");
        assertEquals(login.body(), 200, login.statusCode());
        JsonNode tokens = json(login);
        assertEquals("BASIS", tokens.get("trustLevel").asText());
        JsonNode me = json(call("GET", "/v1/me", tokens.get("accessToken").asText(), null));
        assertEquals(email, me.at("/account/email").asText());
        assertEquals("Neu Bürger", me.at("/account/displayName").asText());

        // registering the address again says the same, and tells the owner by mail
        HttpResponse<String> again = call(
                "POST",
                "/v1/auth/register",
                null,
                Map.of("email", email, "password", "noch ein Passwort", "displayName", "X"));
        assertEquals(registered.body(), again.body());
        await("notice to the owner")
                .atMost(MAIL)
                .until(() -> Mailbox.texts(email).size() == 2);
        assertTrue(Mailbox.texts(email).get(1).contains("bereits ein Konto"));
    }

    @Test
    public void unknownAddressesAndWrongPasswordsTakeAboutAsLong() {
        long[] unknown = new long[5];
        long[] wrong = new long[3]; // fewer than the five failures that lock an account
        for (int i = 0; i < unknown.length; i++) {
            unknown[i] = timed(() -> login(unique("niemand"), "irgendein Passwort"));
        }
        for (int i = 0; i < wrong.length; i++) {
            String password = "falsches Passwort " + i;
            wrong[i] = timed(() -> login(Api.BEN, password));
        }
        assertEquals(200, login(Api.BEN, Api.DEMO_PASSWORD).statusCode()); // forgives the failures

        double ratio = (double) median(unknown) / median(wrong);
        assertTrue(
                "unknown " + java.util.Arrays.toString(unknown) + " vs wrong " + java.util.Arrays.toString(wrong),
                ratio > 0.33 && ratio < 3);
    }

    private static long timed(java.util.function.Supplier<HttpResponse<String>> call) {
        long start = System.nanoTime();
        assertEquals(401, call.get().statusCode());
        return System.nanoTime() - start;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    @Test
    public void unknownAddressesAndWrongPasswordsGetTheSameAnswer() {
        HttpResponse<String> unknown = login(unique("niemand"), "irgendein Passwort");
        HttpResponse<String> wrong = login(Api.BEN, "falsches Passwort!");

        assertEquals(401, unknown.statusCode());
        assertEquals(401, wrong.statusCode());
        assertEquals(json(unknown).get("detail"), json(wrong).get("detail"));
        assertEquals(json(unknown).get("title"), json(wrong).get("title"));
    }

    @Test
    public void badRequestsAreProblemsAndChangeNothing() {
        assertEquals(400, call("POST", "/v1/auth/login", null, "{not json").statusCode());
        assertEquals(
                400,
                call("POST", "/v1/auth/login", null, Map.of("email", "kein-at-zeichen", "password", "x"))
                        .statusCode());
        assertEquals(
                400,
                call(
                                "POST",
                                "/v1/auth/register",
                                null,
                                Map.of("email", unique("kurz"), "password", "kurz", "displayName", "K"))
                        .statusCode());
        assertEquals(
                400,
                call("POST", "/v1/auth/login", null, "{\"email\":\"a@b.de\",\"password\":\"x\",\"extra\":1}")
                        .statusCode());
        assertEquals(
                415,
                PlatformTestSupport.send(HttpRequest.newBuilder(api("/v1/auth/login"))
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString("hallo"))
                                .build())
                        .statusCode());
    }

    @Test
    public void refreshTokensRotateAndAStolenCopyEndsTheSession() {
        JsonNode first = Api.login(Api.BEN);
        String refresh1 = first.get("refreshToken").asText();

        HttpResponse<String> rotated = call("POST", "/v1/auth/refresh", null, Map.of("refreshToken", refresh1));
        assertEquals(rotated.body(), 200, rotated.statusCode());
        String refresh2 = json(rotated).get("refreshToken").asText();
        assertNotEquals(refresh1, refresh2);

        // the old token used again (a copy an attacker kept): refused, and the session is over
        assertEquals(
                401,
                call("POST", "/v1/auth/refresh", null, Map.of("refreshToken", refresh1))
                        .statusCode());
        assertEquals(
                401,
                call("POST", "/v1/auth/refresh", null, Map.of("refreshToken", refresh2))
                        .statusCode());
    }

    @Test
    public void logoutEndsTheSession() {
        JsonNode tokens = Api.login(Api.BEN);
        String refresh = tokens.get("refreshToken").asText();

        assertEquals(
                204,
                call("POST", "/v1/auth/logout", null, Map.of("refreshToken", refresh))
                        .statusCode());
        assertEquals(
                401,
                call("POST", "/v1/auth/refresh", null, Map.of("refreshToken", refresh))
                        .statusCode());
    }

    @Test
    public void staffNeedTheirSecondFactorOnceEachCode() {
        HttpResponse<String> withoutCode = login(Api.CASEWORKER_BUERGERAMT, Api.DEMO_PASSWORD);
        assertEquals(401, withoutCode.statusCode());
        assertTrue(json(withoutCode).get("totpRequired").asBoolean());

        final String firstCode = Api.totp(Api.DEMO_TOTP_SECRET, Instant.now());
        String code = firstCode;
        Map<String, Object> body =
                Map.of("email", Api.CASEWORKER_BUERGERAMT, "password", Api.DEMO_PASSWORD, "totp", code);
        HttpResponse<String> first = call("POST", "/v1/auth/login", null, body);
        if (first.statusCode() == 401) {
            // the code was used a moment ago by another test in this 30-second step: take the next
            await().atMost(Duration.ofSeconds(35))
                    .until(() -> !Api.totp(Api.DEMO_TOTP_SECRET, Instant.now()).equals(firstCode));
            code = Api.totp(Api.DEMO_TOTP_SECRET, Instant.now());
            body = Map.of("email", Api.CASEWORKER_BUERGERAMT, "password", Api.DEMO_PASSWORD, "totp", code);
            first = call("POST", "/v1/auth/login", null, body);
        }
        assertEquals(first.body(), 200, first.statusCode());
        assertEquals("SUBSTANTIAL", json(first).get("trustLevel").asText());
        assertEquals(401, call("POST", "/v1/auth/login", null, body).statusCode());
    }

    @Test
    public void aPasswordIsResetWithACodeByMail() {
        String email = registerAndConfirm("vergesslich");
        assertEquals(
                202,
                call("POST", "/v1/auth/password-reset", null, Map.of("email", email))
                        .statusCode());
        String code = await("reset mail")
                .atMost(MAIL)
                .until(() -> Mailbox.texts(email).size() >= 2 ? Mailbox.lastCode(email) : null, c -> c != null);

        HttpResponse<String> reset = call(
                "POST",
                "/v1/auth/password-reset/confirm",
                null,
                Map.of("email", email, "code", code, "newPassword", "ein neues Passwort"));

        assertEquals(reset.body(), 204, reset.statusCode());
        assertEquals(401, login(email, "ein langes Passwort").statusCode());
        assertEquals(200, login(email, "ein neues Passwort").statusCode());
        // for unknown addresses the same answer, and no mail
        assertEquals(
                202,
                call("POST", "/v1/auth/password-reset", null, Map.of("email", unique("unbekannt")))
                        .statusCode());
    }

    @Test
    public void repeatedFailuresLockTheAccountBeforeAnyPasswordIsChecked() throws Exception {
        String email = registerAndConfirm("ziel");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login(email, "falsch-" + i + "-falsch").statusCode());
        }

        HttpResponse<String> right = login(email, "ein langes Passwort");

        assertEquals(right.body(), 429, right.statusCode());
        assertTrue(json(right).get("retryAfter").asLong() > 0);
        String log = Files.readString(karafBase().resolve("data/log/karaf.log"));
        assertTrue("lockout recorded in the security log", log.contains("LOCKED_OUT"));
        assertFalse("no password in the log", log.contains("ein langes Passwort"));
        assertFalse("no token in the log", log.contains("eyJ"));
        assertTrue(
                "failures in the security log",
                Files.readString(karafBase().resolve("data/log/amtsgang-security.log"))
                        .contains("LOGIN_FAILED"));
    }

    @Test
    public void anOfficeLeadCreatesStaffAndDisablingEndsTheirAccessAtOnce() {
        String lead = Api.token(Api.LEAD_BUERGERAMT);
        String email = unique("kollegin").replace("@example.org", "@buergeramt.example");
        HttpResponse<String> created = call(
                "POST",
                "/v1/offices/buergeramt/staff",
                lead,
                Map.of("email", email, "displayName", "Neue Kollegin", "roles", java.util.List.of("CASEWORKER")));
        assertEquals(created.body(), 201, created.statusCode());
        JsonNode enrolment = json(created);
        String password = enrolment.get("initialPassword").asText();
        String secret =
                URI.create(enrolment.get("totpUri").asText()).getQuery().replaceAll(".*secret=([A-Z2-7]+).*", "$1");
        String id = enrolment.at("/account/id").asText();

        Map<String, Object> first =
                Map.of("email", email, "password", password, "totp", Api.totp(secret, Instant.now()));
        HttpResponse<String> mustChange = call("POST", "/v1/auth/login", null, first);
        assertEquals(mustChange.body(), 403, mustChange.statusCode());
        assertTrue(json(mustChange).get("passwordChangeRequired").asBoolean());
        await().atMost(Duration.ofSeconds(35))
                .until(() -> !Api.totp(secret, Instant.now()).equals(first.get("totp")));
        HttpResponse<String> login = call(
                "POST",
                "/v1/auth/login",
                null,
                Map.of(
                        "email",
                        email,
                        "password",
                        password,
                        "totp",
                        Api.totp(secret, Instant.now()),
                        "newPassword",
                        "mein eigenes Passwort"));
        assertEquals(login.body(), 200, login.statusCode());
        String token = json(login).get("accessToken").asText();
        assertEquals(200, call("GET", "/v1/me", token, null).statusCode());

        HttpResponse<String> disabled = call("POST", "/v1/offices/buergeramt/staff/" + id + "/disable", lead, null);

        assertEquals(disabled.body(), 200, disabled.statusCode());
        assertEquals(401, call("GET", "/v1/me", token, null).statusCode());
        // and another office's lead may not touch them
        assertEquals(403, call("GET", "/v1/offices/steueramt/staff", lead, null).statusCode());
    }

    @Test
    public void aFederatedLoginReachesTheTrustLevelItsProviderVouchesFor() throws Exception {
        JsonNode substantial = Federation.login("buerger-" + UUID.randomUUID(), "substantial");
        assertEquals("SUBSTANTIAL", substantial.get("trustLevel").asText());
        String token = substantial.get("accessToken").asText();
        assertEquals(
                "SUBSTANTIAL",
                json(call("GET", "/v1/me", token, null)).get("loggedInAt").asText());

        // the Meldebescheinigung needs HIGH: the answer names the level and the login that reaches it
        HttpResponse<String> refused =
                call("GET", "/v1/services/buergeramt-meldebescheinigung/eligibility", token, null);
        assertEquals(refused.body(), 403, refused.statusCode());
        JsonNode problem = json(refused);
        assertEquals("HIGH", problem.get("requiredTrustLevel").asText());
        assertEquals("SUBSTANTIAL", problem.get("currentTrustLevel").asText());
        assertEquals("bundid", problem.at("/loginOptions/0/id").asText());

        JsonNode high = Federation.login("buerger-" + UUID.randomUUID(), "high");
        HttpResponse<String> eligible = call(
                "GET",
                "/v1/services/buergeramt-meldebescheinigung/eligibility",
                high.get("accessToken").asText(),
                null);
        assertEquals(eligible.body(), 200, eligible.statusCode());
    }

    @Test
    public void staffLogInThroughTheCitysProviderIntoTheirExistingAccountOnly() throws Exception {
        URI callback = Federation.authorize(
                Federation.start("dienst"), "kaya-at-dienst", "substantial", Api.CASEWORKER_STEUERAMT);
        HttpResponse<String> tokens =
                PlatformTestSupport.send(HttpRequest.newBuilder(callback).GET().build());
        assertEquals(tokens.body(), 200, tokens.statusCode());
        assertEquals("STAFF", json(tokens).get("kind").asText());
        String token = json(tokens).get("accessToken").asText();
        JsonNode me = json(call("GET", "/v1/me", token, null));
        assertEquals(Api.CASEWORKER_STEUERAMT, me.at("/account/email").asText());
        assertEquals("steueramt", me.at("/account/officeRoles/0/officeId").asText());

        URI stranger =
                Federation.authorize(Federation.start("dienst"), "fremd", "substantial", "fremd@irgendwo.example");
        assertEquals(
                403,
                PlatformTestSupport.send(HttpRequest.newBuilder(stranger).GET().build())
                        .statusCode());
    }

    @Test
    public void aForgedOrReplayedCallbackIsRefused() throws Exception {
        HttpResponse<String> unknownState = get("/v1/auth/oidc/bundid/callback?state=ausgedacht&code=ausgedacht");
        assertEquals(400, unknownState.statusCode());

        String start = Federation.start();
        URI callback = Federation.authorize(start, "gast", "substantial");
        HttpResponse<String> once =
                PlatformTestSupport.send(HttpRequest.newBuilder(callback).GET().build());
        assertEquals(once.body(), 200, once.statusCode());
        HttpResponse<String> twice =
                PlatformTestSupport.send(HttpRequest.newBuilder(callback).GET().build());
        assertEquals(400, twice.statusCode());
    }

    @Test
    public void theSigningKeysArePublished() {
        JsonNode jwks = json(get("/v1/auth/jwks.json"));
        assertEquals("EC", jwks.at("/keys/0/kty").asText());
        assertEquals("k1", jwks.at("/keys/0/kid").asText());
        assertTrue("no private part", jwks.at("/keys/0/d").isMissingNode());
    }

    // --- helpers

    private static HttpResponse<String> login(String email, String password) {
        return call("POST", "/v1/auth/login", null, Map.of("email", email, "password", password));
    }

    private static String registerAndConfirm(String prefix) {
        String email = unique(prefix);
        assertEquals(
                202,
                call(
                                "POST",
                                "/v1/auth/register",
                                null,
                                Map.of("email", email, "password", "ein langes Passwort", "displayName", prefix))
                        .statusCode());
        String code = await().atMost(MAIL).until(() -> Mailbox.lastCode(email), c -> c != null);
        assertEquals(
                204,
                call("POST", "/v1/auth/confirm", null, Map.of("email", email, "code", code))
                        .statusCode());
        return email;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }
}
