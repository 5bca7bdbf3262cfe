package org.amtsgang.payment.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.amtsgang.payment.api.spi.InvalidNotificationException;
import org.amtsgang.payment.api.spi.ProviderNotification;
import org.amtsgang.payment.api.spi.ProviderOutcome;
import org.amtsgang.payment.api.spi.ProviderRequest;
import org.amtsgang.payment.api.spi.ProviderSession;
import org.amtsgang.payment.api.spi.ProviderStatus;
import org.amtsgang.test.support.DerbyJpa;
import org.junit.After;
import org.junit.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** The component as DS makes it: a plain object, its context and references hand-made. */
public class SandboxProviderTest {

    private final DerbyJpa jpa = new DerbyJpa("payment-sandbox", SessionStoreTest.SCRIPT);
    private final List<String> migrated = new ArrayList<>();
    private final Map<String, Object> registered = new HashMap<>();
    private final AtomicBoolean unregistered = new AtomicBoolean();
    private final SandboxProvider provider = new SandboxProvider(
            context(),
            TestConfigs.sandbox(Map.of("secret", "s3cret", "publicUrl", "https://pay.example/")),
            jpa,
            (area, bundle) -> {
                migrated.add(area);
                return 1;
            });

    @After
    public void close() {
        provider.deactivate();
        jpa.close();
    }

    @Test
    public void itMigratesItsAreaAndRegistersTheHostedPageUntilDeactivated() {
        assertThat(migrated).containsExactly("paymentsandbox");
        assertThat(registered.get("servlet")).isInstanceOf(HostedPage.class);
        Dictionary<?, ?> properties = (Dictionary<?, ?>) registered.get("properties");
        assertThat(properties.get("osgi.http.whiteboard.servlet.pattern")).isEqualTo("/sandbox-psp/*");
        assertThat(unregistered).isFalse();

        provider.deactivate();

        assertThat(unregistered).isTrue();
    }

    @Test
    public void itIntroducesItself() {
        assertThat(provider.id()).isEqualTo("sandbox");
        assertThat(provider.title()).isEqualTo("Testzahlung (Sandbox)");
        assertThat(provider.methods()).containsExactly("card", "sepa-debit", "paypal");
    }

    @Test
    public void startOpensOneSessionPerPaymentOnTheHostedPage() {
        ProviderSession first = provider.start(SessionStoreTest.request("pay-1", "card"));
        ProviderSession again = provider.start(SessionStoreTest.request("pay-1", "card"));

        assertThat(first.reference()).matches("sbx_[A-Za-z0-9_-]{20}");
        assertThat(first.redirectUrl()).isEqualTo("https://pay.example/sandbox-psp/sessions/" + first.reference());
        assertThat(again).isEqualTo(first);
        assertThat(provider.status(first.reference())).contains(new ProviderStatus(ProviderOutcome.OPEN, "card", 0, 0));
    }

