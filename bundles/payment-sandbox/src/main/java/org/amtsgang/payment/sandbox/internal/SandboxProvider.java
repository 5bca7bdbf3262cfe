package org.amtsgang.payment.sandbox.internal;

import java.time.Clock;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.servlet.Servlet;
import org.amtsgang.payment.api.spi.InvalidNotificationException;
import org.amtsgang.payment.api.spi.PaymentProvider;
import org.amtsgang.payment.api.spi.ProviderNotification;
import org.amtsgang.payment.api.spi.ProviderRequest;
import org.amtsgang.payment.api.spi.ProviderSession;
import org.amtsgang.payment.api.spi.ProviderStatus;
import org.amtsgang.persistence.api.SchemaMigrations;
import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A payment provider that lives inside the platform, for testers and tests: its hosted page lets a
 * tester decide each payment, and its signed notifications reach the platform like a real
 * provider's, late, twice or out of order if asked. No money moves.
 *
 * <p>The hosted page is registered by this component, so that page and provider come and go
 * together and share one store and one sender.
 */
@Component(
        service = PaymentProvider.class,
        property = PaymentProvider.ID_PROPERTY + "=" + SandboxProvider.ID,
        configurationPid = SandboxConfig.PID)
@Designate(ocd = SandboxConfig.class)
public final class SandboxProvider implements PaymentProvider {

    static final String ID = "sandbox";
    /** Where the hosted page is, below the HTTP root. */
    static final String PAGE_PATH = "/sandbox-psp";

    /** The schema migrations' area: lower-case letters only, so without the bundle name's dash. */
    static final String AREA = "paymentsandbox";

    private static final long FIRST_BACKOFF_MILLIS = 500;
    private static final int MAX_ID = 100;
    private static final int MAX_PURPOSE = 1000;
    private static final int MAX_RETURN_URL = 2000;

    private final Logger logger = LoggerFactory.getLogger(SandboxProvider.class);
    private final SessionStore store;
    private final CallbackSender sender;
    private final ServiceRegistration<Servlet> page;
    private final SigningKey key = new SigningKey();
    private volatile SandboxConfig config;

    @Activate
    public SandboxProvider(
            BundleContext context,
            SandboxConfig config,
            @Reference(target = "(osgi.unit.name=payment-sandbox)") JpaTemplate jpa,
            @Reference SchemaMigrations migrations) {
        migrations.migrate(AREA, context.getBundle());
        this.config = config;
        this.store = new SessionStore(jpa, Clock.systemUTC());
        this.sender = new CallbackSender(() -> this.config, () -> key.of(this.config), FIRST_BACKOFF_MILLIS);
        SessionPages pages = new SessionPages(store, () -> this.config, sender::schedule, new Random());
        this.page = context.registerService(Servlet.class, new HostedPage(pages), pageProperties());
        logger.info("Sandbox payment provider active: test payments only, no money moves");
        logKey(config);
    }

    @Modified
    void modified(SandboxConfig config) {
        this.config = config;
        logKey(config);
    }

    private void logKey(SandboxConfig config) {
        if (!SigningKey.configured(config)) {
            logger.info("No sandbox secret configured (secret, env AMTSGANG_SANDBOX_SECRET): notifications are"
                    + " signed with a random key of this run");
        }
    }

    @Deactivate
    void deactivate() {
        try {
            page.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping and the framework unregistered it first
        }
        sender.close();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Testzahlung (Sandbox)";
    }

    @Override
    public List<String> methods() {
        return Outcomes.METHODS;
    }

    @Override
    public ProviderSession start(ProviderRequest request) {
        check(request);
        Session session = store.open(request, References.next());
        String base = config.publicUrl().replaceAll("/+$", "");
        return new ProviderSession(session.reference(), base + PAGE_PATH + "/sessions/" + session.reference());
    }

    @Override
    public ProviderNotification verify(byte[] body, Map<String, String> headers) throws InvalidNotificationException {
        if (body == null) {
            throw new InvalidNotificationException("Unreadable notification: no body");
        }
        SandboxConfig current = config;
        Signatures.verify(
                key.of(current),
                header(headers),
                body,
                System.currentTimeMillis() / 1000,
                Math.max(0, current.signatureToleranceSeconds()));
        return Json.readNotification(body);
    }

    @Override
    public Optional<ProviderStatus> status(String reference) {
        if (!References.wellFormed(reference)) {
            return Optional.empty();
        }
        return store.find(reference).map(Session::status);
    }

    @Override
    public boolean refund(String reference, String refundId, long amountCents) {
        if (refundId == null || refundId.isBlank() || refundId.length() > MAX_ID) {
            throw new IllegalArgumentException("A refund id of 1 to " + MAX_ID + " characters is required.");
        }
        if (!References.wellFormed(reference)) {
            throw new IllegalArgumentException("There is no session " + reference + ".");
        }
        store.refund(reference, refundId, amountCents);
        return true;
    }

    /** What the table can hold; a real provider refuses such requests too. */
    private static void check(ProviderRequest request) {
        if (request.paymentId() == null
                || request.paymentId().isBlank()
                || request.paymentId().length() > MAX_ID) {
            throw new IllegalArgumentException("A payment id of 1 to " + MAX_ID + " characters is required.");
        }
        if (request.amountCents() <= 0) {
            throw new IllegalArgumentException("The amount must be more than 0 cents.");
        }
        if (request.purpose() != null && request.purpose().length() > MAX_PURPOSE) {
            throw new IllegalArgumentException("The purpose may have at most " + MAX_PURPOSE + " characters.");
        }
        if (request.method() != null && !Outcomes.METHODS.contains(request.method())) {
            throw new IllegalArgumentException("Unknown payment method " + request.method() + ".");
        }
        if (request.returnUrl() != null && request.returnUrl().length() > MAX_RETURN_URL) {
            throw new IllegalArgumentException("The return URL may have at most " + MAX_RETURN_URL + " characters.");
        }
    }

    /** The signature header; names are lower case by contract, any case is accepted all the same. */
    private static String header(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        String value = headers.get(Signatures.HEADER);
        if (value != null) {
            return value;
        }
        return headers.entrySet().stream()
                .filter(e -> Signatures.HEADER.equalsIgnoreCase(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    private static Dictionary<String, Object> pageProperties() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.http.whiteboard.servlet.pattern", PAGE_PATH + "/*");
        properties.put("osgi.http.whiteboard.servlet.name", "amtsgang-payment-sandbox");
        return properties;
    }
}
