package org.amtsgang.itests;

import static org.amtsgang.itests.Api.call;
import static org.amtsgang.itests.Api.json;
import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;

/**
 * Documents end to end on the real distribution: upload and streamed download, real OCR with
 * Tesseract on a German page generated here, Lucene search that shows each caller only what they
 * may read, a grant, bad uploads answered with problem+json and nothing left behind, and a Bauakten
 * import over REST and at the console that never imports a file twice.
 */
public class DocumentIT extends PlatformTestSupport {

    @Inject
    private SessionFactory sessions;

    @Test
    public void aScannedPageIsStoredReadSearchedAndOnlyShownToThoseWhoMay() throws Exception {
        String clerk = Api.token(Api.CASEWORKER_BAUAUFSICHT);
        String aktenzeichen = "BA-IT-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode doc = create(clerk, aktenzeichen, "Schloßstraße 12");
        String id = doc.get("id").asText();
        byte[] page = png(page(
                "Baugenehmigung für das Wohnhaus", "Schloßstraße 12 in Mülheim an der Ruhr", "Bauschein Nummer 4711"));

        HttpResponse<String> uploaded = Api.upload(
                "/v1/documents/" + id + "/versions?fileName=seite1.png", clerk, page, "application/octet-stream");
        assertEquals(uploaded.body(), 201, uploaded.statusCode());
        assertEquals("image/png", json(uploaded).get("contentType").asText());
        assertEquals(sha256(page), json(uploaded).get("sha256").asText());

        HttpResponse<byte[]> download = Api.download("/v1/documents/" + id + "/versions/latest/content", clerk);
        assertEquals(200, download.statusCode());
        assertArrayEquals(page, download.body());
        assertEquals(
                "\"" + sha256(page) + "\"",
                download.headers().firstValue("ETag").orElse(""));
        assertEquals(
                "nosniff",
                download.headers().firstValue("X-Content-Type-Options").orElse(""));

        // real OCR, off the request path
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "DONE"
                        .equals(json(call("GET", "/v1/documents/" + id + "/versions", clerk, null))
                                .get(0)
                                .get("ocr")
                                .asText()));
        HttpResponse<byte[]> text = Api.download("/v1/documents/" + id + "/versions/1/ocr-text", clerk);
        String recognised = new String(text.body(), StandardCharsets.UTF_8);
        assertTrue(recognised, recognised.contains("Baugenehmigung") && recognised.contains("4711"));

        // search, German stemming and fields, only for readers
        await().atMost(Duration.ofSeconds(30)).until(() -> total(clerk, "q=Wohnh%C3%A4user") > 0);
        JsonNode hits = search(clerk, "q=baugenehmigung&aktenzeichen=" + aktenzeichen);
        assertEquals(hits.toString(), 1, hits.get("total").asInt());
        assertEquals(id, hits.get("items").get(0).get("documentId").asText());
        assertEquals(1, hits.get("items").get(0).get("page").asInt());
        assertEquals(
                1,
                total(
                        clerk,
                        "address=" + URLEncoder.encode("schlossstrasse 12", StandardCharsets.UTF_8) + "&aktenzeichen="
                                + aktenzeichen));
        String anna = Api.token(Api.ANNA);
        String buergeramt = Api.token(Api.CASEWORKER_BUERGERAMT);
        assertEquals(0, total(anna, "aktenzeichen=" + aktenzeichen));
        assertEquals(0, total(buergeramt, "aktenzeichen=" + aktenzeichen));
        for (String stranger : new String[] {anna, buergeramt}) {
            assertProblem(call("GET", "/v1/documents/" + id, stranger, null), 404, "No document");
            HttpResponse<byte[]> refused = Api.download("/v1/documents/" + id + "/versions/1/content", stranger);
            assertEquals(404, refused.statusCode());
        }

        // a grant lets Anna read it (and find it) for a while
        String annaSubject = Api.login(Api.ANNA).get("subject").asText();
        HttpResponse<String> granted = call(
                "POST",
                "/v1/documents/" + id + "/grants",
                clerk,
                Map.of(
                        "subject",
                        annaSubject,
                        "until",
                        Instant.now().plus(Duration.ofDays(30)).toString(),
                        "reason",
                        "Bauakteneinsicht genehmigt"));
        assertEquals(granted.body(), 201, granted.statusCode());
        assertEquals(200, call("GET", "/v1/documents/" + id, anna, null).statusCode());
        assertEquals(1, total(anna, "aktenzeichen=" + aktenzeichen));

