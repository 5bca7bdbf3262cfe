package org.amtsgang.cases.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.amtsgang.catalog.api.OfficeRegistry;
import org.amtsgang.catalog.api.ServiceCatalog;
import org.amtsgang.catalog.api.dto.CatalogEntry;
import org.amtsgang.catalog.api.dto.LocalizedText;
import org.amtsgang.catalog.api.dto.Office;
import org.amtsgang.catalog.api.dto.PaymentPolicy;
import org.amtsgang.catalog.api.dto.ServiceDescriptor;
import org.amtsgang.catalog.api.dto.ServicePage;
import org.amtsgang.catalog.api.dto.ServiceQuery;
import org.amtsgang.identity.api.AccountInfo;
import org.amtsgang.identity.api.Accounts;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.OfficeRole;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.identity.api.Role;
import org.amtsgang.identity.api.TrustLevel;
import org.osgi.framework.BundleContext;

/**
 * What the case area meets around it, hand-written after the API bundles: the catalogue with the
 * two real office services, the city's offices, the accounts, and the callers of the tests.
 */
final class Platform {

    static final String HUNDESTEUER = "steueramt-hundesteuer-anmeldung";
    static final String MELDEBESCHEINIGUNG = "buergeramt-meldebescheinigung";

    static final Caller ANNA = citizen("anna", "Jürgen Groß", TrustLevel.BASIS);
    static final Caller BERT = citizen("bert", "Bert Becker", TrustLevel.HIGH);
    /** Caseworker in the Steueramt. */
    static final Caller SARA = staff("sara", "steueramt", Role.CASEWORKER);
    /** Leads the Steueramt. */
    static final Caller TOM = staff("tom", "steueramt", Role.OFFICE_LEAD);
    /** Caseworker in the Bürgeramt: another office. */
    static final Caller OLGA = staff("olga", "buergeramt", Role.CASEWORKER);

    static final Caller OPERATOR =
            new Caller("op", PrincipalKind.OPERATOR, "Operator", "op@example.org", TrustLevel.HIGH, Set.of());

    private Platform() {}

    /** A bundle context is only handed on to the schema migrations, which the tests do themselves. */
    static BundleContext noBundleContext() {
        return (BundleContext) Proxy.newProxyInstance(
                BundleContext.class.getClassLoader(), new Class<?>[] {BundleContext.class}, (p, m, a) -> null);
    }

    static Caller citizen(String id, String name, TrustLevel level) {
        return new Caller(id, PrincipalKind.CITIZEN, name, id + "@example.org", level, Set.of());
    }

    static Caller staff(String id, String office, Role role) {
        return new Caller(
                id,
                PrincipalKind.STAFF,
                id.toUpperCase(java.util.Locale.ROOT),
                id + "@stadt.example",
                TrustLevel.SUBSTANTIAL,
                Set.of(new OfficeRole(office, role)));
    }

    /** The catalogue: the two services of the office bundles, from their own descriptors. */
    static final class Catalog implements ServiceCatalog {
        final Map<String, ServiceDescriptor> services = new ConcurrentHashMap<>();

        Catalog() {
            services.put(HUNDESTEUER, hundesteuer());
            services.put(MELDEBESCHEINIGUNG, meldebescheinigung());
        }

        @Override
        public Optional<ServiceDescriptor> service(String serviceId) {
            return Optional.ofNullable(services.get(serviceId));
        }

        @Override
        public ServicePage search(ServiceQuery query) {
            throw new UnsupportedOperationException("not used by the case area");
        }

        @Override
        public List<CatalogEntry> entries() {
            return List.of();
        }

        @Override
        public long revision() {
            return 1;
        }
    }

    static final class Offices implements OfficeRegistry {
        private final List<Office> offices = List.of(
                new Office("buergeramt", new LocalizedText("Bürgeramt", "Citizens' office"), null, "Mo–Fr 8–13 Uhr"),
                new Office("steueramt", new LocalizedText("Steueramt", "Tax office"), null, "Mo–Do 8–12 Uhr"));

        @Override
        public List<Office> offices() {
            return offices;
        }

        @Override
        public Optional<Office> office(String officeId) {
            return offices.stream().filter(o -> o.id().equals(officeId)).findFirst();
        }
    }

    /** The accounts behind the staff callers (and one disabled member of staff). */
    static final class AccountList implements Accounts {
        final List<AccountInfo> accounts = new ArrayList<>(List.of(
                account(SARA, AccountInfo.Status.ACTIVE),
                account(TOM, AccountInfo.Status.ACTIVE),
                account(OLGA, AccountInfo.Status.ACTIVE),
                account(staff("gone", "steueramt", Role.CASEWORKER), AccountInfo.Status.DISABLED),
                account(ANNA, AccountInfo.Status.ACTIVE)));

        @Override
        public Optional<AccountInfo> byId(String accountId) {
            return accounts.stream().filter(a -> a.id().equals(accountId)).findFirst();
        }

        @Override
        public Optional<AccountInfo> byEmail(String email) {
            return accounts.stream().filter(a -> a.email().equals(email)).findFirst();
        }

        @Override
        public List<AccountInfo> staffOf(String officeId) {
            return accounts.stream()
                    .filter(a ->
                            a.officeRoles().stream().anyMatch(r -> r.officeId().equals(officeId)))
                    .toList();
        }

        @Override
        public List<AccountInfo> allStaff() {
            return accounts.stream()
                    .filter(a -> a.kind() != PrincipalKind.CITIZEN)
                    .toList();
        }

        private static AccountInfo account(Caller caller, AccountInfo.Status status) {
            return new AccountInfo(
                    caller.subject(),
                    caller.kind(),
                    caller.email(),
                    caller.displayName(),
                    status,
                    caller.trustLevel(),
                    caller.officeRoles(),
                    false,
                    Instant.parse("2026-01-01T00:00:00Z"));
        }
    }

    /** The dog tax service as its bundle's descriptor file declares it. */
    static ServiceDescriptor hundesteuer() {
        JsonNode d = json(resource("/forms/steueramt-hundesteuer-anmeldung.json"));
        return new ServiceDescriptor(
                d.get("id").asText(),
                null,
                d.get("office").asText(),
                new LocalizedText(d.at("/title/de").asText(), d.at("/title/en").asText()),
                new LocalizedText(
                        d.at("/description/de").asText(),
                        d.at("/description/en").asText()),
                TrustLevel.valueOf(d.get("trustLevel").asText()),
                PaymentPolicy.valueOf(d.get("paymentPolicy").asText()),
                d.get("feeCents").asLong(),
                d.get("form").toString(),
                d.get("processingDeadlineDays").asInt(),
                d.get("ozgMaturityLevel").asInt(),
                d.get("version").asText());
    }

    /** The Meldebescheinigung as its bundle's Java service declares it: the eID is required. */
    static ServiceDescriptor meldebescheinigung() {
        return new ServiceDescriptor(
                MELDEBESCHEINIGUNG,
                null,
                "buergeramt",
                new LocalizedText("Meldebescheinigung", "Certificate of registration"),
                new LocalizedText("Bescheinigung über Ihre Anschrift", "Certificate of your address"),
                TrustLevel.HIGH,
                PaymentPolicy.REQUIRED,
                1000,
                resource("/forms/buergeramt-meldebescheinigung.schema.json"),
                3,
                4,
                "1.0.0");
    }

    static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = Platform.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
