package org.amtsgang.payment.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.amtsgang.payment.api.spi.ProviderNotification;
import org.amtsgang.payment.api.spi.ProviderOutcome;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The sender against a real HTTP server standing in for the platform's callback endpoint. */
public class CallbackSenderTest {

    private static final String SECRET = "s3cret";
    private static final long FIRST_BACKOFF_MILLIS = 10;
    /** Long enough for any retry of a notification sent before it, given the short backoff. */
    private static final long SENTINEL_DELAY_MILLIS = 800;

    private record Received(String eventId, String contentType, String signature, byte[] body) {}

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Map<String, Deque<Integer>> answers = new ConcurrentHashMap<>();
    private HttpServer server;
    private CallbackSender sender;

    @Before
    public void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/callbacks/sandbox", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String eventId;
            try {
                eventId = Json.readNotification(body).eventId();
            } catch (Exception e) {
                eventId = "unreadable";
            }
            received.add(new Received(
                    eventId,
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("X-Sandbox-Signature"),
                    body));
            Deque<Integer> scripted = answers.get(eventId);
            Integer status = scripted == null ? null : scripted.poll();
            exchange.sendResponseHeaders(status == null ? 204 : status, -1);
            exchange.close();
        });
        server.start();
    }

    @After
    public void stop() {
        if (sender != null) {
            sender.close();
        }
        server.stop(0);
    }

    @Test
    public void aNotificationArrivesSignedAsTheProviderVerifiesIt() throws Exception {
        sender = sender(5);
        ProviderNotification n = notification("e-1");

        sender.schedule(List.of(new ChaosPlan.Send(0, n)));

        Received r = next();
        assertThat(r.contentType()).isEqualTo("application/json");
        Signatures.verify(SECRET, r.signature(), r.body(), Instant.now().getEpochSecond(), 900);
        assertThat(Json.readNotification(r.body())).isEqualTo(n);
    }

    @Test
    public void copiesArriveInThePlannedOrderWithTheSameBody() throws Exception {
        sender = sender(5);
        ProviderNotification last = notification("e-final");
        ProviderNotification outdated = notification("e-outdated");

        sender.schedule(
                List.of(new ChaosPlan.Send(0, last), new ChaosPlan.Send(100, outdated), new ChaosPlan.Send(200, last)));

        List<Received> all = List.of(next(), next(), next());
        assertThat(all).extracting(Received::eventId).containsExactly("e-final", "e-outdated", "e-final");
        assertThat(all.get(2).body()).isEqualTo(all.get(0).body());
    }

    @Test
    public void anOverloadedPlatformGetsTheNotificationAgainUntilItTakesIt() throws Exception {
        sender = sender(5);
        answers.put("e-1", new ArrayDeque<>(List.of(503, 429)));

        sender.schedule(List.of(new ChaosPlan.Send(0, notification("e-1"))));

        List<Received> attempts = List.of(next(), next(), next());
        assertThat(attempts).extracting(Received::eventId).containsOnly("e-1");
        for (Received attempt : attempts) {
            // each attempt signed anew, each signature valid
            Signatures.verify(
                    SECRET, attempt.signature(), attempt.body(), Instant.now().getEpochSecond(), 900);
            assertThat(attempt.body()).isEqualTo(attempts.get(0).body());
        }
        assertThat(answers.get("e-1")).isEmpty();
    }

    @Test
    public void aRefusalIsNotRepeated() throws Exception {
        sender = sender(5);
        answers.put("e-refused", new ArrayDeque<>(List.of(400)));

        sender.schedule(List.of(
                new ChaosPlan.Send(0, notification("e-refused")),
                new ChaosPlan.Send(SENTINEL_DELAY_MILLIS, notification("e-sentinel"))));

        assertThat(List.of(next(), next())).extracting(Received::eventId).containsExactly("e-refused", "e-sentinel");
        assertThat(received).isEmpty();
    }

    @Test
    public void retriesEndAfterTheConfiguredNumber() throws Exception {
        sender = sender(2);
        answers.put("e-1", new ArrayDeque<>(List.of(500, 502, 503, 504)));

        sender.schedule(List.of(
                new ChaosPlan.Send(0, notification("e-1")),
                new ChaosPlan.Send(SENTINEL_DELAY_MILLIS, notification("e-sentinel"))));

        assertThat(List.of(next(), next(), next(), next()))
                .extracting(Received::eventId)
                .containsExactly("e-1", "e-1", "e-1", "e-sentinel");
        assertThat(answers.get("e-1")).as("the fourth answer never asked for").containsExactly(504);
    }

    @Test
    public void onlyOverloadAndServerErrorsAreWorthRepeating() {
        assertThat(List.of(408, 425, 429, 500, 502, 503, 504)).allMatch(CallbackSender::transientFailure);
        assertThat(List.of(301, 400, 401, 403, 404, 409, 410, 422)).noneMatch(CallbackSender::transientFailure);
    }

    private CallbackSender sender(int retries) {
        SandboxConfig config = TestConfigs.sandbox(Map.of(
                "secret",
                SECRET,
                "callbackUrl",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/callbacks/sandbox",
                "retries",
                retries));
        return new CallbackSender(() -> config, () -> config.secret(), FIRST_BACKOFF_MILLIS);
    }

    private Received next() throws InterruptedException {
        Received r = received.poll(10, TimeUnit.SECONDS);
        assertThat(r).as("a notification within 10 s").isNotNull();
        return r;
    }

    private static ProviderNotification notification(String eventId) {
        return new ProviderNotification(
                eventId,
                "pay-1",
                "sbx_AAAAAAAAAAAAAAAAAAAA",
                ProviderOutcome.SUCCEEDED,
                "card",
                1250,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
