package org.amtsgang.payment.internal;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.amtsgang.cases.api.CaseException;
import org.amtsgang.cases.api.Cases;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.cases.api.dto.CaseView;
import org.amtsgang.cases.api.dto.Decision;
import org.amtsgang.cases.api.dto.DecisionKind;
import org.amtsgang.catalog.api.ServiceCatalog;
import org.amtsgang.catalog.api.dto.LocalizedText;
import org.amtsgang.catalog.api.dto.PaymentPolicy;
import org.amtsgang.catalog.api.dto.ServiceDescriptor;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.OfficeRole;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.identity.api.Role;
import org.amtsgang.identity.api.TrustLevel;
import org.amtsgang.payment.api.spi.InvalidNotificationException;
import org.amtsgang.payment.api.spi.PaymentProvider;
import org.amtsgang.payment.api.spi.ProviderNotification;
import org.amtsgang.payment.api.spi.ProviderOutcome;
import org.amtsgang.payment.api.spi.ProviderRequest;
import org.amtsgang.payment.api.spi.ProviderSession;
import org.amtsgang.payment.api.spi.ProviderStatus;
import org.osgi.framework.BundleContext;

/**
 * What the payment area talks to, written after the APIs: cases of a few services, the catalogue,
 * and a provider whose truth the test sets. (The real case service and the sandbox provider meet
 * the payment area in the integration tests.)
 */
final class World {

    static final String PAY_FIRST = "buergeramt-meldebescheinigung";
    static final String PAY_AFTER = "bauaufsicht-genehmigung";
    static final String FREE = "steueramt-hundesteuer-anmeldung";

    static final Caller ANNA = citizen("anna");
    static final Caller BERT = citizen("bert");
    static final Caller OLGA = staff("olga", "buergeramt");
    static final Caller SARA = staff("sara", "steueramt");
    static final Caller OPERATOR =
            new Caller("op", PrincipalKind.OPERATOR, "Op", "op@stadt.example", TrustLevel.SUBSTANTIAL, Set.of());

    private World() {}

    static Caller citizen(String id) {
        return new Caller(id, PrincipalKind.CITIZEN, id, id + "@example.org", TrustLevel.HIGH, Set.of());
    }

    static Caller staff(String id, String office) {
        return new Caller(
                id,
                PrincipalKind.STAFF,
                id,
                id + "@stadt.example",
                TrustLevel.SUBSTANTIAL,
                Set.of(new OfficeRole(office, Role.CASEWORKER)));
    }

    static BundleContext noBundleContext() {
        return (BundleContext) Proxy.newProxyInstance(
                BundleContext.class.getClassLoader(), new Class<?>[] {BundleContext.class}, (p, m, a) -> null);
    }

    static PaymentConfig config(Map<String, Object> values) {
        return (PaymentConfig) Proxy.newProxyInstance(
                PaymentConfig.class.getClassLoader(), new Class<?>[] {PaymentConfig.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return method.getName().equals("toString") ? "PaymentConfig" + values : null;
                });
    }

    /** Cases the test puts in; only what the payment area calls is there. */
    static final class CaseList {
        final Map<String, CaseView> byId = new ConcurrentHashMap<>();
        final List<String> feePaid = new CopyOnWriteArrayList<>();
        /** Cases whose feePaid fails as if the case area's database were away. */
        final java.util.Set<String> failing = ConcurrentHashMap.newKeySet();

        CaseView put(String id, String service, String applicant, CaseStatus status, long fee) {
            String office = service.substring(0, service.indexOf('-'));
            CaseView view = new CaseView(
                    id,
                    service,
                    "1.0.0",
                    office,
                    applicant,
                    applicant,
                    status,
                    "{}",
                    Instant.now(),
                    Instant.now(),
                    LocalDate.now().plusDays(3),
                    null,
                    null,
                    fee,
                    1);
            byId.put(id, view);
            return view;
        }

        void decide(String id, CaseStatus status) {
            CaseView c = byId.get(id);
            Decision decision = status.decided()
                    ? new Decision(
                            status == CaseStatus.APPROVED ? DecisionKind.APPROVE : DecisionKind.REJECT,
                            "why",
                            "olga",
                            Instant.now(),
                            null,
                            null)
                    : null;
            byId.put(
                    id,
                    new CaseView(
                            c.id(),
                            c.serviceId(),
                            c.serviceVersion(),
                            c.officeId(),
                            c.applicant(),
                            c.applicantName(),
                            status,
                            c.formData(),
                            c.createdAt(),
                            c.submittedAt(),
                            c.dueDate(),
                            c.assignee(),
                            decision,
                            c.feeCents(),
                            c.version() + 1));
        }

