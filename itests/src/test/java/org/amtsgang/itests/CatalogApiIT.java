package org.amtsgang.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.Before;
import org.junit.Test;

/** The catalogue over HTTP, as citizens' browsers and other systems see it. */
public class CatalogApiIT extends PlatformTestSupport {

    @Before
    public void platformAnswers() {
        await("catalogue lists both demo services")
                .atMost(Duration.ofSeconds(60))
                .until(() -> {
                    HttpResponse<String> r = get("/v1/services");
                    return r.statusCode() == 200
                            && r.body().contains("buergeramt-meldebescheinigung")
                            && r.body().contains("steueramt-hundesteuer-anmeldung");
                });
    }

    @Test
    public void listsServicesWithPaging() {
        HttpResponse<String> response = get("/v1/services?size=1&page=2");

        assertEquals(200, response.statusCode());
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body(), response.body().contains("\"page\":2,\"size\":1,\"total\":3"));
        assertTrue(response.body(), response.body().contains("steueramt-hundesteuer-anmeldung"));
    }

    @Test
    public void filtersByOfficeAndText() {
        assertTotal("/v1/services?office=buergeramt", 1);
        assertTotal("/v1/services?q=hundesteuer", 1);
        assertTotal("/v1/services?q=B%C3%BCrger%20Melde", 1);
        assertTotal("/v1/services?q=hund%20bescheinigung", 0);
        assertTotal("/v1/services?q=Meldebescheinigung", 1);
    }

    private static void assertTotal(String path, int total) {
        HttpResponse<String> response = get(path);
        assertEquals(path + " -> " + response.body(), 200, response.statusCode());
        assertTrue(path + " -> " + response.body(), response.body().contains("\"total\":" + total + "}"));
    }

    @Test
    public void servesOneServiceWithItsFormSchema() {
        HttpResponse<String> response = get("/v1/services/buergeramt-meldebescheinigung");

        assertEquals(200, response.statusCode());
        assertTrue(response.body(), response.body().contains("\"form\":{\"$schema\""));
        assertTrue(response.body(), response.body().contains("\"trustLevel\":\"HIGH\""));
        assertTrue(response.body(), response.body().contains("\"paymentPolicy\":\"REQUIRED\""));
    }

    @Test
    public void listsTheOffices() {
        HttpResponse<String> response = get("/v1/offices");

        assertEquals(200, response.statusCode());
        assertTrue(response.body(), response.body().contains("\"name\":{\"de\":\"B\u00fcrgeramt\""));
        assertEquals(200, get("/v1/offices/steueramt").statusCode());
    }

    @Test
    public void unknownIdsAndBadParametersAreProblems() {
        assertProblem(get("/v1/services/gibt-es-nicht"), 404, "There is no service 'gibt-es-nicht'.");
        assertProblem(get("/v1/offices/gibt-es-nicht"), 404, "There is no office 'gibt-es-nicht'.");
        assertProblem(get("/v1/services?page=-1"), 400, "Query parameter 'page' must be between 0 and 100000, was -1.");
        assertProblem(
                get("/v1/services?size=viele"), 400, "Query parameter 'size' must be a whole number, was 'viele'.");
        assertProblem(
                get("/v1/services?office=mond"),
                400,
                "Query parameter 'office': there is no office 'mond'; see /api/v1/offices.");
        assertProblem(
                get("/v1/services?q=" + "x".repeat(201)),
                400,
                "Query parameter 'q' must be at most 200 characters long.");
        assertProblem(get("/v1/nirgendwo"), 404, "There is no resource at /api/v1/nirgendwo.");
        assertProblem(get("/v2/services"), 404, "There is no resource at /api/v2/services.");
    }

    @Test
    public void wrongMethodsAndOversizedBodiesAreProblems() {
        HttpResponse<String> delete =
                send(HttpRequest.newBuilder(api("/v1/services")).DELETE().build());
        assertEquals(delete.body(), 405, delete.statusCode());
        assertEquals(
                "application/problem+json",
                delete.headers().firstValue("Content-Type").orElse(""));
        assertTrue(
                delete.headers().firstValue("Allow").orElse(""),
                delete.headers().firstValue("Allow").orElse("").contains("GET"));

        // bodies are limited where they are read: a POST endpoint that takes JSON
        HttpResponse<String> huge = send(HttpRequest.newBuilder(api("/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + "1,".repeat(600_000) + "1]"))
                .build());
        assertEquals(huge.body(), 413, huge.statusCode());
        assertTrue(huge.body().contains("\"title\":\"Payload too large\""));
    }

    @Test
    public void answersRevalidationWithNotModified() {
        HttpResponse<String> first = get("/v1/services");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> second = get("/v1/services", "If-None-Match", etag);

        assertEquals(304, second.statusCode());
    }

    @Test
    public void servesItsOpenApiDocument() {
        HttpResponse<String> response = get("/openapi.json");

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"openapi\":\"3.0.3\""));
        for (String path : new String[] {"/v1/services", "/v1/services/{id}", "/v1/offices", "/v1/offices/{id}"}) {
            assertTrue(path, response.body().contains("\"" + path + "\""));
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertEquals(response.body(), status, response.statusCode());
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body(), response.body().contains("\"status\":" + status));
        assertTrue(response.body(), response.body().contains("\"detail\":\"" + detail + "\""));
    }
}
