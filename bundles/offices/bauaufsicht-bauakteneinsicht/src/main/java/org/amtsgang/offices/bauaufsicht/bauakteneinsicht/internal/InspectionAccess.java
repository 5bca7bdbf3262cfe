package org.amtsgang.offices.bauaufsicht.bauakteneinsicht.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.amtsgang.cases.api.Cases;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.cases.api.dto.CaseView;
import org.amtsgang.cases.api.spi.CaseEvent;
import org.amtsgang.cases.api.spi.CaseListener;
import org.amtsgang.document.api.Documents;
import org.amtsgang.document.api.dto.SearchHit;
import org.amtsgang.document.api.dto.SearchPage;
import org.amtsgang.document.api.dto.SearchQuery;
import org.amtsgang.identity.api.AccountInfo;
import org.amtsgang.identity.api.Accounts;
import org.amtsgang.identity.api.Caller;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an approved inspection into access: the building files of the property (by Aktenzeichen if
 * given, else by address) become readable for the applicant for 30 days, granted in the name of the
 * member of staff who approved. Nothing here decides: it carries out the person's decision.
 */
@Component
public final class InspectionAccess implements CaseListener {

    private static final int MAX_FILES = 100;
    private static final int MAX_PAGES = 50;

    private final Logger logger = LoggerFactory.getLogger(InspectionAccess.class);
    private final Documents documents;
    private final Accounts accounts;

    /**
     * The case service binds this listener while it starts itself. Held as service objects and got
     * only when an approval arrives: getting it while this component starts would, in one start
     * order, ask the framework for a service that is starting and waiting for this one; the
     * framework refuses that cycle, and the listener would never be told. Without it an event fails
     * and the outbox repeats it.
     */
    private volatile ComponentServiceObjects<Cases> cases;

    @Activate
    public InspectionAccess(@Reference Documents documents, @Reference Accounts accounts) {
        this.documents = documents;
        this.accounts = accounts;
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCases(ComponentServiceObjects<Cases> cases) {
        this.cases = cases;
    }

    void unbindCases(ComponentServiceObjects<Cases> cases) {
        if (this.cases == cases) {
            this.cases = null;
        }
    }

    @Override
    public void statusChanged(CaseEvent event) {
        if (!BauakteneinsichtService.ID.equals(event.serviceId()) || event.to() != CaseStatus.APPROVED) {
            return;
        }
        AccountInfo approver = accounts.byId(event.actor()).orElse(null);
        if (approver == null
                || !approver.officeRoles().stream()
                        .anyMatch(r -> r.officeId().equals(BauakteneinsichtService.OFFICE))) {
            logger.error(
                    "Inspection {} was approved by {}, who is not Bauaufsicht staff: no access granted",
                    event.caseId(),
                    event.actor());
            return;
        }
        Caller staff = Caller.of(approver);
        CaseView approved = approved(staff, event.caseId());
        InspectionForm form = InspectionForm.of(approved.formData());
        Set<String> files = new LinkedHashSet<>();
        Map<String, String> by = form.aktenzeichen().isEmpty()
                ? Map.of("address", form.address())
                : Map.of("aktenzeichen", form.aktenzeichen());
        Map<String, String> fields = Map.of(
                "type",
                "BAUAKTE",
                by.keySet().iterator().next(),
                by.values().iterator().next());
        // hits are pages: page through them for the files (a file has many pages)
        for (int page = 0; page < MAX_PAGES && files.size() < MAX_FILES; page++) {
            SearchPage hits = documents.search(staff, new SearchQuery(null, fields, page, 100));
            for (SearchHit hit : hits.items()) {
                files.add(hit.documentId());
            }
            if ((long) (page + 1) * 100 >= hits.total()) {
                break;
            }
        }
        Instant until = event.at().plus(Duration.ofDays(BauakteneinsichtService.ACCESS_DAYS));
        for (String file : files) {
            documents.grant(staff, file, event.applicant(), until, "Bauakteneinsicht " + event.caseId());
        }
        logger.info(
                "Inspection {}: {} building files readable for {} until {}",
                event.caseId(),
                files.size(),
                event.applicant(),
                until);
    }

    private CaseView approved(Caller staff, String caseId) {
        ComponentServiceObjects<Cases> objects = cases;
        Cases service = objects == null ? null : objects.getService();
        if (service == null) {
            throw new IllegalStateException("the case service is not running; inspection " + caseId + " waits");
        }
        try {
            return service.get(staff, caseId);
        } finally {
            objects.ungetService(service);
        }
    }
}
