package org.amtsgang.cases.internal;

import static org.amtsgang.cases.api.CaseException.Reason.BAD_REQUEST;
import static org.amtsgang.cases.api.CaseException.Reason.CONFLICT;
import static org.amtsgang.cases.api.CaseException.Reason.FORBIDDEN;
import static org.amtsgang.cases.api.CaseException.Reason.INVALID;
import static org.amtsgang.cases.api.CaseException.Reason.KEY_REUSED;
import static org.amtsgang.cases.api.CaseException.Reason.NOT_FOUND;
import static org.amtsgang.cases.api.CaseException.Reason.TEMPORARILY_UNAVAILABLE;
import static org.amtsgang.cases.api.CaseException.Reason.TOO_LARGE;
import static org.amtsgang.cases.api.CaseException.Reason.TRUST_LEVEL;
import static org.amtsgang.cases.api.CaseException.Reason.UNAVAILABLE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.persistence.PersistenceException;
import org.amtsgang.cases.api.CaseException;
import org.amtsgang.cases.api.Cases;
import org.amtsgang.cases.api.dto.AttachmentInfo;
import org.amtsgang.cases.api.dto.CaseDocument;
import org.amtsgang.cases.api.dto.CasePage;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.cases.api.dto.CaseView;
import org.amtsgang.cases.api.dto.CreatedCase;
import org.amtsgang.cases.api.dto.DecisionKind;
import org.amtsgang.cases.api.dto.FieldError;
import org.amtsgang.cases.api.dto.FilesMoved;
import org.amtsgang.cases.api.dto.HistoryEntry;
import org.amtsgang.cases.api.dto.InboxQuery;
import org.amtsgang.cases.api.dto.NewApplication;
import org.amtsgang.cases.api.dto.NewAttachment;
import org.amtsgang.cases.api.dto.Recommendation;
import org.amtsgang.cases.internal.Lifecycle.Actor;
import org.amtsgang.cases.internal.form.FormValidator;
import org.amtsgang.cases.internal.store.CaseEntity;
import org.amtsgang.cases.internal.store.CaseStore;
import org.amtsgang.cases.internal.store.FileEntity;
import org.amtsgang.cases.internal.store.Step;
import org.amtsgang.catalog.api.OfficeRegistry;
import org.amtsgang.catalog.api.ServiceCatalog;
import org.amtsgang.catalog.api.dto.PaymentPolicy;
import org.amtsgang.catalog.api.dto.ServiceDescriptor;
import org.amtsgang.document.api.Documents;
import org.amtsgang.identity.api.AccountInfo;
import org.amtsgang.identity.api.Accounts;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.identity.api.TrustLevel;
import org.amtsgang.persistence.api.SchemaMigrations;
import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The case service: checks who may do what, moves cases through their {@link Lifecycle}, and
 * records every change with its history step and outbox entry in one transaction. Office hooks run
 * before that transaction, never inside it.
 */
@Component(service = Cases.class, configurationPid = CasesConfig.PID)
@Designate(ocd = CasesConfig.class)
public final class CasesComponent implements Cases {

    private static final Logger LOGGER = LoggerFactory.getLogger(CasesComponent.class);
    private static final int MAX_REASON = 4000;
    private static final Set<CaseStatus> UNDECIDED =
            EnumSet.of(CaseStatus.SUBMITTED, CaseStatus.AWAITING_PAYMENT, CaseStatus.IN_REVIEW, CaseStatus.NEEDS_INFO);

    /** The actor named in the history for changes the platform makes itself. */
    static final String SYSTEM_ACTOR = "system";

    private final CaseStore store;
    private final ServiceCatalog catalog;
    private final Accounts accounts;
    private final OfficeHooks hooks;
    private final Decisions decisions;
    private final Attachments attachments;
    private final CaseFiles files;
    private final OutboxDispatcher outbox;
    private final FormValidator forms = new FormValidator();
    private volatile CasesConfig config;