        Cases service() {
            return (Cases)
                    Proxy.newProxyInstance(Cases.class.getClassLoader(), new Class<?>[] {Cases.class}, (p, m, a) -> {
                        switch (m.getName()) {
                            case "get" -> {
                                Caller caller = (Caller) a[0];
                                CaseView c = byId.get((String) a[1]);
                                boolean visible = c != null
                                        && (caller.kind() == PrincipalKind.CITIZEN
                                                ? c.applicant().equals(caller.subject())
                                                : caller.worksIn(c.officeId()));
                                if (!visible) {
                                    throw new CaseException(CaseException.Reason.NOT_FOUND, "no case " + a[1]);
                                }
                                return c;
                            }
                            case "feePaid" -> {
                                CaseView c = byId.get((String) a[0]);
                                if (failing.contains((String) a[0])) {
                                    throw new IllegalStateException("database away");
                                }
                                if (c == null) {
                                    throw new CaseException(CaseException.Reason.NOT_FOUND, "no case " + a[0]);
                                }
                                feePaid.add(a[0] + "/" + a[1]);
                                if (c.status() == CaseStatus.AWAITING_PAYMENT) {
                                    decide(c.id(), CaseStatus.IN_REVIEW);
                                }
                                return byId.get((String) a[0]);
                            }
                            case "toString" -> {
                                return "Cases";
                            }
                            default -> throw new UnsupportedOperationException(m.getName() + " is not used by payment");
                        }
                    });
        }
    }

    static ServiceCatalog catalog() {
        Map<String, ServiceDescriptor> services = Map.of(
                PAY_FIRST, service(PAY_FIRST, PaymentPolicy.REQUIRED, 1000),
                PAY_AFTER, service(PAY_AFTER, PaymentPolicy.AFTER_DECISION, 5000),
                FREE, service(FREE, PaymentPolicy.NONE, 0));
        return (ServiceCatalog) Proxy.newProxyInstance(
                ServiceCatalog.class.getClassLoader(),
                new Class<?>[] {ServiceCatalog.class},
                (p, m, a) -> switch (m.getName()) {
                    case "service" -> Optional.ofNullable(services.get((String) a[0]));
                    case "toString" -> "Catalog";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static ServiceDescriptor service(String id, PaymentPolicy policy, long fee) {
        return new ServiceDescriptor(
                id,
                null,
                id.substring(0, id.indexOf('-')),
                new LocalizedText("Titel " + id, "Title " + id),
                new LocalizedText("", ""),
                TrustLevel.BASIS,
                policy,
                fee,
                "{}",
                5,
                3,
                "1.0.0");
    }

    /**
     * A provider whose truth the test sets. Its notifications read {@code eventId|paymentId|reference|OUTCOME|amount},
     * signed by the header {@code x-test-signature: good}.
     */
    static final class TestProvider implements PaymentProvider {
        final Map<String, ProviderStatus> truth = new ConcurrentHashMap<>();
        final Map<String, Long> refunds = new ConcurrentHashMap<>();
        volatile boolean refuseRefunds;

        @Override
        public String id() {
            return "test";
        }

        @Override
        public String title() {
            return "Test";
        }

        @Override
        public List<String> methods() {
            return List.of("card", "paypal");
        }

        @Override
        public ProviderSession start(ProviderRequest request) {
            truth.putIfAbsent("ref-" + request.paymentId(), new ProviderStatus(ProviderOutcome.OPEN, null, 0, 0));
            return new ProviderSession(
                    "ref-" + request.paymentId(), "https://psp.example/pay/ref-" + request.paymentId());
        }

        @Override
        public ProviderNotification verify(byte[] body, Map<String, String> headers)
                throws InvalidNotificationException {
            if (!"good".equals(headers.get("x-test-signature"))) {
                throw new InvalidNotificationException("bad signature");
            }
            String[] f = new String(body, StandardCharsets.UTF_8).split("\\|");
            return new ProviderNotification(
                    f[0], f[1], f[2], ProviderOutcome.valueOf(f[3]), "card", Long.parseLong(f[4]), Instant.now());
        }

        /** The references asked about, in order. */
        final List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

        final java.util.concurrent.atomic.AtomicInteger statusQueries = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public Optional<ProviderStatus> status(String reference) {
            asked.add(reference);
            statusQueries.incrementAndGet();
            return Optional.ofNullable(truth.get(reference));
        }

        /** How many different references were asked about since the n-th question. */
        long distinctStatusQueries(int since) {
            return asked.subList(since, asked.size()).stream().distinct().count();
        }

        @Override
        public boolean refund(String reference, String refundId, long amountCents) {
            if (refuseRefunds) {
                throw new IllegalStateException("refused");
            }
            refunds.putIfAbsent(refundId, amountCents);
            return true;
        }

        void settle(String paymentId, ProviderOutcome outcome, long amount) {
            truth.put(
                    "ref-" + paymentId,
                    new ProviderStatus(outcome, "card", outcome == ProviderOutcome.SUCCEEDED ? amount : 0, 0));
        }

        static byte[] body(String eventId, String paymentId, ProviderOutcome outcome, long amount) {
            return (eventId + "|" + paymentId + "|ref-" + paymentId + "|" + outcome + "|" + amount)
                    .getBytes(StandardCharsets.UTF_8);
        }
    }
}