    @Test
    public void startRefusesWhatNoProviderWouldTake() {
        assertThatThrownBy(() -> provider.start(new ProviderRequest(null, 100, "x", null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> provider.start(new ProviderRequest("p", 0, "x", null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> provider.start(new ProviderRequest("p", 100, "x", null, null, "cash", null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> provider.start(new ProviderRequest("p", 100, "x".repeat(1001), null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(jpa.count("SELECT COUNT(*) FROM SANDBOX_SESSION")).isZero();
    }

    @Test
    public void statusTellsWhatWasCapturedAndRefunded() {
        ProviderSession s = provider.start(SessionStoreTest.request("pay-1", null));
        new SessionStore(jpa, java.time.Clock.systemUTC()).decide(s.reference(), ProviderOutcome.SUCCEEDED, "paypal");

        assertThat(provider.refund(s.reference(), "refund-1", 250)).isTrue();
        assertThat(provider.refund(s.reference(), "refund-1", 250)).isTrue();

        assertThat(provider.status(s.reference()))
                .contains(new ProviderStatus(ProviderOutcome.SUCCEEDED, "paypal", 1250, 250));
        assertThat(provider.status("sbx_AAAAAAAAAAAAAAAAAAAA")).isEmpty();
        assertThat(provider.status("'; DROP TABLE x")).isEmpty();
        assertThatThrownBy(() -> provider.refund(s.reference(), "", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void verifyReadsWhatTheSandboxSigned() throws Exception {
        ProviderNotification sent = notification();
        byte[] body = Json.notification(sent);

        ProviderNotification read = provider.verify(body, Map.of("x-sandbox-signature", sign("s3cret", body)));

        assertThat(read).isEqualTo(sent);
    }

    @Test
    public void verifyRefusesForgeriesAndGarbage() {
        byte[] body = Json.notification(notification());
        byte[] garbage = "{\"eventId\":\"e\"}".getBytes(StandardCharsets.UTF_8);
        byte[] notJson = "outcome=SUCCEEDED".getBytes(StandardCharsets.UTF_8);

        assertRefused(body, Map.of(), "Missing");
        assertRefused(body, Map.of("x-sandbox-signature", sign("guess", body)), "does not match");
        assertRefused(garbage, Map.of("x-sandbox-signature", sign("s3cret", garbage)), "paymentId is missing");
        assertRefused(notJson, Map.of("x-sandbox-signature", sign("s3cret", notJson)), "not JSON");
        assertRefused(
                body,
                Map.of(
                        "x-sandbox-signature",
                        Signatures.sign("s3cret", Instant.now().getEpochSecond() - 901, body)),
                "tolerance");
    }

    @Test
    public void aNewSecretAppliesAtOnce() {
        byte[] body = Json.notification(notification());
        String oldSignature = sign("s3cret", body);

        provider.modified(TestConfigs.sandbox(Map.of("secret", "rotated")));

        assertRefused(body, Map.of("x-sandbox-signature", oldSignature), "does not match");
    }

    @Test
    public void withoutASecretNoGuessableKeySignsAnything() {
        byte[] body = Json.notification(notification());
        for (String unset : List.of("", " ", SigningKey.WELL_KNOWN)) {
            provider.modified(TestConfigs.sandbox(Map.of("secret", unset)));

            for (String guess : List.of(" ", SigningKey.WELL_KNOWN, "s3cret")) {
                assertRefused(body, Map.of("x-sandbox-signature", sign(guess, body)), "does not match");
            }
        }
    }

    private void assertRefused(byte[] body, Map<String, String> headers, String why) {
        assertThatThrownBy(() -> provider.verify(body, headers))
                .isInstanceOf(InvalidNotificationException.class)
                .hasMessageContaining(why);
    }

    private static String sign(String secret, byte[] body) {
        return Signatures.sign(secret, Instant.now().getEpochSecond(), body);
    }

    private static ProviderNotification notification() {
        return new ProviderNotification(
                "0b9f6d62-3a5e-4f3c-9a55-6d5d7c4c8e01",
                "pay-1",
                "sbx_AAAAAAAAAAAAAAAAAAAA",
                ProviderOutcome.SUCCEEDED,
                null,
                1250,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @SuppressWarnings("unchecked")
    private BundleContext context() {
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(
                ServiceRegistration.class.getClassLoader(), new Class<?>[] {ServiceRegistration.class}, (p, m, a) -> {
                    if (m.getName().equals("unregister")) {
                        if (!unregistered.compareAndSet(false, true)) {
                            throw new IllegalStateException("already unregistered");
                        }
                    }
                    return null;
                });
        return (BundleContext) Proxy.newProxyInstance(
                BundleContext.class.getClassLoader(), new Class<?>[] {BundleContext.class}, (p, m, a) -> {
                    if (m.getName().equals("registerService")) {
                        registered.put("servlet", a[1]);
                        registered.put("properties", (Dictionary<String, ?>) a[2]);
                        return registration;
                    }
                    return null;
                });
    }
}