    /** Keeps the files' bytes while it runs; it refers to cases itself, so it comes and goes after us. */
    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Documents documents;

    @Activate
    public CasesComponent(
            BundleContext context,
            CasesConfig config,
            @Reference(target = "(osgi.unit.name=cases)") JpaTemplate jpa,
            @Reference SchemaMigrations migrations,
            @Reference ServiceCatalog catalog,
            @Reference Accounts accounts,
            @Reference OfficeHooks hooks,
            @Reference OfficeRegistry offices,
            @Reference OutboxDispatcher outbox) {
        migrations.migrate("cases", context.getBundle());
        this.store = new CaseStore(jpa);
        this.catalog = catalog;
        this.accounts = accounts;
        this.hooks = hooks;
        this.outbox = outbox;
        this.config = config;
        this.files = new CaseFiles(store, () -> this.documents);
        this.decisions = new Decisions(store, hooks, catalog, offices, files, () -> this.config);
        this.attachments = new Attachments(store, files, () -> this.config);
    }

    @Modified
    void modified(CasesConfig config) {
        this.config = config;
    }

    // ---- the applicant ----

    @Override
    public CreatedCase create(Caller applicant, NewApplication application, String idempotencyKey) {
        requireCitizen(applicant);
        if (application == null
                || application.serviceId() == null
                || application.serviceId().isBlank()) {
            throw new CaseException(BAD_REQUEST, "Name the service applied for (serviceId).");
        }
        checkKey(idempotencyKey);
        ServiceDescriptor service = offered(application.serviceId());
        requireTrustLevel(applicant, service);
        JsonNode form = parse(application.formData());
        String requestHash = Fingerprint.of(service.id(), application.submit(), form);
        if (application.submit()) {
            try {
                check(service, form, application.formData());
            } catch (CaseException invalid) {
                // a repeated request is answered as before even if the rules changed since; a key
                // used for another application is said to be that, not the form's problems
                Optional<CaseEntity> earlier =
                        idempotencyKey == null ? Optional.empty() : store.byKey(applicant.subject(), idempotencyKey);
                if (earlier.isPresent()) {
                    return replay(earlier.get(), requestHash, idempotencyKey);
                }
                throw invalid;
            }
        }
        long now = System.currentTimeMillis();
        CaseEntity fresh = new CaseEntity();
        fresh.serviceId = service.id();
        fresh.serviceVersion = service.version();
        fresh.officeId = service.officeId();
        fresh.applicant = applicant.subject();
        fresh.applicantName = limit(applicant.displayName(), 200);
        fresh.applicantEmail = limit(applicant.email(), 320);
        fresh.formData = form.toString();
        fresh.createdAt = now;
        fresh.updatedAt = now;
        fresh.feeCents = service.feeCents();
        fresh.idempotencyKey = idempotencyKey;
        fresh.requestHash = requestHash;
        if (application.submit()) {
            fresh.status = handedIn(service).name();
            fresh.submittedAt = now;
            fresh.dueAt = Views.dueAt(now, service.processingDeadlineDays());
        } else {
            fresh.status = CaseStatus.DRAFT.name();
        }
        CaseStatus status = CaseStatus.valueOf(fresh.status);
        Step step = new Step(
                applicant.subject(),
                application.submit() ? "SUBMITTED" : "CREATED",
                null,
                status,
                null,
                application.submit());
        for (int attempt = 1; ; attempt++) {
            fresh.id = CaseIds.next();
            try {
                CaseStore.Created created = store.create(fresh, step);
                if (created.replayed()) {
                    return replay(created.entity(), requestHash, idempotencyKey);
                }
                outbox.wake();
                return new CreatedCase(Views.forApplicant(created.entity()), false);
            } catch (PersistenceException e) {
                if (attempt >= 3) {
                    throw e; // not a colliding id after all
                }
            }
        }
    }

