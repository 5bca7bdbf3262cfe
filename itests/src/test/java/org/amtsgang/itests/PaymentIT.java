package org.amtsgang.itests;

import static org.amtsgang.itests.Api.call;
import static org.amtsgang.itests.Api.json;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;

/**
 * Paying fees end to end: a citizen's application waits for its fee, the sandbox provider's hosted
 * page takes the payment and notifies the platform with signed callbacks, the case goes to review;
 * forged notifications are refused, staff refund a withdrawn application, the treasury exports.
 */
public class PaymentIT extends PlatformTestSupport {

    static final String MELDEBESCHEINIGUNG = "buergeramt-meldebescheinigung";

    @Inject
    private SessionFactory sessions;

    /** A citizen with the eID (the Meldebescheinigung asks for it) and a case waiting for its fee. */
    static String[] citizenWithUnpaidCase() throws Exception {
        String citizen = Federation.login("zahler-" + UUID.randomUUID(), "high")
                .get("accessToken")
                .asText();
        HttpResponse<String> created = call(
                "POST",
                "/v1/cases",
                citizen,
                Map.of(
                        "serviceId",
                        MELDEBESCHEINIGUNG,
                        "submit",
                        true,
                        "formData",
                        Map.of("art", "einfach", "zustellung", "download")));
        assertEquals(created.body(), 201, created.statusCode());
        assertEquals("AWAITING_PAYMENT", json(created).get("status").asText());
        return new String[] {citizen, json(created).get("id").asText()};
    }

