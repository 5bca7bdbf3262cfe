package org.amtsgang.itests;

import static org.amtsgang.itests.Api.call;
import static org.amtsgang.itests.Api.json;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Applications from the citizen's couch to the official's decision, through the HTTP API of the
 * running platform: lifecycle, a person deciding, four-eyes, office hooks, the notice as PDF,
 * notifications by Postfach and real SMTP, the audit trail, and who may see what.
 */
public class CasesIT extends PlatformTestSupport {

    private static final String HUNDESTEUER = "steueramt-hundesteuer-anmeldung";
    private static final String MELDEBESCHEINIGUNG = "buergeramt-meldebescheinigung";
    private static final Duration OUTBOX = Duration.ofSeconds(30);

    @Inject
    private SessionFactory sessions;

    @Inject
    private ConfigurationAdmin configurations;

    @Test
    public void aCitizenAppliesAndAPersonOfTheOfficeDecides() throws Exception {
        String anna = Api.token(Api.ANNA);
        String staff = Api.token(Api.CASEWORKER_STEUERAMT);
        String key = UUID.randomUUID().toString();

        HttpResponse<String> created = apply(anna, key, hund("Bello"));
        assertEquals(created.body(), 201, created.statusCode());
        JsonNode c = json(created);
        String id = c.get("id").asText();
        assertEquals("SUBMITTED", c.get("status").asText());
        assertEquals("Bello", c.at("/formData/hund/name").asText());
        assertFalse("due date from the statutory deadline", c.get("dueDate").isNull());
        assertTrue(created.headers().firstValue("Location").orElseThrow().endsWith("/cases/" + id));

        // the office finds it in its inbox, claims it, asks, gets an answer and decides
        JsonNode inbox = json(call(
                "GET",
                "/v1/offices/steueramt/cases?status=SUBMITTED&service=" + HUNDESTEUER + "&size=200",
                staff,
                null));
        assertTrue(inbox.toString(), ids(inbox).contains(id));
        JsonNode claimed = ok(call("POST", staffPath("steueramt", id) + "/assign", staff, Map.of()));
        assertEquals("IN_REVIEW", claimed.get("status").asText());
        String me = json(call("GET", "/v1/me", staff, null)).at("/account/id").asText();
        assertEquals(me, claimed.get("assignee").asText());
        assertTrue(ids(json(call("GET", "/v1/offices/steueramt/cases?assignee=" + me + "&size=200", staff, null)))
                .contains(id));

        ok(call(
                "POST",
                staffPath("steueramt", id) + "/information-request",
                staff,
                Map.of("message", "Bitte reichen Sie die Chipnummer nach.")));
        JsonNode answered = ok(call(
                "POST",
                "/v1/cases/" + id + "/answer",
                anna,
                Map.of(
                        "message",
                        "Chipnummer ergänzt.",
                        "formData",
                        Map.of(
                                "hund",
                                Map.of(
                                        "name",
                                        "Bello",
                                        "rasse",
                                        "Dackel",
                                        "geburtsjahr",
                                        2020,
                                        "chipnummer",
                                        "276098106543210"),
                                "haltungSeit",
                                "2026-10-01"))));
        assertEquals("IN_REVIEW", answered.get("status").asText());
        assertEquals("276098106543210", answered.at("/formData/hund/chipnummer").asText());

        HttpResponse<String> noReason =
                call("POST", staffPath("steueramt", id) + "/decision", staff, Map.of("decision", "APPROVE"));
        assertProblem(noReason, 400, "reason");
        JsonNode decided = ok(call(
                "POST",
                staffPath("steueramt", id) + "/decision",
                staff,
                Map.of("decision", "APPROVE", "reason", "Alle Angaben vollständig; der Hund ist angemeldet.")));
        assertEquals("APPROVED", decided.get("status").asText());
        assertEquals(me, decided.at("/decision/decidedBy").asText());

        // the citizen downloads the Bescheid; it is a PDF with the case's reference
        HttpResponse<byte[]> notice = Api.download("/v1/cases/" + id + "/notice", anna);
        assertEquals(200, notice.statusCode());
        assertEquals(
                "application/pdf", notice.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(new String(notice.body(), 0, 5, StandardCharsets.US_ASCII).startsWith("%PDF-"));
        assertTrue(
                notice.headers().firstValue("Content-Disposition").orElseThrow().contains(id));
        assertEquals(
                200, Api.download(staffPath("steueramt", id) + "/notice", staff).statusCode());
        // the Bescheid is a document too: the applicant's, of the case, issued by the office
        JsonNode noticeFile = null;
        for (JsonNode f : json(call("GET", "/v1/cases/" + id + "/files", anna, null))) {
            if (f.get("kind").asText().equals("NOTICE")) {
                noticeFile = f;
            }
        }
        assertNotNull(noticeFile);
        JsonNode bescheid =
                ok(call("GET", "/v1/documents/" + noticeFile.get("documentId").asText(), anna, null));
        assertEquals("BESCHEID", bescheid.get("type").asText());
        assertEquals(id, bescheid.get("caseId").asText());
        // issued by the city: the applicant sees the case area as its author, not the official
        assertEquals("platform:cases", bescheid.get("createdBy").asText());
        // and nobody changes it, not even the office
        assertEquals(
                409,
                Api.upload(
                                "/v1/documents/" + bescheid.get("id").asText() + "/versions?fileName=x.pdf",
                                staff,
                                notice.body(),
                                "application/pdf")
                        .statusCode());

        // the history shows every step; the applicant sees the office, not who in it
        JsonNode history = json(call("GET", "/v1/cases/" + id + "/history", anna, null));
        List<String> actions = new ArrayList<>();
        history.forEach(h -> actions.add(h.get("action").asText()));
        assertEquals(List.of("SUBMITTED", "ASSIGNED", "INFORMATION_REQUESTED", "ANSWERED", "DECIDED"), actions);
        assertFalse(history.toString(), history.toString().contains(me));
        assertTrue(json(call("GET", staffPath("steueramt", id) + "/history", staff, null))
                .toString()
                .contains(me));

        // every status change reaches the Postfach and the citizen's mailbox over SMTP, once
        await("Postfach").atMost(OUTBOX).until(() -> postfachAbout(anna, id) >= 5);
        await("mail").atMost(OUTBOX).until(() -> mailsAbout(Api.ANNA, id) >= 5);
        List<String> mails =
                Mailbox.texts(Api.ANNA).stream().filter(t -> t.contains(id)).toList();
        assertTrue(mails.toString(), mails.stream().anyMatch(t -> t.contains("bewilligt")));
        ok(call("POST", staffPath("steueramt", id) + "/close", staff, null));
        await("all steps out").atMost(OUTBOX).until(() -> postfachAbout(anna, id) == 6);
        await("all mails out").atMost(OUTBOX).until(() -> mailsAbout(Api.ANNA, id) == 6);
        Thread.sleep(1000); // nothing more may arrive: each message exactly once
        assertEquals(6, postfachAbout(anna, id));
        assertEquals(6, mailsAbout(Api.ANNA, id));

        // and the audit trail has every change, its chain intact
        await("audited").atMost(OUTBOX).until(() -> auditRows(id) == 6);
        String verified = Console.execute(sessions, "amtsgang:audit-verify");
        assertTrue(verified, verified.contains("Audit trail intact"));
    }

    @Test
    public void theSameIdempotencyKeyGivesTheSameCaseEvenInParallel() throws Exception {
        String anna = Api.token(Api.ANNA);
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> apply(anna, key, hund("Parallel")));
            }
            Set<String> ids = new HashSet<>();
            int createdOnce = 0;
            for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
                HttpResponse<String> r = f.get();
                assertTrue(r.body(), r.statusCode() == 201 || r.statusCode() == 200);
                if (r.statusCode() == 201) {
                    createdOnce++;
                } else {
                    assertEquals(
                            "true",
                            r.headers().firstValue("Idempotent-Replayed").orElse(null));
                }
                ids.add(json(r).get("id").asText());
            }
            assertEquals(1, createdOnce);
            assertEquals(ids.toString(), 1, ids.size());
        } finally {
            pool.shutdownNow();
        }
        // the same key with another application is refused, not silently answered with the old case
        assertProblem(apply(anna, key, hund("Anders")), 422, "Idempotency-Key");
        // another citizen's key space is their own
        assertEquals(201, apply(Api.token(Api.BEN), key, hund("Parallel")).statusCode());
    }

    @Test
    public void everyFormErrorIsListedWithItsPointerInGermanAndEnglish() {
        String anna = Api.token(Api.ANNA);
        HttpResponse<String> invalid = apply(
                anna,
                UUID.randomUUID().toString(),
                Map.of("hund", Map.of("name", "", "geburtsjahr", "neunzehn"), "farbe", "braun"));
        assertProblem(invalid, 422, "problems");
        JsonNode errors = json(invalid).get("errors");
        Set<String> pointers = new HashSet<>();
        errors.forEach(e -> {
            pointers.add(e.get("pointer").asText());
            assertFalse(e.toString(), e.get("de").asText().isBlank());
            assertFalse(e.toString(), e.get("en").asText().isBlank());
            assertNotEquals(e.toString(), e.get("de").asText(), e.get("en").asText());
        });
        for (String expected : List.of("/hund/name", "/hund/geburtsjahr", "/hund/rasse", "/haltungSeit")) {
            assertTrue(expected + " in " + pointers, pointers.contains(expected));
        }
        // nothing half-written: the refused application left no case behind
        assertFalse(
                json(call("GET", "/v1/cases?size=100", anna, null)).toString().contains("neunzehn"));

        assertProblem(call("POST", "/v1/cases", anna, "{\"serviceId\": "), 400, "");
        assertProblem(call("POST", "/v1/cases", anna, Map.of("serviceId", "gibt-es-nicht", "submit", true)), 404, "");
        String huge = "x".repeat(40_000);
        assertProblem(
                call(
                        "POST",
                        "/v1/cases",
                        anna,
                        Map.of("serviceId", HUNDESTEUER, "formData", Map.of("notiz", huge), "submit", true)),
                413,
                "");
    }

    @Test
    public void aDraftIsEditedWithItsVersionAttachedToAndWithdrawn() {
        String anna = Api.token(Api.ANNA);
        HttpResponse<String> created = call(
                "POST",
                "/v1/cases",
                anna,
                Map.of("serviceId", HUNDESTEUER, "formData", Map.of("hund", Map.of("name", "Rex"))),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertEquals(created.body(), 201, created.statusCode());
        JsonNode draft = json(created);
        String id = draft.get("id").asText();
        assertEquals("DRAFT", draft.get("status").asText());
        String staff = Api.token(Api.CASEWORKER_STEUERAMT);
        assertEquals(
                "drafts are the applicant's alone",
                404,
                call("GET", staffPath("steueramt", id), staff, null).statusCode());

        Map<String, Object> form = Map.of(
                "hund", Map.of("name", "Rex", "rasse", "Pudel", "geburtsjahr", 2019), "haltungSeit", "2026-09-01");
        assertProblem(call("PUT", "/v1/cases/" + id, anna, Map.of("formData", form)), 428, "version");
        assertProblem(call("PUT", "/v1/cases/" + id, anna, Map.of("formData", form), "If-Match", "\"99\""), 409, "");
        HttpResponse<String> saved = call(
                "PUT",
                "/v1/cases/" + id,
                anna,
                Map.of("formData", form),
                "If-Match",
                created.headers().firstValue("ETag").orElseThrow());
        assertEquals(saved.body(), 200, saved.statusCode());

        byte[] pdf = onePagePdf();
        HttpResponse<String> attached =
                Api.upload("/v1/cases/" + id + "/files?name=Impfausweis%20B%C3%A4ri.pdf", anna, pdf, "application/pdf");
        assertEquals(attached.body(), 201, attached.statusCode());
        String fileId = json(attached).get("id").asText();
        assertEquals("Impfausweis Bäri.pdf", json(attached).get("fileName").asText());
        assertProblem(
                Api.upload(
                        "/v1/cases/" + id + "/files?name=x.pdf",
                        anna,
                        "MZ\u0090 kein PDF".getBytes(),
                        "application/pdf"),
                400,
                "");
        HttpResponse<byte[]> back = Api.download("/v1/cases/" + id + "/files/" + fileId, anna);
        assertEquals(200, back.statusCode());
        assertArrayEquals(pdf, back.body());
        String ben = Api.token(Api.BEN);
        assertEquals(
                404, Api.download("/v1/cases/" + id + "/files/" + fileId, ben).statusCode());

        // a draft is Anna's alone: its files are no documents the office could read yet
        assertFalse(attached.body(), json(attached).path("documentId").isTextual());
        assertEquals(
                0,
                json(call("GET", "/v1/documents?case=" + id, staff, null))
                        .get("total")
                        .asInt());
        HttpResponse<String> second =
                Api.upload("/v1/cases/" + id + "/files?name=Zweitschrift.pdf", anna, pdf, "application/pdf");
        assertEquals(second.body(), 201, second.statusCode());
        assertEquals(
                204,
                call(
                                "DELETE",
                                "/v1/cases/" + id + "/files/"
                                        + json(second).get("id").asText(),
                                anna,
                                null)
                        .statusCode());
        assertEquals(
                1, json(call("GET", "/v1/cases/" + id + "/files", anna, null)).size());

        assertEquals(
                "SUBMITTED",
                ok(call("POST", "/v1/cases/" + id + "/submit", anna, null))
                        .get("status")
                        .asText());
        assertProblem(call("POST", "/v1/cases/" + id + "/submit", anna, null), 409, "");
        // handed in, its files live in the document service: Anna's documents, of the case, of the office
        String documentId = json(call("GET", "/v1/cases/" + id + "/files", anna, null))
                .get(0)
                .get("documentId")
                .asText();
        JsonNode document = ok(call("GET", "/v1/documents/" + documentId, anna, null));
        assertEquals("ATTACHMENT", document.get("type").asText());
        assertEquals(id, document.get("caseId").asText());
        assertEquals("steueramt", document.get("officeId").asText());
        assertEquals(
                200, call("GET", "/v1/documents/" + documentId, staff, null).statusCode());
        assertEquals(404, call("GET", "/v1/documents/" + documentId, ben, null).statusCode());
        // what the application was handed in with stays as it was
        assertEquals(
                409,
                Api.upload(
                                "/v1/documents/" + documentId + "/versions?fileName=anders.pdf",
                                anna,
                                pdf,
                                "application/pdf")
                        .statusCode());
        assertArrayEquals(
                pdf, Api.download("/v1/cases/" + id + "/files/" + fileId, anna).body());
        assertEquals(
                "WITHDRAWN",
                ok(call("POST", "/v1/cases/" + id + "/withdraw", anna, Map.of("reason", "Doch nicht.")))
                        .get("status")
                        .asText());
        // after withdrawal nothing is decided any more
        ok(call("POST", staffPath("steueramt", id) + "/close", staff, null));
        assertProblem(
                call(
                        "POST",
                        staffPath("steueramt", id) + "/decision",
                        staff,
                        Map.of("decision", "APPROVE", "reason", "zu spät")),
                409,
                "");
        assertProblem(call("POST", "/v1/cases/" + id + "/withdraw", anna, Map.of()), 409, "");
    }

    @Test
    public void nobodySeesOrTouchesWhatIsNotTheirs() {
        String anna = Api.token(Api.ANNA);
        String ben = Api.token(Api.BEN);
        String steueramt = Api.token(Api.CASEWORKER_STEUERAMT);
        String buergeramt = Api.token(Api.CASEWORKER_BUERGERAMT);
        String operator = Api.token(Api.OPERATOR);
        String id = json(apply(anna, UUID.randomUUID().toString(), hund("Fremd")))
                .get("id")
                .asText();

        // another citizen: every endpoint of the case answers as if it did not exist
        Map<String, Map<String, Object>> bodies = Map.of(
                "PUT", Map.of("formData", Map.of(), "version", 1),
                "/withdraw", Map.of("reason", "x"),
                "/answer", Map.of("message", "x"));
        for (String[] op : new String[][] {
            {"GET", ""}, {"PUT", ""}, {"POST", "/submit"}, {"POST", "/withdraw"}, {"POST", "/answer"},
            {"GET", "/history"}, {"GET", "/files"}, {"GET", "/files/x"}, {"DELETE", "/files/x"}, {"GET", "/notice"}
        }) {
            Object b = op[0].equals("PUT") ? bodies.get("PUT") : bodies.get(op[1]);
            HttpResponse<String> r = call(op[0], "/v1/cases/" + id + op[1], ben, b);
            assertEquals(op[0] + " " + op[1] + ": " + r.body(), 404, r.statusCode());
        }
        assertFalse(
                json(call("GET", "/v1/cases?size=100", ben, null)).toString().contains(id));

        String[][] staffOps = {
            {"GET", ""},
            {"POST", "/assign"},
            {"POST", "/information-request"},
            {"POST", "/decision"},
            {"POST", "/decision/confirmation"},
            {"POST", "/close"},
            {"GET", "/history"},
            {"GET", "/recommendations"},
            {"GET", "/files"},
            {"GET", "/notice"}
        };
        Map<String, Map<String, Object>> staffBodies = Map.of(
                "/assign", Map.of(),
                "/information-request", Map.of("message", "x"),
                "/decision", Map.of("decision", "APPROVE", "reason", "x"));
        for (String[] op : staffOps) {
            Object b = staffBodies.get(op[1]);
            // staff of another office, through their own office's path: not found
            HttpResponse<String> other = call(op[0], staffPath("buergeramt", id) + op[1], buergeramt, b);
            assertEquals(op[1] + ": " + other.body(), 404, other.statusCode());
            // ... and through the case's office path: not theirs
            assertEquals(
                    403,
                    call(op[0], staffPath("steueramt", id) + op[1], buergeramt, b)
                            .statusCode());
            // the applicant and the operator never act as the office
            assertEquals(
                    403,
                    call(op[0], staffPath("steueramt", id) + op[1], anna, b).statusCode());
            assertEquals(
                    403,
                    call(op[0], staffPath("steueramt", id) + op[1], operator, b).statusCode());
        }
        assertFalse(json(call("GET", "/v1/offices/buergeramt/cases?size=200", buergeramt, null))
                .toString()
                .contains(id));
        assertEquals(
                "still untouched",
                "SUBMITTED",
                ok(call("GET", staffPath("steueramt", id), steueramt, null))
                        .get("status")
                        .asText());
    }

    @Test
    public void underTheFourEyesRuleASecondPersonConfirmsAndTheOfficeHooksHelp() throws Exception {
        Configuration cases = configurations.getConfiguration("org.amtsgang.cases", "?");
        Dictionary<String, Object> before = cases.getProperties();
        Dictionary<String, Object> fourEyes = new Hashtable<>();
        if (before != null) {
            for (Enumeration<String> keys = before.keys(); keys.hasMoreElements(); ) {
                String k = keys.nextElement();
                fourEyes.put(k, before.get(k));
            }
        }
        fourEyes.put("fourEyesServices", new String[] {MELDEBESCHEINIGUNG});
        cases.update(fourEyes);
        Thread.sleep(1000); // the component takes the new configuration asynchronously
        try {
            String citizen = Federation.login("buerger-" + UUID.randomUUID(), "high")
                    .get("accessToken")
                    .asText();
            String caseworker = Api.token(Api.CASEWORKER_BUERGERAMT);
            String lead = Api.token(Api.LEAD_BUERGERAMT);

            // the office's own rule, beyond the schema: several copies only by post
            HttpResponse<String> refused = call(
                    "POST",
                    "/v1/cases",
                    citizen,
                    Map.of(
                            "serviceId",
                            MELDEBESCHEINIGUNG,
                            "submit",
                            true,
                            "formData",
                            Map.of("art", "erweitert", "zustellung", "download", "anzahl", 2)));
            assertProblem(refused, 422, "");
            assertEquals("/anzahl", json(refused).at("/errors/0/pointer").asText());

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
            String id = json(created).get("id").asText();
            // the Meldebescheinigung is paid first: the office sees it once the fee arrived
            assertEquals("AWAITING_PAYMENT", json(created).get("status").asText());
            PaymentIT.pay(citizen, id, "success");
            await().atMost(Duration.ofSeconds(30)).until(() -> "IN_REVIEW"
                    .equals(json(call("GET", "/v1/cases/" + id, citizen, null))
                            .get("status")
                            .asText()));

            JsonNode recommendations =
                    json(call("GET", staffPath("buergeramt", id) + "/recommendations", caseworker, null));
            assertEquals("APPROVE", recommendations.at("/0/suggests").asText());
            assertEquals(
                    "a recommendation is never a decision",
                    "IN_REVIEW",
                    ok(call("GET", staffPath("buergeramt", id), caseworker, null))
                            .get("status")
                            .asText());

            ok(call("POST", staffPath("buergeramt", id) + "/assign", caseworker, Map.of()));
            JsonNode proposed = ok(call(
                    "POST",
                    staffPath("buergeramt", id) + "/decision",
                    caseworker,
                    Map.of("decision", "APPROVE", "reason", "Meldedaten geprüft.")));
            assertEquals(
                    "waits for the second pair of eyes",
                    "IN_REVIEW",
                    proposed.get("status").asText());
            assertTrue(proposed.at("/decision/confirmedBy").isNull()
                    || proposed.at("/decision/confirmedBy").isMissingNode());
            assertEquals(
                    404, Api.download("/v1/cases/" + id + "/notice", citizen).statusCode());

            assertProblem(
                    call("POST", staffPath("buergeramt", id) + "/decision/confirmation", caseworker, null),
                    409,
                    "four-eyes");
            JsonNode confirmed = ok(call("POST", staffPath("buergeramt", id) + "/decision/confirmation", lead, null));
            assertEquals("APPROVED", confirmed.get("status").asText());
            assertNotEquals(
                    confirmed.at("/decision/decidedBy").asText(),
                    confirmed.at("/decision/confirmedBy").asText());

            HttpResponse<byte[]> certificate = Api.download("/v1/cases/" + id + "/notice", citizen);
            assertEquals(200, certificate.statusCode());
            assertTrue(new String(certificate.body(), 0, 5, StandardCharsets.US_ASCII).startsWith("%PDF-"));
        } finally {
            fourEyes.put("fourEyesServices", new String[0]);
            cases.update(fourEyes);
        }
    }

    @Test
    public void auditVerifyNamesTheFirstTamperedEntry() throws Exception {
        String anna = Api.token(Api.ANNA);
        String id = json(apply(anna, UUID.randomUUID().toString(), hund("Prüfling")))
                .get("id")
                .asText();
        await("audited").atMost(OUTBOX).until(() -> auditRows(id) == 1);
        long seq = Long.parseLong(sql("SELECT SEQ FROM AUDIT_ENTRY WHERE SUBJECT = '" + id + "'"));
        String reason = sql("SELECT COALESCE(REASON, '') FROM AUDIT_ENTRY WHERE SEQ = " + seq);
        update("UPDATE AUDIT_ENTRY SET REASON = 'nachträglich geändert' WHERE SEQ = " + seq);
        try {
            Exception broken = null;
            try {
                Console.execute(sessions, "amtsgang:audit-verify");
            } catch (Exception e) {
                broken = e;
            }
            assertTrue("a broken chain fails the command", broken != null);
            assertTrue(broken.getMessage(), broken.getMessage().contains("BROKEN at entry " + seq));
        } finally {
            update("UPDATE AUDIT_ENTRY SET REASON = " + (reason.isEmpty() ? "NULL" : "'" + reason + "'")
                    + " WHERE SEQ = " + seq);
        }
        assertTrue(Console.execute(sessions, "amtsgang:audit-verify").contains("intact"));
    }

    // --- helpers

    private static HttpResponse<String> apply(String token, String key, Map<String, Object> form) {
        return call(
                "POST",
                "/v1/cases",
                token,
                Map.of("serviceId", HUNDESTEUER, "formData", form, "submit", true),
                "Idempotency-Key",
                key);
    }

    private static Map<String, Object> hund(String name) {
        return Map.of(
                "hund", Map.of("name", name, "rasse", "Dackel", "geburtsjahr", 2020), "haltungSeit", "2026-10-01");
    }

    private static String staffPath(String office, String id) {
        return "/v1/offices/" + office + "/cases/" + id;
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertEquals(response.body(), 200, response.statusCode());
        return json(response);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detailContains) {
        assertEquals(response.body(), status, response.statusCode());
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""));
        String detail = json(response).get("detail").asText();
        assertTrue(detail, detail.contains(detailContains));
    }

    private static Set<String> ids(JsonNode page) {
        Set<String> ids = new HashSet<>();
        page.get("items").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    private static long postfachAbout(String token, String caseId) {
        JsonNode page = json(call("GET", "/v1/postfach?size=100", token, null));
        long n = 0;
        for (JsonNode m : page.get("items")) {
            if (caseId.equals(m.get("reference").asText())) {
                n++;
            }
        }
        return n;
    }

    private static long mailsAbout(String recipient, String caseId) {
        return Mailbox.texts(recipient).stream().filter(t -> t.contains(caseId)).count();
    }

    private long auditRows(String caseId) throws Exception {
        return Long.parseLong(sql("SELECT COUNT(*) FROM AUDIT_ENTRY WHERE SUBJECT = '" + caseId + "'"));
    }

    private String sql(String query) throws Exception {
        var reference = context.getServiceReferences(javax.sql.DataSource.class, "(dataSourceName=amtsgang)")
                .iterator()
                .next();
        try (java.sql.Connection connection = context.getService(reference).getConnection();
                java.sql.ResultSet rs = connection.createStatement().executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        } finally {
            context.ungetService(reference);
        }
    }

    private void update(String statement) throws Exception {
        var reference = context.getServiceReferences(javax.sql.DataSource.class, "(dataSourceName=amtsgang)")
                .iterator()
                .next();
        try (java.sql.Connection connection = context.getService(reference).getConnection()) {
            connection.setAutoCommit(true);
            connection.createStatement().executeUpdate(statement);
        } finally {
            context.ungetService(reference);
        }
    }

    /**
     * A file attached while the document service is away stays with the case and is served from
     * there; once the service is back, the operator's move puts it into the document service.
     */
    @Test
    public void filesKeptWhileTheDocumentServiceWasAwayMoveIntoItLater() throws Exception {
        String anna = Api.token(Api.ANNA);
        HttpResponse<String> created = call(
                "POST",
                "/v1/cases",
                anna,
                Map.of(
                        "serviceId",
                        HUNDESTEUER,
                        "formData",
                        Map.of(
                                "hund",
                                Map.of("name", "Lumpi", "rasse", "Dackel", "geburtsjahr", 2021),
                                "haltungSeit",
                                "2026-08-01")),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertEquals(created.body(), 201, created.statusCode());
        String id = json(created).get("id").asText();
        byte[] pdf = onePagePdf();
        org.osgi.framework.Bundle documents = java.util.Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.amtsgang.document"))
                .findFirst()
                .orElseThrow();
        String fileId;
        try {
            documents.stop();
            // the API is rebuilt without the document area's resources: 503 meanwhile
            await("the case API without the document area")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> call("GET", "/v1/cases/" + id, anna, null).statusCode() == 200);
            HttpResponse<String> attached = pastRebuilds(
                    () -> Api.upload("/v1/cases/" + id + "/files?name=Nachweis.pdf", anna, pdf, "application/pdf"));
            assertEquals(attached.body(), 201, attached.statusCode());
            assertFalse(attached.body(), json(attached).path("documentId").isTextual());
            fileId = json(attached).get("id").asText();
            assertArrayEquals(
                    pdf,
                    pastRebuilds(() -> Api.download("/v1/cases/" + id + "/files/" + fileId, anna))
                            .body());
            // handed in while the document service is away: the case keeps the file
            assertEquals(
                    "SUBMITTED",
                    ok(pastRebuilds(() -> call("POST", "/v1/cases/" + id + "/submit", anna, null)))
                            .get("status")
                            .asText());
            assertFalse(json(pastRebuilds(() -> call("GET", "/v1/cases/" + id + "/files", anna, null)))
                    .get(0)
                    .path("documentId")
                    .isTextual());
        } finally {
            documents.start();
        }
        await("documents served again")
                .atMost(Duration.ofSeconds(60))
                .until(() -> call("GET", "/v1/documents", anna, null).statusCode() == 200);

        String moved = Console.execute(sessions, "amtsgang:cases-files-move");
        assertTrue(moved, moved.matches("(?s)[1-9]\\d* file\\(s\\) moved.*"));
        JsonNode file = null;
        for (JsonNode f : json(call("GET", "/v1/cases/" + id + "/files", anna, null))) {
            if (f.get("id").asText().equals(fileId)) {
                file = f;
            }
        }
        assertNotNull(file);
        assertTrue(file.toString(), file.path("documentId").isTextual());
        String documentId = file.get("documentId").asText();
        assertEquals(200, call("GET", "/v1/documents/" + documentId, anna, null).statusCode());
        assertArrayEquals(
                pdf, Api.download("/v1/cases/" + id + "/files/" + fileId, anna).body());
        assertTrue(Console.execute(sessions, "amtsgang:cases-files-move").startsWith("0 file(s) moved"));
    }

    /**
     * The answer once the API is not being rebuilt: while a bundle's resources leave, each rebuild
     * turns requests away with 503 before they do anything, so asking again is safe.
     */
    private static <T> HttpResponse<T> pastRebuilds(java.util.function.Supplier<HttpResponse<T>> request)
            throws InterruptedException {
        HttpResponse<T> answer = request.get();
        for (int i = 0; i < 60 && answer.statusCode() == 503; i++) {
            Thread.sleep(500);
            answer = request.get();
        }
        return answer;
    }

    /** A small but well-formed one-page PDF, as an office can open it. */
    static byte[] onePagePdf() {
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"
        };
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.length; i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        offsets.forEach(o -> pdf.append(String.format("%010d 00000 n \n", o)));
        pdf.append("trailer\n<< /Size ")
                .append(objects.length + 1)
                .append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