    private static CreatedCase replay(CaseEntity earlier, String requestHash, String key) {
        if (!requestHash.equals(earlier.requestHash)) {
            throw new CaseException(
                    KEY_REUSED,
                    "The Idempotency-Key '" + key + "' was used before for another application;"
                            + " use a new key for a new application.");
        }
        return new CreatedCase(Views.forApplicant(earlier), true);
    }

    @Override
    public CaseView updateDraft(Caller applicant, String caseId, String formData, long expectedVersion) {
        CaseEntity c = own(applicant, caseId);
        requireStatus(c, EnumSet.of(CaseStatus.DRAFT), "Only drafts can be edited");
        JsonNode form = parse(formData);
        CaseStatus status = CaseStatus.DRAFT;
        return Views.forApplicant(store.update(
                caseId,
                expectedVersion,
                e -> e.formData = form.toString(),
                new Step(applicant.subject(), "DRAFT_SAVED", status, status, null, false),
                List.of()));
    }

    @Override
    public CaseView submit(Caller applicant, String caseId) {
        CaseEntity c = own(applicant, caseId);
        Lifecycle.check(Actor.APPLICANT, status(c), CaseStatus.SUBMITTED);
        ServiceDescriptor service = offered(c.serviceId);
        requireTrustLevel(applicant, service);
        check(service, parse(c.formData), c.formData);
        long now = System.currentTimeMillis();
        CaseStatus to = handedIn(service);
        CaseEntity handedIn = store.update(
                caseId,
                c.version,
                e -> {
                    e.status = to.name();
                    e.serviceVersion = service.version(); // checked against the version offered now
                    e.feeCents = service.feeCents();
                    e.submittedAt = now;
                    e.dueAt = Views.dueAt(now, service.processingDeadlineDays());
                },
                new Step(applicant.subject(), "SUBMITTED", CaseStatus.DRAFT, to, null, true),
                List.of());
        // the draft's files were the applicant's alone; now the office reads them, as documents
        files.moveAll(applicant, handedIn);
        return changed(Views.forApplicant(handedIn));
    }

    @Override
    public CaseView withdraw(Caller applicant, String caseId, String reason) {
        CaseEntity c = own(applicant, caseId);
        Lifecycle.check(Actor.APPLICANT, status(c), CaseStatus.WITHDRAWN);
        String why = optionalText(reason, "reason");
        return changed(Views.forApplicant(store.update(
                caseId,
                c.version,
                e -> {
                    e.status = CaseStatus.WITHDRAWN.name();
                    clearDecision(e); // a proposal awaiting its second pair of eyes lapses
                },
                new Step(applicant.subject(), "WITHDRAWN", status(c), CaseStatus.WITHDRAWN, why, true),
                List.of())));
    }

    @Override
    public CaseView answer(Caller applicant, String caseId, String message, String formData) {
        CaseEntity c = own(applicant, caseId);
        Lifecycle.check(Actor.APPLICANT, status(c), CaseStatus.IN_REVIEW);
        if (status(c) != CaseStatus.NEEDS_INFO) {
            throw new CaseException(CONFLICT, "The office has not asked for information on this case.");
        }
        String text = requiredText(message, "message");
        String newForm;
        if (formData != null && !formData.isBlank()) {
            ServiceDescriptor service = catalog.service(c.serviceId).orElse(null);
            JsonNode form = parse(formData);
            if (service != null) {
                check(service, form, formData);
            }
            newForm = form.toString();
        } else {
            newForm = null;
        }
        return changed(Views.forApplicant(store.update(
                caseId,
                c.version,
                e -> {
                    e.status = CaseStatus.IN_REVIEW.name();
                    if (newForm != null) {
                        e.formData = newForm;
                    }
                },
                new Step(applicant.subject(), "ANSWERED", CaseStatus.NEEDS_INFO, CaseStatus.IN_REVIEW, text, true),
                List.of())));
    }