    /** Pays the case's fee at the sandbox's page with the outcome given; returns the payment as created. */
    static JsonNode pay(String citizen, String caseId, String outcome, String... chaos) {
        HttpResponse<String> created = call(
                "POST",
                "/v1/payments",
                citizen,
                Map.of("caseId", caseId),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertEquals(created.body(), 201, created.statusCode());
        JsonNode payment = json(created);
        choose(payment.get("nextUrl").asText(), outcome, chaos);
        return payment;
    }

    /** What a tester does on the sandbox's page. */
    static HttpResponse<String> choose(String pageUrl, String outcome, String... chaos) {
        StringBuilder form = new StringBuilder("outcome=" + outcome + "&method=card");
        for (String c : chaos) {
            form.append('&').append(c);
        }
        return send(HttpRequest.newBuilder(URI.create(pageUrl))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build());
    }

    static JsonNode awaitState(String citizen, String paymentId, String state) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> state.equals(json(call("GET", "/v1/payments/" + paymentId, citizen, null))
                        .get("state")
                        .asText()));
        return json(call("GET", "/v1/payments/" + paymentId, citizen, null));
    }

    @Test
    public void aFeePaidAtTheProvidersPageLetsTheReviewStart() throws Exception {
        String[] c = citizenWithUnpaidCase();
        String citizen = c[0];
        String caseId = c[1];
        assertTrue(get("/v1/payments/providers").body().contains("\"sandbox\""));

        String key = UUID.randomUUID().toString();
        HttpResponse<String> created =
                call("POST", "/v1/payments", citizen, Map.of("caseId", caseId), "Idempotency-Key", key);
        assertEquals(created.body(), 201, created.statusCode());
        JsonNode payment = json(created);
        String id = payment.get("id").asText();
        assertEquals("STARTED", payment.get("state").asText());
        assertEquals("INITIAL", payment.get("externalState").asText());
        assertEquals(1000, payment.get("amountCents").asLong());
        // the same request again is the same payment; the key with another request is refused
        HttpResponse<String> again =
                call("POST", "/v1/payments", citizen, Map.of("caseId", caseId), "Idempotency-Key", key);
        assertEquals(200, again.statusCode());
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(id, json(again).get("id").asText());
        assertProblem(
                call(
                        "POST",
                        "/v1/payments",
                        citizen,
                        Map.of("caseId", caseId, "method", "paypal"),
                        "Idempotency-Key",
                        key),
                422);
        // another citizen neither sees nor pays it
        String other = Api.token(Api.BEN);
        assertProblem(call("GET", "/v1/payments/" + id, other, null), 404);
        assertProblem(
                call("POST", "/v1/payments", other, Map.of("caseId", caseId), "Idempotency-Key", "x-" + key), 404);

        HttpResponse<String> page =
                send(HttpRequest.newBuilder(URI.create(payment.get("nextUrl").asText()))
                        .GET()
                        .build());
        assertEquals(200, page.statusCode());
        assertTrue(page.body(), page.body().contains("10,00"));
        assertEquals(200, choose(payment.get("nextUrl").asText(), "success").statusCode());

        JsonNode paid = awaitState(citizen, id, "SUCCEEDED");
        assertEquals("PAYED", paid.get("externalState").asText());
        assertTrue(paid.get("finished").asBoolean());
        await().atMost(Duration.ofSeconds(30)).until(() -> "IN_REVIEW"
                .equals(json(call("GET", "/v1/cases/" + caseId, citizen, null))
                        .get("status")
                        .asText()));

        HttpResponse<byte[]> receipt = Api.download("/v1/payments/" + id + "/receipt", citizen);
        assertEquals(200, receipt.statusCode());
        assertTrue(new String(receipt.body(), 0, 5, StandardCharsets.US_ASCII).startsWith("%PDF-"));
        assertEquals(404, Api.download("/v1/payments/" + id + "/receipt", other).statusCode());
        // the receipt is filed once, as a document the city issued: every copy is the same file
        assertArrayEquals(
                receipt.body(),
                Api.download("/v1/payments/" + id + "/receipt", citizen).body());
        JsonNode filed = json(call("GET", "/v1/documents?case=" + caseId + "&type=QUITTUNG", citizen, null));
        assertEquals(filed.toString(), 1, filed.get("total").asInt());
        JsonNode document = filed.get("items").get(0);
        assertEquals("platform:payment", document.get("createdBy").asText());
        String documentId = document.get("id").asText();
        String clerk = Api.token(Api.CASEWORKER_BUERGERAMT);
        HttpResponse<byte[]> officeCopy = Api.download("/v1/documents/" + documentId + "/versions/1/content", clerk);
        assertEquals(200, officeCopy.statusCode());
        assertArrayEquals(receipt.body(), officeCopy.body());
        assertEquals(
                404,
                Api.download("/v1/documents/" + documentId + "/versions/1/content", other)
                        .statusCode());
        // nobody changes it, not even the office
        HttpResponse<String> changed = Api.upload(
                "/v1/documents/" + documentId + "/versions?fileName=x.pdf", clerk, receipt.body(), "application/pdf");
        assertProblem(changed, 409);

        String output = Console.execute(sessions, "amtsgang:payments " + id);
        assertTrue(output, output.contains("SUCCEEDED") && output.contains("NOTIFIED"));
    }

    @Test
    public void forgedAndGarbledNotificationsAreRefusedAndChangeNothing() throws Exception {
        String[] c = citizenWithUnpaidCase();
        HttpResponse<String> created = call(
                "POST",
                "/v1/payments",
                c[0],
                Map.of("caseId", c[1]),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        JsonNode payment = json(created);
        String id = payment.get("id").asText();
        String body = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"paymentId\":\"" + id + "\",\"reference\":\""
                + payment.get("providerReference").asText() + "\",\"outcome\":\"SUCCEEDED\",\"method\":\"card\","
                + "\"amountCents\":1000,\"occurredAt\":\"" + Instant.now() + "\"}";

        assertProblem(notification(body, signature(body, "not-the-secret", Instant.now())), 401);
        assertProblem(notification(body, null), 401);
        assertProblem(
                notification(body, signature(body, SANDBOX_SECRET, Instant.now().minusSeconds(3600))), 401);
        assertProblem(notification(body.replace("1000", "1"), signature(body, SANDBOX_SECRET, Instant.now())), 401);
        assertEquals(
                "STARTED",
                json(call("GET", "/v1/payments/" + id, c[0], null)).get("state").asText());

        // what the provider really signed is taken, once
        String signed = signature(body, SANDBOX_SECRET, Instant.now());
        assertEquals(204, notification(body, signed).statusCode());
        assertEquals(204, notification(body, signed).statusCode());
        JsonNode events = json(call("GET", "/v1/payments/" + id + "/events", c[0], null));
        assertEquals(events.toString(), 2, events.size());
        assertEquals("SUCCEEDED", events.get(1).get("to").asText());
    }

    @Test
    public void aFailureThenASuccessDuplicatedAndReorderedEndsPaidAndBookedOnce() throws Exception {
        String[] c = citizenWithUnpaidCase();
        JsonNode payment = pay(c[0], c[1], "failure", "duplicates=2", "reorder=true");
        String id = payment.get("id").asText();
        awaitState(c[0], id, "FAILED");
        // the payer tries again on the provider's page and pays: the provider confirms the late success
        assertEquals(
                200,
                choose(payment.get("nextUrl").asText(), "success", "duplicates=2", "reorder=true")
                        .statusCode());
        awaitState(c[0], id, "SUCCEEDED");
        // nobody asked for the receipt: the operator's reconciliation files it all the same
        String receiptsOfCase = "/v1/documents?case=" + c[1] + "&type=QUITTUNG";
        assertEquals(
                0, json(call("GET", receiptsOfCase, c[0], null)).get("total").asInt());
        Console.execute(sessions, "amtsgang:payment-reconcile");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> json(call("GET", receiptsOfCase, c[0], null))
                                .get("total")
                                .asInt()
                        == 1);
        String operator = Api.token(Api.OPERATOR);
        String day = LocalDate.now(ZoneId.of("Europe/Berlin")).toString();
        String csv = call("GET", "/v1/treasury/bookings/" + day + "?format=csv", operator, null)
                .body();
        assertEquals(
                csv,
                1,
                csv.lines().filter(l -> l.startsWith("B;") && l.contains(id)).count());
    }

    @Test
    public void staffRefundAWithdrawnApplicationAsTheRuleAllowsAndTheTreasurySeesIt() throws Exception {
        String[] c = citizenWithUnpaidCase();
        JsonNode payment = pay(c[0], c[1], "success");
        String id = payment.get("id").asText();
        awaitState(c[0], id, "SUCCEEDED");
        String caseworker = Api.token(Api.CASEWORKER_BUERGERAMT);
        String path = "/v1/offices/buergeramt/payments/" + id;

        assertEquals(
                0,
                json(call("GET", path, caseworker, null)).get("refundableCents").asLong());
        await().atMost(Duration.ofSeconds(30)).until(() -> "IN_REVIEW"
                .equals(json(call("GET", "/v1/cases/" + c[1], c[0], null))
                        .get("status")
                        .asText()));
        assertEquals(
                200,
                call("POST", "/v1/cases/" + c[1] + "/withdraw", c[0], Map.of("reason", "umgezogen"))
                        .statusCode());
        JsonNode seen = json(call("GET", path, caseworker, null));
        assertEquals(1000, seen.get("refundableCents").asLong());

        assertProblem(
                call("POST", path + "/refunds", caseworker, Map.of("amountCents", 1000, "reason", "zurückgenommen")),
                428);
        assertProblem(
                call(
                        "POST",
                        path + "/refunds",
                        caseworker,
                        Map.of("amountCents", 1000, "reason", "x", "expectedRefundableCents", 999)),
                412);
        assertProblem(
                call(
                        "POST",
                        path + "/refunds",
                        Api.token(Api.CASEWORKER_STEUERAMT),
                        Map.of("amountCents", 1000, "reason", "x", "expectedRefundableCents", 1000)),
                403);
        HttpResponse<String> refund = call(
                "POST",
                path + "/refunds",
                caseworker,
                Map.of("amountCents", 1000, "reason", "Antrag zurückgenommen", "expectedRefundableCents", 1000));
        assertEquals(refund.body(), 201, refund.statusCode());
        assertEquals("REFUNDED", json(refund).at("/payment/state").asText());
        assertProblem(
                call(
                        "POST",
                        path + "/refunds",
                        caseworker,
                        Map.of("amountCents", 1, "reason", "x", "expectedRefundableCents", 1000)),
                412);

        String day = LocalDate.now(ZoneId.of("Europe/Berlin")).toString();
        String csv = call("GET", "/v1/treasury/bookings/" + day + "?format=csv", Api.token(Api.OPERATOR), null)
                .body();
        assertTrue(
                csv, csv.lines().anyMatch(l -> l.startsWith("B;") && l.contains(id) && l.contains(";-10,00;-1000;")));
        assertTrue(csv, csv.lines().anyMatch(l -> l.startsWith("S;" + day + ";1.02.01.432100;")));
        assertProblem(call("GET", "/v1/treasury/bookings/" + day, caseworker, null), 403);
        assertProblem(call("GET", "/v1/treasury/bookings/yesterday", Api.token(Api.OPERATOR), null), 400);
    }

    @Test
    public void aProviderComesAndGoesWithoutDisturbingThePlatform() throws Exception {
        org.osgi.framework.Bundle sandbox = java.util.Arrays.stream(context.getBundles())
                .filter(b -> "org.amtsgang.payment.sandbox".equals(b.getSymbolicName()))
                .findFirst()
                .orElseThrow();
        String[] c = citizenWithUnpaidCase();
        Map<Long, String> before = platformBundlesBut(sandbox);
        List<String> failures;
        try (EndpointPoller poller = new EndpointPoller(List.of("/v1/services", "/v1/payments/providers"))) {
            for (int cycle = 0; cycle < 2; cycle++) {
                sandbox.stop();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> !get("/v1/payments/providers").body().contains("sandbox"));
                sandbox.start();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> get("/v1/payments/providers").body().contains("sandbox"));
            }
            poller.close();
            failures = poller.failures();
            assertTrue("the poller kept asking: " + poller.requests(), poller.requests() > 20);
        }
        assertEquals("failed requests while the provider came and went", List.of(), failures);
        try {
            sandbox.stop();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !get("/v1/payments/providers").body().contains("sandbox"));
            assertProblem(
                    call(
                            "POST",
                            "/v1/payments",
                            c[0],
                            Map.of("caseId", c[1]),
                            "Idempotency-Key",
                            UUID.randomUUID().toString()),
                    503);
            // other areas answer meanwhile, and no platform bundle was touched
            assertEquals(200, call("GET", "/v1/cases/" + c[1], c[0], null).statusCode());
        } finally {
            sandbox.start();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> get("/v1/payments/providers").body().contains("sandbox"));
        assertEquals(
                201,
                call(
                                "POST",
                                "/v1/payments",
                                c[0],
                                Map.of("caseId", c[1]),
                                "Idempotency-Key",
                                UUID.randomUUID().toString())
                        .statusCode());
        assertEquals(before, platformBundlesBut(sandbox));
    }

    /** Every platform bundle's id, state and last update, except the one that comes and goes. */
    private Map<Long, String> platformBundlesBut(org.osgi.framework.Bundle provider) {
        Map<Long, String> bundles = new java.util.TreeMap<>();
        for (org.osgi.framework.Bundle b : context.getBundles()) {
            if (b.getBundleId() != provider.getBundleId() && PlatformSnapshot.isPlatform(b)) {
                bundles.put(b.getBundleId(), b.getSymbolicName() + " " + b.getState() + " " + b.getLastModified());
            }
        }
        return bundles;
    }

    private static HttpResponse<String> notification(String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api("/v1/payments/callbacks/sandbox"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Sandbox-Signature", signature);
        }
        return send(request.build());
    }

    private static String signature(String body, String secret, Instant at) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String t = Long.toString(at.getEpochSecond());
            return "t=" + t + ",v1="
                    + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertEquals(response.body(), status, response.statusCode());
        assertEquals(
                response.body(),
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""));
    }
}
