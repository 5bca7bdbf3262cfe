package org.amtsgang.itests;

import static org.amtsgang.itests.Api.call;
import static org.amtsgang.itests.Api.json;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Every endpoint of the running platform, as its OpenAPI document lists it, against anonymous
 * callers, two citizens, a caseworker of another office and an operator: each cell that the
 * endpoint's declared rule forbids must be refused with 401 or 403, and each cell it allows must
 * get past the access check. New endpoints are covered the moment they are served.
 */
public class AccessMatrixIT extends PlatformTestSupport {

    /** The office the endpoints are called for; the caseworker works in another one. */
    private static final String OFFICE = "buergeramt";

    private record Principal(String name, String token, String kind, String level, String office) {}

    @Test
    public void everyEndpointRefusesWhomItsRuleExcludes() {
        List<Principal> principals = List.of(
                new Principal("anonymous", null, null, null, null),
                new Principal("citizen A", Api.token(Api.ANNA), "CITIZEN", "BASIS", null),
                new Principal("citizen B", Api.token(Api.BEN), "CITIZEN", "BASIS", null),
                new Principal(
                        "caseworker of steueramt",
                        Api.token(Api.CASEWORKER_STEUERAMT),
                        "STAFF",
                        "SUBSTANTIAL",
                        "steueramt"),
                new Principal("operator", Api.token(Api.OPERATOR), "OPERATOR", "SUBSTANTIAL", null));
        JsonNode paths = json(get("/openapi.json")).get("paths");
        List<String> failures = new ArrayList<>();
        int cells = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                List<String> rules = new ArrayList<>();
                op.getValue().get("x-amtsgang-access").forEach(r -> rules.add(r.asText()));
                assertTrue(op.getKey() + " " + path.getKey() + " declares no access rule", !rules.contains("none"));
                String url = path.getKey()
                        .replace("{office}", OFFICE)
                        .replace("{id}", "steueramt-hundesteuer-anmeldung")
                        .replace("{provider}", "bundid")
                        .replace("{day}", "2026-11-27")
                        .replace("{file}", "x")
                        .replace("{subject}", "x")
                        .replace("{version}", "1");
                for (Principal principal : principals) {
                    cells++;
                    HttpResponse<String> response =
                            call(op.getKey().toUpperCase(), url, principal.token(), body(op.getKey()));
                    String cell = op.getKey().toUpperCase() + " " + path.getKey() + " as " + principal.name() + " -> "
                            + response.statusCode();
                    boolean allowed = allowed(rules, principal);
                    boolean refused = refusedByAccess(response);
                    if (!allowed && !refused) {
                        failures.add("not refused: " + cell + " " + response.body());
                    } else if (allowed && refused) {
                        failures.add("refused: " + cell + " " + response.body());
                    }
                }
            }
        }
        assertTrue("only " + cells + " cells", cells > 50);
        assertEquals(String.join("\n", failures), List.of(), failures);
    }

    @Test
    public void citizensSeeTheirOwnAccountOnly() {
        JsonNode anna = json(call("GET", "/v1/me", Api.token(Api.ANNA), null));
        JsonNode ben = json(call("GET", "/v1/me", Api.token(Api.BEN), null));

        assertEquals(Api.ANNA, anna.at("/account/email").asText());
        assertEquals(Api.BEN, ben.at("/account/email").asText());
    }

    /** What the declared rules admit, computed from the labels the OpenAPI document carries. */
    private static boolean allowed(List<String> rules, Principal p) {
        for (String rule : rules) {
            if (rule.equals("public")) {
                return true;
            }
            if (p.kind() == null) {
                continue;
            }
            if (rule.startsWith("citizen:")
                    && p.kind().equals("CITIZEN")
                    && levelAtLeast(p.level(), rule.substring(8))) {
                return true;
            }
            if (rule.equals("operator") && p.kind().equals("OPERATOR")) {
                return true;
            }
            if (rule.startsWith("staff:") && p.kind().equals("STAFF")) {
                String roles = rule.substring(6).replaceAll("@.*", "");
                boolean bound = rule.contains("@{office}");
                boolean caseworker = roles.contains("CASEWORKER");
                if (caseworker && (!bound || OFFICE.equals(p.office()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean levelAtLeast(String have, String need) {
        List<String> order = List.of("BASIS", "SUBSTANTIAL", "HIGH");
        return order.indexOf(have) >= order.indexOf(need);
    }

    /** Refused by the access check (not, say, 404 or 400 from the endpoint itself). */
    private static boolean refusedByAccess(HttpResponse<String> response) {
        if (response.statusCode() == 401) {
            return true;
        }
        if (response.statusCode() != 403) {
            return false;
        }
        String body = response.body();
        return body.contains("\"This is for ") || body.contains("trust-level") || body.contains("no access rule");
    }

    private static Object body(String method) {
        if (method.equals("get") || method.equals("delete")) {
            return null;
        }
        Map<String, Object> empty = new LinkedHashMap<>();
        return empty;
    }
}
