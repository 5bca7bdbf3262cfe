package org.amtsgang.payment.sandbox.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.amtsgang.payment.api.spi.ProviderOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the hosted page answers, apart from the servlet API so that it is tested as a plain object:
 * {@code GET} and {@code POST /sandbox-psp/sessions/{reference}}.
 */
final class SessionPages {

    /** The largest form accepted: the real one is a few hundred bytes. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    static final String HTML = "text/html;charset=UTF-8";
    static final String JSON = "application/json";
    static final String PROBLEM = "application/problem+json";

    private static final String SESSIONS = "/sessions/";

    /** An answer: a redirect when {@code location} is set, else a body of the content type. */
    record Reply(int status, String contentType, byte[] body, String location) {

        static Reply of(int status, String contentType, byte[] body) {
            return new Reply(status, contentType, body, null);
        }

        static Reply problem(int status, String title, String detail) {
            return of(status, PROBLEM, Json.problem(status, title, detail));
        }
    }

    private final Logger logger = LoggerFactory.getLogger(SessionPages.class);
    private final SessionStore store;
    private final Supplier<SandboxConfig> config;
    private final Consumer<List<ChaosPlan.Send>> callbacks;
    private final Random random;

    SessionPages(
            SessionStore store,
            Supplier<SandboxConfig> config,
            Consumer<List<ChaosPlan.Send>> callbacks,
            Random random) {
        this.store = store;
        this.config = config;
        this.callbacks = callbacks;
        this.random = random;
    }

    /** The page, or with {@code json} the session's truth. */
    Reply get(String path, boolean json) {
        Optional<Session> session = reference(path).flatMap(store::find);
        if (session.isEmpty()) {
            return notFound(path);
        }
        return json ? sessionJson(session.get()) : page(session.get());
    }

    /**
     * The payer's choice: recorded, then notified to the platform after the commit, then the payer
     * is sent back to the platform (or, with {@code json}, given the session's truth).
     */
    Reply post(String path, boolean json, String contentType, byte[] body) {
        Optional<String> reference = reference(path);
        if (reference.isEmpty()) {
            return notFound(path);
        }
        if (body.length > MAX_BODY_BYTES) {
            return tooLarge();
        }
        if (contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return Reply.problem(415, "Unsupported media type", "Post the form as application/x-www-form-urlencoded.");
        }
        PaymentForm form;
        try {
            form = PaymentForm.parse(body);
        } catch (PaymentForm.InvalidFormException e) {
            return Reply.problem(400, "Bad request", e.getMessage());
        }
        Optional<Session> current = store.find(reference.get());
        if (current.isEmpty()) {
            return notFound(path);
        }
        String method = form.method() != null ? form.method() : current.get().method();
        if (method == null && form.outcome() != ProviderOutcome.CANCELLED) {
            return Reply.problem(
                    400, "Bad request", "method must be one of " + String.join(", ", Outcomes.METHODS) + ".");
        }
        Session decided;
        try {
            decided = store.decide(reference.get(), form.outcome(), method).orElse(null);
        } catch (SessionConflictException e) {
            return Reply.problem(409, "Conflict", e.getMessage());
        }
        if (decided == null) {
            return notFound(path);
        }
        Chaos chaos = form.chaos(Chaos.of(config.get()));
        callbacks.accept(ChaosPlan.plan(decided, chaos, () -> UUID.randomUUID().toString(), random));
        logger.debug("Sandbox session {} is {} ({})", decided.reference(), decided.outcome(), chaos);
        if (json) {
            return sessionJson(decided);
        }
        String target = returnTo(decided);
        return target == null ? page(decided) : new Reply(303, null, new byte[0], target);
    }

    /**
     * Where the payer goes back to: the platform's return URL naming the payment, or {@code null}
     * when there is none a browser may be sent to.
     */
    static String returnTo(Session s) {
        String url = s.returnUrl();
        if (url == null || !(url.startsWith("https://") || url.startsWith("http://") || url.startsWith("/"))) {
            return null;
        }
        int hash = url.indexOf('#');
        String fragment = hash < 0 ? "" : url.substring(hash);
        String base = hash < 0 ? url : url.substring(0, hash);
        String separator = !base.contains("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
        return base + separator + "payment=" + URLEncoder.encode(s.paymentId(), StandardCharsets.UTF_8) + fragment;
    }

    static Reply tooLarge() {
        return Reply.problem(413, "Payload too large", "The form may have at most " + MAX_BODY_BYTES + " bytes.");
    }

    private Reply page(Session s) {
        return Reply.of(200, HTML, PageHtml.render(s, Chaos.of(config.get())).getBytes(StandardCharsets.UTF_8));
    }

    private static Reply sessionJson(Session s) {
        return Reply.of(200, JSON, Json.session(s));
    }

    private static Optional<String> reference(String path) {
        if (path == null || !path.startsWith(SESSIONS)) {
            return Optional.empty();
        }
        String reference = path.substring(SESSIONS.length());
        return References.wellFormed(reference) ? Optional.of(reference) : Optional.empty();
    }

    private static Reply notFound(String path) {
        return Reply.problem(404, "Not found", "There is no sandbox payment session at " + path + ".");
    }
}