    @Override
    public CasePage mine(Caller applicant, int page, int size) {
        requireCitizen(applicant);
        List<CaseEntity> rows = store.ofApplicant(applicant.subject(), page * size, size + 1);
        List<CaseView> items = rows.stream()
                .limit(size)
                .map(c -> {
                    CaseView v = Views.forApplicant(c);
                    return withoutForm(v);
                })
                .toList();
        return new CasePage(items, page, size, rows.size() > size);
    }

    @Override
    public AttachmentInfo attach(Caller applicant, String caseId, NewAttachment attachment) {
        CaseEntity c = own(applicant, caseId);
        requireStatus(
                c,
                EnumSet.of(CaseStatus.DRAFT, CaseStatus.NEEDS_INFO),
                "Files can be attached to drafts and to cases waiting for your information");
        return attachments.add(applicant, c, attachment);
    }

    @Override
    public void removeAttachment(Caller applicant, String caseId, String fileId) {
        CaseEntity c = own(applicant, caseId);
        requireStatus(c, EnumSet.of(CaseStatus.DRAFT), "Attachments can be removed from drafts only");
        attachments.remove(applicant, c, fileId);
    }

    // ---- reading ----

    @Override
    public CaseView get(Caller caller, String caseId) {
        CaseEntity c = visible(caller, caseId);
        return isApplicant(caller, c) ? Views.forApplicant(c) : Views.of(c, true);
    }

    @Override
    public List<HistoryEntry> history(Caller caller, String caseId) {
        CaseEntity c = visible(caller, caseId);
        boolean applicant = isApplicant(caller, c);
        List<HistoryEntry> entries = new ArrayList<>();
        store.history(caseId).forEach(h -> {
            if (applicant && !shownToApplicant(h.action, h.fromStatus, h.toStatus)) {
                return;
            }
            String actor =
                    !applicant || h.actor.equals(c.applicant) || h.actor.equals(SYSTEM_ACTOR) ? h.actor : c.officeId;
            // who in the office works on it is the office's business: the applicant sees the office
            String message = applicant && "ASSIGNED".equals(h.action) ? null : h.message;
            entries.add(Views.of(h, actor, message));
        });
        return entries;
    }

    @Override
    public List<AttachmentInfo> files(Caller caller, String caseId) {
        visible(caller, caseId);
        return store.files(caseId).stream().map(Views::of).toList();
    }

    @Override
    public CaseDocument file(Caller caller, String caseId, String fileId) {
        visible(caller, caseId);
        return store.file(caseId, fileId)
                .map(f -> files.read(caller, f))
                .orElseThrow(() -> new CaseException(NOT_FOUND, "The case has no file '" + fileId + "'."));
    }

    @Override
    public Optional<CaseDocument> notice(Caller caller, String caseId) {
        visible(caller, caseId);
        return store.files(caseId).stream()
                .filter(f -> AttachmentInfo.Kind.NOTICE.name().equals(f.kind))
                .reduce((first, second) -> second)
                .flatMap(f -> store.file(caseId, f.id))
                .map(f -> files.read(caller, f));
    }

    @Override
    public FilesMoved moveFilesToDocuments(Caller operator, int limit) {
        if (operator == null || operator.kind() != PrincipalKind.OPERATOR) {
            throw new CaseException(FORBIDDEN, "Moving files is for operators.");
        }
        if (files.service().isEmpty()) {
            throw new CaseException(TEMPORARILY_UNAVAILABLE, "The document service is not running.");
        }
        int moved = 0;
        int left = 0;
        String after = "";
        while (moved + left < limit) {
            List<FileEntity> batch = store.filesKeptHere(after, Math.min(100, limit - moved - left));
            if (batch.isEmpty()) {
                break;
            }
            for (FileEntity listed : batch) {
                after = listed.id;
                CaseEntity c = store.find(listed.caseId).orElse(null);
                Optional<Caller> author = c == null ? Optional.empty() : author(c, listed);
                boolean done = author.isPresent()
                        && store.file(c.id, listed.id)
                                .map(f -> files.move(author.get(), c, f))
                                .orElse(false);
                if (done) {
                    moved++;
                } else {
                    left++;
                    if (author.isEmpty()) {
                        LOGGER.warn(
                                "File {} of case {} stays with the case: its author {} cannot act any more",
                                listed.id,
                                listed.caseId,
                                listed.addedBy);
                    }
                }
            }
        }
        return new FilesMoved(moved, left, store.countFilesKeptHere());
    }

