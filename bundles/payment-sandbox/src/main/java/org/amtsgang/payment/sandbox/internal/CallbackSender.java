package org.amtsgang.payment.sandbox.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts planned notifications to the platform, as a provider's webhook would: signed when each
 * attempt goes out, sent again with exponential backoff while the platform is unreachable or
 * overloaded, given up on when it refuses them for good. Nothing is persisted: a notification lost
 * to a restart is what real providers do too, and the platform reconciles through {@code status}.
 */
final class CallbackSender implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Beyond this the backoff would wait for hours: no tester waits that long. */
    private static final int MAX_RETRIES = 16;

    private final Logger logger = LoggerFactory.getLogger(CallbackSender.class);
    private final Supplier<SandboxConfig> config;
    private final Supplier<String> key;
    private final long firstBackoffMillis;
    private final ScheduledExecutorService executor;
    private final HttpClient client;

    /**
     * @param key the signing key of the moment
     * @param firstBackoffMillis the wait before the first retry, doubled for each further one
     */
    CallbackSender(Supplier<SandboxConfig> config, Supplier<String> key, long firstBackoffMillis) {
        this.config = config;
        this.key = key;
        this.firstBackoffMillis = firstBackoffMillis;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "amtsgang-sandbox-callback-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // HTTP/1.1: an h2c upgrade attempt on every notification would only add a round trip
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /** Schedules the sends of a plan; returns at once. */
    void schedule(List<ChaosPlan.Send> plan) {
        for (ChaosPlan.Send send : plan) {
            byte[] body = Json.notification(send.notification());
            later(() -> attempt(send, body, 0), send.delayMillis());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private void attempt(ChaosPlan.Send send, byte[] body, int retry) {
        SandboxConfig settings = config.get();
        String eventId = send.notification().eventId();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(settings.callbackUrl()))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header(
                            "X-Sandbox-Signature",
                            Signatures.sign(key.get(), Instant.now().getEpochSecond(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException e) {
            logger.warn("Sandbox notification {} not sent: callbackUrl is not a URL: {}", eventId, e.getMessage());
            return;
        }
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null) {
                retryOrGiveUp(send, body, retry, failure.toString());
                return;
            }
            int status = response.statusCode();
            logger.debug(
                    "Sandbox notification {} ({} of {}) answered {}",
                    eventId,
                    send.notification().outcome(),
                    send.notification().paymentId(),
                    status);
            if (status / 100 == 2) {
                return;
            }
            if (transientFailure(status)) {
                retryOrGiveUp(send, body, retry, "HTTP " + status);
            } else {
                logger.warn(
                        "Sandbox notification {} for payment {} refused with HTTP {}; giving up",
                        eventId,
                        send.notification().paymentId(),
                        status);
            }
        });
    }

    private void retryOrGiveUp(ChaosPlan.Send send, byte[] body, int retry, String why) {
        int retries = Math.min(MAX_RETRIES, Math.max(0, config.get().retries()));
        if (retry >= retries) {
            logger.warn(
                    "Sandbox notification {} for payment {} not delivered after {} attempts ({}); giving up",
                    send.notification().eventId(),
                    send.notification().paymentId(),
                    retry + 1,
                    why);
            return;
        }
        long backoff = firstBackoffMillis << retry;
        logger.debug(
                "Sandbox notification {} failed ({}); again in {} ms",
                send.notification().eventId(),
                why,
                backoff);
        later(() -> attempt(send, body, retry + 1), backoff);
    }

    private void later(Runnable task, long delayMillis) {
        try {
            executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // the bundle is stopping: what is not sent yet is lost, as with a provider's outage
        }
    }

    /**
     * Whether trying again can help: the platform is overloaded, restarting or timed out. Any other
     * refusal (a bad signature, an unknown payment) will not change by repeating it.
     */
    static boolean transientFailure(int status) {
        return status == 408 || status == 425 || status == 429 || status >= 500;
    }
}
