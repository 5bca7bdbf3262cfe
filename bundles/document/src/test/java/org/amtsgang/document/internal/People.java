package org.amtsgang.document.internal;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.amtsgang.cases.api.CaseException;
import org.amtsgang.cases.api.Cases;
import org.amtsgang.cases.api.dto.AttachmentInfo;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.cases.api.dto.CaseView;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.OfficeRole;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.identity.api.Role;
import org.amtsgang.identity.api.TrustLevel;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

/**
 * The people of the tests and the parts the document area talks to, written after their APIs: a
 * case list with the case service's access rule (applicant or staff of the office). The real case
 * service meets the document area in the integration tests.
 */
final class People {

    static final Caller ANNA = citizen("anna");
    static final Caller BERT = citizen("bert");
    static final Caller BAU_CLERK = staff("clara", "bauaufsicht", Role.CASEWORKER);
    static final Caller BAU_LEAD = staff("lena", "bauaufsicht", Role.OFFICE_LEAD);
    static final Caller BUERGER_CLERK = staff("olga", "buergeramt", Role.CASEWORKER);
    static final Caller OPERATOR =
            new Caller("op", PrincipalKind.OPERATOR, "Op", "op@stadt.example", TrustLevel.SUBSTANTIAL, Set.of());

    private People() {}

    static Caller citizen(String id) {
        return new Caller(id, PrincipalKind.CITIZEN, id, id + "@example.org", TrustLevel.SUBSTANTIAL, Set.of());
    }

    static Caller staff(String id, String office, Role role) {
        return new Caller(
                id,
                PrincipalKind.STAFF,
                id,
                id + "@stadt.example",
                TrustLevel.SUBSTANTIAL,
                Set.of(new OfficeRole(office, role)));
    }

    static BundleContext noBundleContext() {
        return (BundleContext) Proxy.newProxyInstance(
                BundleContext.class.getClassLoader(), new Class<?>[] {BundleContext.class}, (p, m, a) -> null);
    }

    static DocumentConfig config(Map<String, Object> values) {
        return (DocumentConfig) Proxy.newProxyInstance(
                DocumentConfig.class.getClassLoader(), new Class<?>[] {DocumentConfig.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    return method.getDefaultValue();
                });
    }

    /** One service as SCR hands it to a component that gets it only when needed. */
    static <T> ComponentServiceObjects<T> objects(T service) {
        return new ComponentServiceObjects<>() {
            @Override
            public T getService() {
                return service;
            }

            @Override
            public void ungetService(T released) {}

            @Override
            public ServiceReference<T> getServiceReference() {
                return null;
            }
        };
    }

    /**
     * Cases by id, each with its office and applicant, and the documents that hold their files;
     * get() and files() check access as the case service does.
     */
    static final class CaseList {
        private final Map<String, CaseView> cases = new ConcurrentHashMap<>();
        private final Map<String, java.util.List<AttachmentInfo>> files = new ConcurrentHashMap<>();

        /** The case holds the document as one of its files, as the case area records it. */
        void holds(String caseId, String documentId) {
            files.computeIfAbsent(caseId, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(new AttachmentInfo(
                            "file-" + documentId,
                            AttachmentInfo.Kind.ATTACHMENT,
                            "a.png",
                            "image/png",
                            1,
                            "00",
                            Instant.now(),
                            documentId));
        }

        void add(String id, String office, String applicant) {
            add(id, office, applicant, CaseStatus.IN_REVIEW);
        }

        void add(String id, String office, String applicant, CaseStatus status) {
            cases.put(
                    id,
                    new CaseView(
                            id,
                            office + "-service",
                            "1",
                            office,
                            applicant,
                            applicant,
                            status,
                            "{}",
                            Instant.now(),
                            Instant.now(),
                            null,
                            null,
                            null,
                            0,
                            1));
        }

        Cases service() {
            return (Cases) Proxy.newProxyInstance(
                    Cases.class.getClassLoader(), new Class<?>[] {Cases.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("get") && !method.getName().equals("files")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        Caller caller = (Caller) args[0];
                        CaseView kase = cases.get((String) args[1]);
                        boolean theirs = kase != null
                                && (caller.subject().equals(kase.applicant()) || caller.worksIn(kase.officeId()));
                        if (!theirs) {
                            throw new CaseException(CaseException.Reason.NOT_FOUND, "no case " + args[1]);
                        }
                        return method.getName().equals("get")
                                ? kase
                                : files.getOrDefault(kase.id(), java.util.List.of());
                    });
        }
    }
}