    /**
     * The person who added a file, to move it in their name: the applicant as themselves, staff with
     * the roles they hold today (someone who left the office can no longer file for it).
     */
    private Optional<Caller> author(CaseEntity c, FileEntity f) {
        if (f.addedBy.equals(c.applicant)) {
            return Optional.of(new Caller(
                    c.applicant, PrincipalKind.CITIZEN, c.applicantName, c.applicantEmail, TrustLevel.BASIS, Set.of()));
        }
        return accounts.byId(f.addedBy)
                .filter(a -> a.status() == AccountInfo.Status.ACTIVE)
                .map(Caller::of);
    }

    // ---- the office ----

    @Override
    public CasePage inbox(Caller staff, InboxQuery query) {
        if (query == null || query.officeId() == null) {
            throw new CaseException(BAD_REQUEST, "Name the office.");
        }
        requireStaffOf(staff, query.officeId());
        if (query.page() < 0 || query.size() < 1) {
            throw new CaseException(BAD_REQUEST, "Page must be 0 or more and size 1 or more.");
        }
        Set<CaseStatus> statuses = EnumSet.allOf(CaseStatus.class);
        statuses.remove(CaseStatus.DRAFT); // drafts are the applicant's alone
        if (!query.statuses().isEmpty()) {
            statuses.retainAll(query.statuses());
        }
        long now = System.currentTimeMillis();
        if (query.overdueOnly()) {
            statuses.retainAll(UNDECIDED);
        }
        if (query.olderThanDays() < 0) {
            throw new CaseException(BAD_REQUEST, "olderThanDays must not be negative.");
        }
        List<CaseEntity> rows = statuses.isEmpty()
                ? List.of()
                : store.search(new CaseStore.Search(
                        query.officeId(),
                        List.copyOf(statuses),
                        query.serviceId(),
                        query.assignee(),
                        query.olderThanDays() > 0 ? now - query.olderThanDays() * 86_400_000L : null,
                        query.overdueOnly() ? now : null,
                        query.page() * query.size(),
                        query.size() + 1));
        List<CaseView> items =
                rows.stream().limit(query.size()).map(c -> Views.of(c, false)).toList();
        return new CasePage(items, query.page(), query.size(), rows.size() > query.size());
    }

    @Override
    public CaseView assign(Caller staff, String caseId, String assignee) {
        CaseEntity c = ofOffice(staff, caseId);
        String who = assignee == null || assignee.isBlank() ? staff.subject() : assignee.trim();
        if (!who.equals(staff.subject())) {
            String candidate = who;
            AccountInfo member = accounts.byId(candidate)
                    .filter(a -> a.kind() == PrincipalKind.STAFF && a.status() == AccountInfo.Status.ACTIVE)
                    .filter(a ->
                            a.officeRoles().stream().anyMatch(r -> r.officeId().equals(c.officeId)))
                    .orElseThrow(() -> new CaseException(
                            BAD_REQUEST,
                            "'" + candidate + "' is not an active member of the office " + c.officeId + "."));
            who = member.id();
        }
        CaseStatus from = status(c);
        CaseStatus to = from == CaseStatus.SUBMITTED ? CaseStatus.IN_REVIEW : from;
        if (to == from
                && !EnumSet.of(CaseStatus.IN_REVIEW, CaseStatus.NEEDS_INFO).contains(from)) {
            throw new CaseException(CONFLICT, "A case in status " + from + " cannot be assigned.");
        }
        if (to != from) {
            Lifecycle.check(Actor.STAFF, from, to);
        }
        String assigned = who;
        return changed(Views.of(
                store.update(
                        caseId,
                        c.version,
                        e -> {
                            e.assignee = assigned;
                            e.status = to.name();
                        },
                        new Step(staff.subject(), "ASSIGNED", from, to, "assigned to " + assigned, to != from),
                        List.of()),
                true));
    }