        // staff of the office see who holds access, and end it at once with a reason
        String grants = "/v1/documents/" + id + "/grants";
        HttpResponse<String> holders = call("GET", grants, clerk, null);
        assertEquals(holders.body(), 200, holders.statusCode());
        assertEquals(annaSubject, json(holders).get(0).get("subject").asText());
        assertProblem(call("GET", grants, buergeramt, null), 404, "No document");
        String revocation = grants + "/" + annaSubject + "/revocation";
        assertProblem(call("POST", revocation, clerk, Map.of("reason", " ")), 400, "reason");
        assertProblem(call("POST", revocation, anna, Map.of("reason", "selbst")), 403, "");
        assertEquals(
                204,
                call("POST", revocation, clerk, Map.of("reason", "Vollmacht widerrufen"))
                        .statusCode());
        assertProblem(call("GET", "/v1/documents/" + id, anna, null), 404, "No document");
        assertEquals(0, total(anna, "aktenzeichen=" + aktenzeichen));
        assertEquals("[]", call("GET", grants, clerk, null).body().strip());
        assertProblem(call("POST", revocation, clerk, Map.of("reason", "nochmal")), 404, "holds no access");
    }

    @Test
    public void badUploadsGetProblemsAndLeaveNothingBehind() throws Exception {
        String clerk = Api.token(Api.CASEWORKER_BAUAUFSICHT);
        String id = create(clerk, "BA-BAD-" + UUID.randomUUID().toString().substring(0, 8), "Am Rathaus 1")
                .get("id")
                .asText();
        String versions = "/v1/documents/" + id + "/versions";

        assertProblem(
                Api.upload(versions, clerk, "#!/bin/sh\necho hi\n".getBytes(), "application/pdf"), 415, "Only PDF");
        assertProblem(Api.upload(versions, clerk, pngBomb(), "image/png"), 413, "decompression bomb");
        assertProblem(Api.upload(versions, clerk, "%PDF-1.7 kaputt".getBytes(), "application/pdf"), 400, "PDF");
        assertProblem(Api.upload(versions, clerk, new byte[0], "image/png"), 400, "empty");
        assertProblem(
                Api.upload("/v1/documents/D0000000000000000000000/versions", clerk, png(page("x")), "image/png"),
                404,
                "No document");
        assertProblem(call("POST", "/v1/documents", clerk, "{\"title\": "), 400, "");
        assertProblem(
                call(
                        "POST",
                        "/v1/documents",
                        clerk,
                        Map.of(
                                "title",
                                "T",
                                "type",
                                "BAUAKTE",
                                "officeId",
                                "bauaufsicht",
                                "confidentiality",
                                "GEHEIM")),
                400,
                "confidentiality");
        assertProblem(
                call("POST", "/v1/documents", clerk, Map.of("title", "T", "type", "BAUAKTE", "officeId", "buergeramt")),
                403,
                "buergeramt");
        assertProblem(call("GET", "/v1/documents/search?q=" + "x".repeat(600), clerk, null), 400, "q:");
        assertProblem(
                call(
                        "POST",
                        "/v1/documents",
                        clerk,
                        "{\"title\":\"T\",\"type\":\"BAUAKTE\",\"officeId\":\"bauaufsicht\","
                                + "\"fields\":{\"flur\":null}}"),
                400,
                "fields");

        byte[] first = png(page("Erste Fassung"));
        assertEquals(
                201,
                Api.upload(versions + "?fileName=..%2F..%2Fetc%2Fpasswd", clerk, first, "image/png")
                        .statusCode());
        JsonNode listed = json(call("GET", versions, clerk, null));
        assertEquals("passwd.png", listed.get(0).get("fileName").asText());
        HttpResponse<String> stale =
                PlatformTestSupport.send(java.net.http.HttpRequest.newBuilder(PlatformTestSupport.api(versions))
                        .header("Authorization", "Bearer " + clerk)
                        .header("If-Match", "\"0\"")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(png(page("Zweite"))))
                        .build());
        assertProblem(stale, 412, "latest version is 1");
        assertEquals(1, json(call("GET", versions, clerk, null)).size());

        Path data = Paths.get(System.getProperty("karaf.data"), "amtsgang", "documents", "tmp");
        try (Stream<Path> left = Files.list(data)) {
            assertEquals(
                    "temporary files left behind",
                    0,
                    left.filter(p -> p.getFileName().toString().startsWith("upload-"))
                            .count());
        }
    }

    @Test
    public void bauaktenAreImportedOnceOverRestAndAtTheConsole() throws Exception {
        String clerk = Api.token(Api.CASEWORKER_BAUAUFSICHT);
        String name = "lieferung-" + UUID.randomUUID().toString().substring(0, 8);
        Path folder = Paths.get(System.getProperty("karaf.data"), "amtsgang", "import", name);
        Files.createDirectories(folder);
        Files.write(folder.resolve("akte1.tif"), tiff(page("Bauschein 1958 Kaiserstraße")));
        Files.write(folder.resolve("akte2.tif"), tiff(page("Thermopapier Rohbauabnahme")));
        String az = "BA-IMP-" + name.substring(10);
        Files.writeString(
                folder.resolve("metadata.csv"),
                "datei;aktenzeichen;adresse;gemarkung;flur;flurstueck;jahr;papier;zustand;gescannt_von;geraet;gescannt_am\n"
                        + "akte1.tif;" + az
                        + "-1;Kaiserstraße 3;Saarn;7;88;1958;normal;gut;Scanbüro;OS 12000;2026-11-02T09:30\n"
                        + "akte2.tif;" + az
                        + "-2;Kaiserstraße 3;Saarn;7;88;1987;thermo;verblasst;Scanbüro;OS 12000;2026-11-02\n",
                StandardCharsets.UTF_8);

        HttpResponse<String> started = call("POST", "/v1/documents/imports", clerk, Map.of("folder", name));
        assertEquals(started.body(), 202, started.statusCode());
        String job = json(started).get("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE"
                .equals(json(call("GET", "/v1/documents/imports/" + job, clerk, null))
                        .get("state")
                        .asText()));
        JsonNode done = json(call("GET", "/v1/documents/imports/" + job, clerk, null));
        assertEquals(done.toString(), 2, done.get("imported").asInt());
        assertEquals(2, done.get("pages").asInt());
        // the index follows its outbox a moment after the import's commit
        String byParcel = "aktenzeichen=" + az + "-2&gemarkung=saarn&flur=7&flurstueck=88&year=1987";
        await().atMost(Duration.ofSeconds(30)).until(() -> total(clerk, byParcel) > 0);
        assertEquals(1, total(clerk, byParcel));

        String again = Console.execute(sessions, "amtsgang:bauakten-import " + folder);
        assertTrue(again, again.contains("0 files imported") && again.contains("2 imported before"));
        assertProblem(
                call("POST", "/v1/documents/imports", Api.token(Api.CASEWORKER_BUERGERAMT), Map.of("folder", name)),
                403,
                "bauaufsicht");
        assertProblem(call("POST", "/v1/documents/imports", clerk, Map.of("folder", "../../etc")), 400, "folder");

        String reindexed = Console.execute(sessions, "amtsgang:documents-reindex");
        assertTrue(reindexed, reindexed.contains("Search index rebuilt"));
        String retried = Console.execute(sessions, "amtsgang:documents-ocr-retry");
        assertTrue(retried, retried.contains("No version with failed OCR"));
    }

    @Test
    public void anApprovedInspectionLetsTheApplicantReadTheBauakteAsAWatermarkedCopy() throws Exception {
        String clerk = Api.token(Api.CASEWORKER_BAUAUFSICHT);
        String aktenzeichen = "BA-EIN-" + UUID.randomUUID().toString().substring(0, 8);
        String id = create(clerk, aktenzeichen, "Kaiserstraße 3").get("id").asText();
        assertEquals(
                201,
                Api.upload(
                                "/v1/documents/" + id + "/versions?fileName=bauschein.png",
                                clerk,
                                png(page("Bauschein Kaiserstraße 3")),
                                "image/png")
                        .statusCode());
        JsonNode login = Federation.login("eigentuemer-" + UUID.randomUUID(), "substantial");
        String owner = login.get("accessToken").asText();

        // acting for the owner needs the owner's authorisation
        HttpResponse<String> noAuthorisation = applyForInspection(
                owner,
                Map.of(
                        "adresse",
                        "Kaiserstraße 3",
                        "rolle",
                        "architekt",
                        "berechtigtesInteresse",
                        "Planung eines Anbaus"));
        assertEquals(noAuthorisation.body(), 422, noAuthorisation.statusCode());
        assertTrue(noAuthorisation.body(), noAuthorisation.body().contains("/vollmachtDokument"));

        HttpResponse<String> applied = applyForInspection(
                owner,
                Map.of(
                        "adresse",
                        "Kaiserstraße 3",
                        "aktenzeichen",
                        aktenzeichen,
                        "rolle",
                        "eigentuemer",
                        "berechtigtesInteresse",
                        "Umbau des Dachgeschosses geplant"));
        assertEquals(applied.body(), 201, applied.statusCode());
        String caseId = json(applied).get("id").asText();
        assertEquals("AWAITING_PAYMENT", json(applied).get("status").asText());
        PaymentIT.pay(owner, caseId, "success");
        await().atMost(Duration.ofSeconds(60)).until(() -> "IN_REVIEW"
                .equals(json(call("GET", "/v1/cases/" + caseId, owner, null))
                        .get("status")
                        .asText()));
        assertEquals(404, call("GET", "/v1/documents/" + id, owner, null).statusCode());

        String office = "/v1/offices/bauaufsicht/cases/" + caseId;
        assertEquals(200, call("POST", office + "/assign", clerk, Map.of()).statusCode());
        HttpResponse<String> decided = call(
                "POST",
                office + "/decision",
                clerk,
                Map.of("decision", "APPROVE", "reason", "Eigentum im Grundbuch bestätigt."));
        assertEquals(decided.body(), 200, decided.statusCode());

        // the grant follows the decision through the case outbox, which the earlier tests may have filled
        try {
            await().atMost(Duration.ofSeconds(180))
                    .until(() -> call("GET", "/v1/documents/" + id, owner, null).statusCode() == 200);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no access 180 s after the approval; the platform's log on it:\n"
                    + logLines(caseId, id, "InspectionAccess", "Case listener", "Outbox", "outbox", "search index"));
        }
        HttpResponse<byte[]> copy = Api.download("/v1/documents/" + id + "/versions/latest/content", owner);
        assertEquals(200, copy.statusCode());
        assertEquals(
                "application/pdf",
                copy.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""));
        assertTrue(new String(copy.body(), 0, 5, StandardCharsets.US_ASCII).startsWith("%PDF-"));
        assertEquals(1, total(owner, "aktenzeichen=" + aktenzeichen));
        // the clerk still gets the original scan
        assertEquals(
                "image/png",
                Api.download("/v1/documents/" + id + "/versions/latest/content", clerk)
                        .headers()
                        .firstValue("Content-Type")
                        .orElse("")
                        .replaceAll(";.*", ""));
        // who let whom read the Bauakte, and who read it, is on record: the grant that followed the
        // approval, the owner's inspection copy and the clerk's original
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Console.execute(sessions, "amtsgang:audit " + id).contains("original"));
        String trail = Console.execute(sessions, "amtsgang:audit " + id);
        assertTrue(trail, trail.contains("ACCESS_GRANTED") && trail.contains("Bauakteneinsicht " + caseId));
        assertTrue(trail, trail.contains("CONTENT_READ") && trail.contains("inspection copy"));
    }

    // ---- helpers

    private static HttpResponse<String> applyForInspection(String citizen, Map<String, Object> form) {
        return call(
                "POST",
                "/v1/cases",
                citizen,
                Map.of("serviceId", "bauaufsicht-bauakteneinsicht", "submit", true, "formData", form));
    }

    private static JsonNode create(String token, String aktenzeichen, String address) {
        HttpResponse<String> created = call(
                "POST",
                "/v1/documents",
                token,
                Map.of(
                        "title",
                        "Bauakte " + aktenzeichen,
                        "type",
                        "BAUAKTE",
                        "officeId",
                        "bauaufsicht",
                        "retention",
                        "PERMANENT",
                        "ocr",
                        true,
                        "fields",
                        Map.of("aktenzeichen", aktenzeichen, "address", address)));
        assertEquals(created.body(), 201, created.statusCode());
        return json(created);
    }

    private static JsonNode search(String token, String query) {
        HttpResponse<String> response = call("GET", "/v1/documents/search?" + query, token, null);
        assertEquals(response.body(), 200, response.statusCode());
        return json(response);
    }

    private static int total(String token, String query) {
        return search(token, query).get("total").asInt();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detailContains) {
        assertEquals(response.body(), status, response.statusCode());
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""));
        String detail = json(response).get("detail").asText();
        assertTrue(detail, detail.contains(detailContains));
    }

    static BufferedImage page(String... lines) {
        BufferedImage image = new BufferedImage(1700, 400 + 90 * lines.length, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SERIF, Font.PLAIN, 56));
        int y = 200;
        for (String line : lines) {
            g.drawString(line, 120, y);
            y += 90;
        }
        g.dispose();
        return image;
    }

    private static byte[] png(BufferedImage image) throws Exception {
        return encode(image, "png");
    }

    private static byte[] tiff(BufferedImage image) throws Exception {
        return encode(image, "tiff");
    }

    private static byte[] encode(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out));
        return out.toByteArray();
    }

    /** 45 bytes that declare a 100,000 × 100,000 image. */
    private static byte[] pngBomb() {
        java.nio.ByteBuffer file = java.nio.ByteBuffer.allocate(33);
        file.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        file.putInt(13)
                .put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(100_000)
                .putInt(100_000);
        file.put(new byte[] {8, 0, 0, 0, 0}).putInt(0);
        return file.array();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
