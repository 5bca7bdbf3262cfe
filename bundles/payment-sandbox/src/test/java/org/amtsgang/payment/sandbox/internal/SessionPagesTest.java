package org.amtsgang.payment.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.amtsgang.payment.api.spi.ProviderOutcome;
import org.amtsgang.payment.api.spi.ProviderRequest;
import org.amtsgang.test.support.DerbyJpa;
import org.junit.After;
import org.junit.Test;

/** The hosted page's answers, on the real store; notifications are recorded instead of sent. */
public class SessionPagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORM = "application/x-www-form-urlencoded";

    private final DerbyJpa jpa = new DerbyJpa("payment-sandbox", SessionStoreTest.SCRIPT);
    private final SessionStore store = new SessionStore(jpa, Clock.systemUTC());
    private final List<List<ChaosPlan.Send>> sent = new CopyOnWriteArrayList<>();
    private final SandboxConfig config = TestConfigs.sandbox(Map.of("callbackDelayMillis", 250L));
    private final SessionPages pages = new SessionPages(store, () -> config, sent::add, new Random(3));

    @After
    public void close() {
        jpa.close();
    }

    @Test
    public void thePageShowsAmountPurposeAndChoicesGermanFirstAndEscaped() {
        Session s = open("pay-1", "Hundesteuer <script>alert('x')</script> & Co", "sepa-debit", null);

        SessionPages.Reply reply = pages.get(path(s), false);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("text/html;charset=UTF-8");
        String html = text(reply);
        assertThat(html)
                .startsWith("<!DOCTYPE html>\n<html lang=\"de\">")
                .contains("12,50 €")
                .contains("Hundesteuer &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co")
                .doesNotContain("<script>")
                .contains("kein Geld bewegt", "lang=\"en\"", "no money moves")
                .contains("Kreditkarte", "SEPA-Lastschrift", "PayPal-ähnlich")
                .contains("value=\"sepa-debit\" checked")
                .contains("value=\"success\">Bezahlen", "value=\"failure\">Zahlung scheitern lassen")
                .contains("value=\"cancel\">Abbrechen")
                .contains("name=\"delayMillis\"", "value=\"250\"", "name=\"duplicates\"", "name=\"reorder\"");
        assertThat(html.indexOf("Bezahlen")).isLessThan(html.indexOf(">Pay<"));
    }

    @Test
    public void amountsAreFormattedAsGermanPayersReadThem() {
        assertThat(PageHtml.euros(1250)).isEqualTo("12,50 €");
        assertThat(PageHtml.euros(5)).isEqualTo("0,05 €");
        assertThat(PageHtml.euros(123_456_789)).isEqualTo("1.234.567,89 €");
    }

    @Test
    public void aFailedSessionOffersOnlyToPayAgainAndAFinalOneNoButtons() {
        Session s = open("pay-1", "Gebühr", null, "https://portal.example/done");
        store.decide(s.reference(), ProviderOutcome.FAILED, "card");

        String failed = text(pages.get(path(s), false));
        store.decide(s.reference(), ProviderOutcome.SUCCEEDED, "card");
        String paid = text(pages.get(path(s), false));

        assertThat(failed)
                .contains("gescheitert", "value=\"success\"")
                .doesNotContain("value=\"failure\"", "value=\"cancel\"");
        assertThat(paid).contains("bezahlt").doesNotContain("<form", "<button");
        assertThat(paid).contains("href=\"https://portal.example/done?payment=pay-1\"");
    }

    @Test
    public void withAcceptJsonTheSessionTruthIsAnswered() throws IOException {
        Session s = open("pay-1", "Gebühr", null, null);

        SessionPages.Reply reply = pages.get(path(s), true);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/json");
        assertThat(JSON.readTree(reply.body()))
                .isEqualTo(JSON.readTree("{\"reference\":\"" + s.reference() + "\",\"paymentId\":\"pay-1\","
                        + "\"amountCents\":1250,\"outcome\":\"OPEN\",\"method\":null,\"refundedCents\":0}"));
    }

    @Test
    public void unknownOrMalformedReferencesAreNotFoundAsProblems() throws IOException {
        for (String path : new String[] {"/sessions/sbx_AAAAAAAAAAAAAAAAAAAA", "/sessions/nonsense", "/other", null}) {
            SessionPages.Reply get = pages.get(path, false);
            SessionPages.Reply post = pages.post(path, false, FORM, bytes("outcome=success&method=card"));

            for (SessionPages.Reply reply : List.of(get, post)) {
                assertThat(reply.status()).as(path).isEqualTo(404);
                assertThat(reply.contentType()).isEqualTo("application/problem+json");
                JsonNode problem = JSON.readTree(reply.body());
                assertThat(problem.get("type").asText()).isEqualTo("about:blank");
                assertThat(problem.get("title").asText()).isEqualTo("Not found");
                assertThat(problem.get("status").asInt()).isEqualTo(404);
                assertThat(problem.get("detail").asText()).isNotBlank();
            }
        }
        assertThat(sent).isEmpty();
    }

    @Test
    public void payingRedirectsBackNamingThePaymentAndPlansTheNotification() {
        Session s = open("pay/1", "Gebühr", null, "https://portal.example/return?lang=de#top");

        SessionPages.Reply reply = pages.post(path(s), false, FORM, bytes("outcome=success&method=paypal"));

        assertThat(reply.status()).isEqualTo(303);
        assertThat(reply.location()).isEqualTo("https://portal.example/return?lang=de&payment=pay%2F1#top");
        assertThat(store.find(s.reference()).orElseThrow().outcome()).isEqualTo(ProviderOutcome.SUCCEEDED);
        assertThat(sent)
                .singleElement()
                .satisfies(plan -> assertThat(plan).singleElement().satisfies(send -> {
                    assertThat(send.delayMillis()).as("the configured delay").isEqualTo(250);
                    assertThat(send.notification().outcome()).isEqualTo(ProviderOutcome.SUCCEEDED);
                    assertThat(send.notification().method()).isEqualTo("paypal");
                    assertThat(send.notification().paymentId()).isEqualTo("pay/1");
                    assertThat(send.notification().eventId()).hasSize(36);
                }));
    }

    @Test
    public void theFormsChaosOverridesTheConfigurationForThisDecision() {
        Session s = open("pay-1", "Gebühr", "card", "/portal/return");

        SessionPages.Reply reply =
                pages.post(path(s), false, FORM, bytes("outcome=failure&delayMillis=0&duplicates=1&reorder=true"));

        assertThat(reply.location()).isEqualTo("/portal/return?payment=pay-1");
        assertThat(sent).singleElement().satisfies(plan -> {
            assertThat(plan).hasSize(4);
            assertThat(plan.get(0).delayMillis()).isZero();
            assertThat(plan)
                    .extracting(send -> send.notification().outcome())
                    .containsOnly(ProviderOutcome.FAILED, ProviderOutcome.OPEN);
            assertThat(plan)
                    .allSatisfy(send -> assertThat(send.notification().method()).isEqualTo("card"));
        });
    }

    @Test
    public void aSecondDecisionOfAFinalSessionIsAConflictAndSendsNothing() throws IOException {
        Session s = open("pay-1", "Gebühr", null, "https://portal.example/return");
        pages.post(path(s), false, FORM, bytes("outcome=cancel"));

        SessionPages.Reply again = pages.post(path(s), false, FORM, bytes("outcome=success&method=card"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).isEqualTo("application/problem+json");
        assertThat(JSON.readTree(again.body()).get("detail").asText()).contains("CANCELLED");
        assertThat(sent).hasSize(1);
        assertThat(store.find(s.reference()).orElseThrow().outcome()).isEqualTo(ProviderOutcome.CANCELLED);
    }

    @Test
    public void aSuccessAfterAFailureIsAllowedAndNotifiedAgain() throws IOException {
        Session s = open("pay-1", "Gebühr", null, null);
        pages.post(path(s), true, FORM, bytes("outcome=failure&method=card"));

        SessionPages.Reply retry = pages.post(path(s), true, FORM, bytes("outcome=success&method=sepa-debit"));

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.contentType()).isEqualTo("application/json");
        JsonNode truth = JSON.readTree(retry.body());
        assertThat(truth.get("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(truth.get("method").asText()).isEqualTo("sepa-debit");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).get(0).notification().eventId())
                .as("every notification is a new event")
                .isNotEqualTo(sent.get(1).get(0).notification().eventId());
        assertThat(sent.get(1).get(0).notification().occurredAt())
                .isAfterOrEqualTo(sent.get(0).get(0).notification().occurredAt());
    }

    @Test
    public void withoutAReturnUrlThePageShowsTheResult() {
        Session s = open("pay-1", "Gebühr", null, "javascript:alert(1)");

        SessionPages.Reply reply = pages.post(path(s), false, FORM, bytes("outcome=success&method=card"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(text(reply)).contains("bezahlt").doesNotContain("javascript:");
    }

    @Test
    public void badInputIsRefusedBeforeAnythingChanges() throws IOException {
        Session s = open("pay-1", "Gebühr", null, null);

        SessionPages.Reply unknownOutcome = pages.post(path(s), false, FORM, bytes("outcome=maybe&method=card"));
        SessionPages.Reply negative =
                pages.post(path(s), false, FORM, bytes("outcome=success&method=card&duplicates=-1"));
        SessionPages.Reply noMethod = pages.post(path(s), false, FORM, bytes("outcome=success"));
        SessionPages.Reply notAForm =
                pages.post(path(s), false, "application/json", bytes("{\"outcome\":\"success\"}"));
        SessionPages.Reply tooLarge = pages.post(
                path(s),
                false,
                FORM,
                bytes("outcome=success&method=card&x=" + "a".repeat(SessionPages.MAX_BODY_BYTES)));

        assertThat(unknownOutcome.status()).isEqualTo(400);
        assertThat(JSON.readTree(unknownOutcome.body()).get("title").asText()).isEqualTo("Bad request");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(noMethod.status()).isEqualTo(400);
        assertThat(JSON.readTree(noMethod.body()).get("detail").asText()).contains("method");
        assertThat(notAForm.status()).isEqualTo(415);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.contentType()).isEqualTo("application/problem+json");
        assertThat(store.find(s.reference()).orElseThrow().outcome()).isEqualTo(ProviderOutcome.OPEN);
        assertThat(sent).isEmpty();
    }

    @Test
    public void aCancellationNeedsNoMethod() {
        Session s = open("pay-1", "Gebühr", null, "https://portal.example/return");

        assertThat(pages.post(path(s), false, FORM, bytes("outcome=cancel")).status())
                .isEqualTo(303);
        assertThat(store.find(s.reference()).orElseThrow().method()).isNull();
    }

    private Session open(String paymentId, String purpose, String method, String returnUrl) {
        return store.open(
                new ProviderRequest(paymentId, 1250, purpose, null, null, method, returnUrl), References.next());
    }

    private static String path(Session s) {
        return "/sessions/" + s.reference();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(SessionPages.Reply reply) {
        return new String(reply.body(), StandardCharsets.UTF_8);
    }
}