    @Override
    public CaseView requestInformation(Caller staff, String caseId, String message) {
        CaseEntity c = ofOffice(staff, caseId);
        Lifecycle.check(Actor.STAFF, status(c), CaseStatus.NEEDS_INFO);
        String question = requiredText(message, "message");
        return changed(Views.of(
                store.update(
                        caseId,
                        c.version,
                        e -> {
                            e.status = CaseStatus.NEEDS_INFO.name();
                            // the answer may change the form: a proposal made before it lapses
                            clearDecision(e);
                            if (e.assignee == null || e.assignee.isEmpty()) {
                                e.assignee = staff.subject();
                            }
                        },
                        new Step(
                                staff.subject(),
                                "INFORMATION_REQUESTED",
                                status(c),
                                CaseStatus.NEEDS_INFO,
                                question,
                                true),
                        List.of()),
                true));
    }

    @Override
    public CaseView decide(Caller staff, String caseId, DecisionKind decision, String reason) {
        CaseEntity c = ofOffice(staff, caseId);
        if (decision == null) {
            throw new CaseException(BAD_REQUEST, "Say what is decided: APPROVE or REJECT.");
        }
        String why = requiredText(reason, "reason");
        CaseStatus to = decision == DecisionKind.APPROVE ? CaseStatus.APPROVED : CaseStatus.REJECTED;
        Lifecycle.check(Actor.STAFF, status(c), to);
        CaseView result = fourEyes(c.serviceId)
                ? decisions.propose(staff, c, decision, why)
                : decisions.take(staff, c, decision, why, null);
        return changed(result);
    }

    @Override
    public CaseView confirm(Caller staff, String caseId) {
        CaseEntity c = ofOffice(staff, caseId);
        if (c.decisionKind == null || c.confirmedBy != null || status(c).finished()) {
            throw new CaseException(CONFLICT, "There is no decision on this case waiting for confirmation.");
        }
        if (c.decidedBy.equals(staff.subject())) {
            throw new CaseException(
                    CONFLICT, "A second member of staff must confirm this decision (four-eyes rule), not its author.");
        }
        DecisionKind kind = DecisionKind.valueOf(c.decisionKind);
        Lifecycle.check(
                Actor.STAFF, status(c), kind == DecisionKind.APPROVE ? CaseStatus.APPROVED : CaseStatus.REJECTED);
        return changed(decisions.take(staff, c, kind, c.decisionReason, c.decidedBy));
    }

    @Override
    public CaseView close(Caller staff, String caseId) {
        CaseEntity c = ofOffice(staff, caseId);
        Lifecycle.check(Actor.STAFF, status(c), CaseStatus.CLOSED);
        return changed(Views.of(
                store.update(
                        caseId,
                        c.version,
                        e -> e.status = CaseStatus.CLOSED.name(),
                        new Step(staff.subject(), "CLOSED", status(c), CaseStatus.CLOSED, null, true),
                        List.of()),
                true));
    }

    @Override
    public List<Recommendation> recommendations(Caller staff, String caseId) {
        CaseEntity c = ofOffice(staff, caseId);
        return hooks.recommend(Views.of(c, true));
    }

    // ---- the payment area ----

    @Override
    public CaseView feePaid(String caseId, String paymentId) {
        CaseEntity c = load(caseId);
        if (status(c) != CaseStatus.AWAITING_PAYMENT) {
            return Views.of(c, true);
        }
        Lifecycle.check(Actor.SYSTEM, CaseStatus.AWAITING_PAYMENT, CaseStatus.IN_REVIEW);
        return changed(Views.of(
                store.update(
                        caseId,
                        c.version,
                        e -> e.status = CaseStatus.IN_REVIEW.name(),
                        new Step(
                                SYSTEM_ACTOR,
                                "FEE_PAID",
                                CaseStatus.AWAITING_PAYMENT,
                                CaseStatus.IN_REVIEW,
                                "payment " + limit(paymentId, 100),
                                true),
                        List.of()),
                true));
    }

    // ---- rules ----

    /**
     * Where a handed-in application goes: to the office, or first to paying the fee where the
     * service is processed only once it is paid. (SUBMITTED → AWAITING_PAYMENT is the system's move
     * in the lifecycle; taking it at once keeps the applicant from seeing a status that lasts a
     * millisecond.)
     */
    private static CaseStatus handedIn(ServiceDescriptor service) {
        boolean payFirst = service.paymentPolicy() == PaymentPolicy.REQUIRED && service.feeCents() > 0;
        if (payFirst) {
            Lifecycle.check(Actor.SYSTEM, CaseStatus.SUBMITTED, CaseStatus.AWAITING_PAYMENT);
            return CaseStatus.AWAITING_PAYMENT;
        }
        return CaseStatus.SUBMITTED;
    }

    private CaseView changed(CaseView view) {
        outbox.wake();
        return view;
    }

    private boolean fourEyes(String serviceId) {
        for (String id : config.fourEyesServices()) {
            if (id.trim().equals(serviceId)) {
                return true;
            }
        }
        return false;
    }

    private ServiceDescriptor offered(String serviceId) {
        return catalog.service(serviceId)
                .orElseThrow(() -> new CaseException(
                        UNAVAILABLE, "The service '" + serviceId + "' is not offered online (any more)."));
    }

    private JsonNode parse(String formData) {
        if (formData != null && formData.length() > Math.min(config.maxFormChars(), 32_000)) {
            throw new CaseException(
                    TOO_LARGE,
                    "The form is larger than the " + Math.min(config.maxFormChars(), 32_000)
                            + " characters accepted; attach documents as files instead.");
        }
        FormValidator.Parsed parsed = FormValidator.parse(formData == null ? "{}" : formData);
        if (!parsed.errors().isEmpty()) {
            throw new CaseException(INVALID, "The form is not a JSON object.", parsed.errors());
        }
        return parsed.form();
    }

    /** The full check of a form being handed in: the schema, then the office's own rules. */
    private void check(ServiceDescriptor service, JsonNode form, String formText) {
        List<FieldError> errors =
                new ArrayList<>(forms.validate(service.id() + "@" + service.version(), service.formSchema(), form));
        if (errors.isEmpty()) {
            errors.addAll(hooks.validate(service.id(), form.toString()));
        }
        if (!errors.isEmpty()) {
            throw new CaseException(
                    INVALID,
                    "The form has " + errors.size() + " problem" + (errors.size() == 1 ? "" : "s") + ".",
                    errors);
        }
    }

    private static void requireCitizen(Caller caller) {
        if (caller == null || caller.kind() != PrincipalKind.CITIZEN) {
            throw new CaseException(FORBIDDEN, "Applications are made with a citizen's account.");
        }
    }

    private static void requireTrustLevel(Caller applicant, ServiceDescriptor service) {
        if (!applicant.trustLevel().satisfies(service.trustLevel())) {
            throw new CaseException(TRUST_LEVEL, service.trustLevel().name());
        }
    }

    private static void requireStaffOf(Caller staff, String officeId) {
        if (staff == null || staff.kind() != PrincipalKind.STAFF || !staff.worksIn(officeId)) {
            throw new CaseException(FORBIDDEN, "Only staff of the office " + officeId + " work on its cases.");
        }
    }

    private static void requireStatus(CaseEntity c, Set<CaseStatus> allowed, String rule) {
        if (!allowed.contains(status(c))) {
            throw new CaseException(CONFLICT, rule + "; this case is " + c.status + ".");
        }
    }

    /** The applicant's own case; anyone else's is "not found", as if it did not exist. */
    private CaseEntity own(Caller applicant, String caseId) {
        requireCitizen(applicant);
        CaseEntity c = load(caseId);
        if (!c.applicant.equals(applicant.subject())) {
            throw notFound(caseId);
        }
        return c;
    }

    /** A case of an office the caller works in. */
    private CaseEntity ofOffice(Caller staff, String caseId) {
        if (staff == null || staff.kind() != PrincipalKind.STAFF) {
            throw new CaseException(FORBIDDEN, "Only an office's staff work on its cases.");
        }
        CaseEntity c = load(caseId);
        if (!staff.worksIn(c.officeId) || status(c) == CaseStatus.DRAFT) {
            throw notFound(caseId);
        }
        return c;
    }

    private CaseEntity visible(Caller caller, String caseId) {
        if (caller == null) {
            throw notFound(caseId);
        }
        CaseEntity c = load(caseId);
        boolean mayRead = isApplicant(caller, c)
                || (caller.kind() == PrincipalKind.STAFF
                        && caller.worksIn(c.officeId)
                        && status(c) != CaseStatus.DRAFT);
        if (!mayRead) {
            throw notFound(caseId);
        }
        return c;
    }

    private static boolean isApplicant(Caller caller, CaseEntity c) {
        return caller.kind() == PrincipalKind.CITIZEN && c.applicant.equals(caller.subject());
    }

    private CaseEntity load(String caseId) {
        if (!CaseIds.plausible(caseId)) {
            throw notFound(caseId);
        }
        return store.find(caseId).orElseThrow(() -> notFound(caseId));
    }

    private static CaseException notFound(String caseId) {
        return new CaseException(NOT_FOUND, "There is no case '" + caseId + "' for you.");
    }

    private static CaseStatus status(CaseEntity c) {
        return CaseStatus.valueOf(c.status);
    }

    private static void checkKey(String key) {
        if (key != null && (key.isEmpty() || key.length() > 100 || !key.matches("[\\x21-\\x7e]+"))) {
            throw new CaseException(
                    BAD_REQUEST, "An Idempotency-Key is 1 to 100 visible ASCII characters, e.g. a UUID.");
        }
    }

    private static String requiredText(String text, String name) {
        if (text == null || text.isBlank()) {
            throw new CaseException(BAD_REQUEST, "A " + name + " is required, in writing.");
        }
        return optionalText(text, name);
    }

    private static String optionalText(String text, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_REASON) {
            throw new CaseException(TOO_LARGE, "The " + name + " is longer than " + MAX_REASON + " characters.");
        }
        return text.strip();
    }

    private static String limit(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static void clearDecision(CaseEntity e) {
        if (!CaseStatus.valueOf(e.status).decided()) {
            e.decisionKind = null;
            e.decisionReason = null;
            e.decidedBy = null;
            e.decidedAt = null;
        }
    }

    /** Steps the applicant sees: everything but the office's internal ones. */
    private static boolean shownToApplicant(String action, String from, String to) {
        if ("DECISION_PROPOSED".equals(action)) {
            return false;
        }
        return !"ASSIGNED".equals(action) || !to.equals(from);
    }

    private static CaseView withoutForm(CaseView v) {
        return new CaseView(
                v.id(),
                v.serviceId(),
                v.serviceVersion(),
                v.officeId(),
                v.applicant(),
                v.applicantName(),
                v.status(),
                null,
                v.createdAt(),
                v.submittedAt(),
                v.dueDate(),
                v.assignee(),
                v.decision(),
                v.feeCents(),
                v.version());
    }
}
