package org.amtsgang.payment.internal;

import static org.amtsgang.payment.api.PaymentException.Reason.BAD_REQUEST;
import static org.amtsgang.payment.api.PaymentException.Reason.CONFLICT;
import static org.amtsgang.payment.api.PaymentException.Reason.FORBIDDEN;
import static org.amtsgang.payment.api.PaymentException.Reason.KEY_REUSED;
import static org.amtsgang.payment.api.PaymentException.Reason.NOT_FOUND;
import static org.amtsgang.payment.api.PaymentException.Reason.UNAVAILABLE;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.amtsgang.cases.api.CaseException;
import org.amtsgang.cases.api.Cases;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.cases.api.dto.CaseView;
import org.amtsgang.cases.api.dto.DecisionKind;
import org.amtsgang.catalog.api.ServiceCatalog;
import org.amtsgang.catalog.api.dto.PaymentPolicy;
import org.amtsgang.catalog.api.dto.ServiceDescriptor;
import org.amtsgang.document.api.Documents;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.payment.api.PaymentException;
import org.amtsgang.payment.api.Payments;
import org.amtsgang.payment.api.dto.Booking;
import org.amtsgang.payment.api.dto.BookingExport;
import org.amtsgang.payment.api.dto.BookingLine;
import org.amtsgang.payment.api.dto.CreatedPayment;
import org.amtsgang.payment.api.dto.NewPayment;
import org.amtsgang.payment.api.dto.NewRefund;
import org.amtsgang.payment.api.dto.PaymentEvent;
import org.amtsgang.payment.api.dto.PaymentPage;
import org.amtsgang.payment.api.dto.PaymentQuery;
import org.amtsgang.payment.api.dto.PaymentState;
import org.amtsgang.payment.api.dto.PaymentView;
import org.amtsgang.payment.api.dto.ProviderInfo;
import org.amtsgang.payment.api.dto.Receipt;
import org.amtsgang.payment.api.dto.ReconcileReport;
import org.amtsgang.payment.api.dto.RefundView;
import org.amtsgang.payment.api.spi.PaymentProvider;
import org.amtsgang.payment.api.spi.ProviderRequest;
import org.amtsgang.payment.api.spi.ProviderSession;
import org.amtsgang.payment.internal.store.CaseTodoEntity;
import org.amtsgang.payment.internal.store.PaymentEntity;
import org.amtsgang.payment.internal.store.PaymentStore;
import org.amtsgang.persistence.api.SchemaMigrations;
import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment service: payments of case fees through pluggable providers, with a background job
 * that reconciles open payments, expires forgotten ones, finishes pending refunds and tells the
 * case area of fees paid.
 */
@Component(service = Payments.class, configurationPid = PaymentConfig.PID)
@Designate(ocd = PaymentConfig.class)
public final class PaymentsComponent implements Payments {

    private static final Set<CaseStatus> OPTIONAL_PAYABLE =
            EnumSet.of(CaseStatus.SUBMITTED, CaseStatus.AWAITING_PAYMENT, CaseStatus.IN_REVIEW, CaseStatus.NEEDS_INFO);

    /** Paid fees handed to the case area per transaction of their notes. */
    private static final int CASE_BATCH = 200;
    /** How soon background work waiting for a rush to pass looks again. */
    private static final long RUSH_RECHECK_MILLIS = 250;

    /** Receipts nobody asked for yet, filed per housekeeping run. */
    private static final int RECEIPT_BATCH = 50;

    private final Logger logger = LoggerFactory.getLogger(PaymentsComponent.class);
    private final Providers providers = new Providers();
    private final PaymentStore store;
    private final Cases cases;
    private final ServiceCatalog catalog;
    private final Settlement settlement;
    private final Refunds refunds;
    private final ScheduledExecutorService jobs;
    private final AtomicBoolean caseSyncQueued = new AtomicBoolean();
    /** Notifications and new payments arriving: while they rush in, background work waits. */
    private final Arrivals arrivals;
    /** Telling the case area of paid fees, and the housekeeping, wait while they rush in (jobs thread). */
    private final Rush caseFollowUpRush;

    private final Rush housekeepingRush;
    private final AtomicBoolean housekeepingQueued = new AtomicBoolean();

    private final Receipts receipts;
    private volatile PaymentConfig config;
    private volatile ServiceRules rules;

    /** Keeps the receipts while it runs; without it, each is written afresh when asked for. */
    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Documents documents;

    @Activate
    public PaymentsComponent(
            BundleContext context,
            PaymentConfig config,
            @Reference(target = "(osgi.unit.name=payment)") JpaTemplate jpa,
            @Reference SchemaMigrations migrations,
            @Reference Cases cases,
            @Reference ServiceCatalog catalog) {
        migrations.migrate("payment", context.getBundle());
        this.store = new PaymentStore(jpa);
        this.cases = cases;
        this.catalog = catalog;
        this.config = config;
        this.rules = new ServiceRules(config);
        this.arrivals = new Arrivals(() -> this.config.yieldAbovePerSecond(), System::nanoTime);
        LongSupplier maxDelay = () -> TimeUnit.SECONDS.toNanos(Math.max(0, this.config.yieldMaxDelaySeconds()));
        this.caseFollowUpRush = new Rush(arrivals, maxDelay, System::nanoTime);
        this.housekeepingRush = new Rush(arrivals, maxDelay, System::nanoTime);
        this.settlement = new Settlement(store, providers, this::tellCasesSoon, config.reconcileMaxPerRun());
        this.refunds = new Refunds(store, providers);
        this.receipts = new Receipts(store, catalog, () -> this.config, () -> this.documents);
        this.jobs = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "amtsgang-payment-jobs");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY); // after the requests (see bin/setenv)
            return t;
        });
        // the first run after a start comes within a minute (sooner with a shorter interval), so that
        // what a crash left open is looked at soon, but not while the platform is still booting
        long interval = Math.max(5, config.reconcileIntervalSeconds());
        jobs.scheduleWithFixedDelay(this::housekeeping, Math.min(interval, 60), interval, TimeUnit.SECONDS);
        jobs.scheduleWithFixedDelay(this::tellCases, 2, 5, TimeUnit.SECONDS);
    }

    @Modified
    void modified(PaymentConfig config) {
        this.rules = new ServiceRules(config);
        this.config = config;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        // no interrupt: embedded Derby closes a connection whose thread is interrupted mid-statement
        jobs.shutdown();
        jobs.awaitTermination(30, TimeUnit.SECONDS);
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(PaymentProvider provider) {
        providers.add(provider);
        logger.info("Payment provider {} available", provider.id());
    }

    void removeProvider(PaymentProvider provider) {
        providers.remove(provider);
        logger.info("Payment provider {} gone; its payments wait for it", provider.id());
    }

    // ---- the payer ----

    @Override
    public CreatedPayment create(Caller payer, NewPayment request, String idempotencyKey) {
        arrivals.arrived();
        requireCitizen(payer);
        if (request == null || request.caseId() == null || request.caseId().isBlank()) {
            throw new PaymentException(BAD_REQUEST, "Name the case whose fee is paid (caseId).");
        }
        checkKey(idempotencyKey);
        String providerId = request.provider() == null || request.provider().isBlank()
                ? config.defaultProvider()
                : request.provider();
        String returnUrl = returnUrl(request.returnUrl());
        String requestHash = hash(request.caseId(), providerId, request.method(), returnUrl);
        PaymentStore.Precheck precheck = store.precheck(payer.subject(), idempotencyKey, request.caseId());
        if (precheck.byKey().isPresent()) {
            return replay(precheck.byKey().get(), requestHash, idempotencyKey);
        }
        PaymentProvider provider = providers
                .get(providerId)
                .orElseThrow(() -> new PaymentException(
                        UNAVAILABLE,
                        "The payment provider '" + providerId + "' is not available; choose another or try later."));
        if (request.method() != null && !provider.methods().contains(request.method())) {
            throw new PaymentException(
                    BAD_REQUEST,
                    "The provider '" + providerId + "' offers " + String.join(", ", provider.methods()) + ", not '"
                            + request.method() + "'.");
        }
        CaseView c = caseOf(payer, request.caseId());
        ServiceDescriptor service = catalog.service(c.serviceId())
                .orElseThrow(() -> new PaymentException(
                        CONFLICT, "The service '" + c.serviceId() + "' is not offered online (any more)."));
        boolean payFirst = payable(c, service.paymentPolicy());
        for (PaymentEntity earlier : precheck.ofCase()) {
            if (PaymentState.valueOf(earlier.state).paid()) {
                throw new PaymentException(
                        CONFLICT, "The fee of this case is paid already (payment " + earlier.id + ").");
            }
            if (!PaymentState.valueOf(earlier.state).finished()) {
                throw openPayment(earlier);
            }
        }
        Booking booking = rules.booking(c.serviceId());
        long now = System.currentTimeMillis();
        PaymentEntity p = new PaymentEntity();
        p.id = PaymentIds.payment();
        p.caseId = c.id();
        p.serviceId = c.serviceId();
        p.officeId = c.officeId();
        p.payer = payer.subject();
        p.amountCents = c.feeCents();
        p.purpose = purpose(c, service, p.id);
        p.haushaltsstelle = booking.haushaltsstelle();
        p.objektnummer = booking.objektnummer();
        p.provider = providerId;
        p.method = request.method();
        p.openCaseId = c.id();
        p.payFirst = payFirst ? 1 : 0;
        p.idempotencyKey = idempotencyKey;
        p.requestHash = requestHash;
        p.createdAt = now;
        p.updatedAt = now;
        // the provider's session first, under the payment's id (which it answers the same way when
        // asked again): then the payment is stored ready to pay, in one transaction
        ProviderSession session;
        try {
            session = provider.start(new ProviderRequest(
                    p.id, p.amountCents, p.purpose, p.haushaltsstelle, p.objektnummer, p.method, returnUrl));
        } catch (RuntimeException e) {
            logger.warn("Provider {} could not open a session for case {}: {}", providerId, c.id(), e.toString());
            throw new PaymentException(
                    UNAVAILABLE, "The payment provider '" + providerId + "' did not answer; try again later.", e);
        }
        p.providerRef = session.reference();
        p.nextUrl = session.redirectUrl();
        p.state = PaymentState.STARTED.name();
        try {
            PaymentStore.Inserted inserted = store.insert(
                    p,
                    Views.event(
                            p.id, "CREATED", null, PaymentState.STARTED, payer.subject(), p.amountCents + " cents"));
            return inserted.replayed()
                    ? replay(inserted.entity(), requestHash, idempotencyKey)
                    : new CreatedPayment(Views.of(inserted.entity()), false);
        } catch (PaymentStore.OpenPaymentExists e) {
            throw openPayment(e.open());
        }
    }

    private static CreatedPayment replay(PaymentEntity earlier, String requestHash, String key) {
        if (!requestHash.equals(earlier.requestHash)) {
            throw new PaymentException(
                    KEY_REUSED,
                    "The Idempotency-Key '" + key + "' was used before for another payment; use a new key for a new"
                            + " payment.");
        }
        return new CreatedPayment(Views.of(earlier), true);
    }

    private static PaymentException openPayment(PaymentEntity open) {
        return new PaymentException(
                CONFLICT,
                "Payment " + open.id + " of this case is still open: finish it at " + open.nextUrl
                        + " or cancel it before starting another.");
    }

    /** Whether the case's fee can be paid now; true if the case waits for it. */
    private static boolean payable(CaseView c, PaymentPolicy policy) {
        if (c.feeCents() <= 0) {
            throw new PaymentException(CONFLICT, "This case has no fee to pay.");
        }
        boolean approved = c.decision() != null
                && c.decision().kind() == DecisionKind.APPROVE
                && (c.status() == CaseStatus.APPROVED || c.status() == CaseStatus.CLOSED);
        return switch (policy) {
            case REQUIRED -> {
                if (c.status() != CaseStatus.AWAITING_PAYMENT) {
                    throw new PaymentException(
                            CONFLICT, "The case does not wait for its fee; it is " + c.status() + ".");
                }
                yield true;
            }
            case AFTER_DECISION -> {
                if (!approved) {
                    throw new PaymentException(
                            CONFLICT, "The fee of this service is paid once the application is approved.");
                }
                yield false;
            }
            case OPTIONAL -> {
                if (!OPTIONAL_PAYABLE.contains(c.status())) {
                    throw new PaymentException(
                            CONFLICT, "The fee can no longer be paid online; the case is " + c.status() + ".");
                }
                yield false;
            }
            case NONE -> throw new PaymentException(CONFLICT, "This service is free of charge.");
        };
    }

    private static String purpose(CaseView c, ServiceDescriptor service, String paymentId) {
        String title = service.title().de();
        // SEPA remittance information holds 140 characters; the ids come first so they survive cuts
        return Views.limit(paymentId + " " + c.id() + " " + title, 140);
    }

    private String returnUrl(String requested) {
        if (requested == null || requested.isBlank()) {
            return config.portalUrl();
        }
        try {
            URI uri = new URI(requested);
            if (uri.isAbsolute() && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                for (String prefix : config.returnUrlPrefixes()) {
                    if (requested.startsWith(prefix)) {
                        return requested;
                    }
                }
            }
        } catch (java.net.URISyntaxException e) {
            // refused below
        }
        // never an open redirect: the provider sends payers only back to the city's own pages
        throw new PaymentException(
                BAD_REQUEST,
                "returnUrl must be an address of the city's portal (" + String.join(", ", config.returnUrlPrefixes())
                        + ").");
    }

    @Override
    public PaymentView get(Caller caller, String paymentId) {
        return Views.of(visible(caller, paymentId));
    }

    @Override
    public List<PaymentEvent> events(Caller caller, String paymentId) {
        visible(caller, paymentId);
        return store.events(paymentId).stream().map(Views::of).toList();
    }

    @Override
    public PaymentPage mine(Caller payer, int page, int size) {
        requireCitizen(payer);
        List<PaymentView> items = store.ofPayer(payer.subject(), page * size, size).stream()
                .map(Views::of)
                .toList();
        return new PaymentPage(items, page, size, store.countOfPayer(payer.subject()));
    }

    @Override
    public PaymentPage search(Caller caller, PaymentQuery q) {
        if (caller == null || caller.kind() == PrincipalKind.CITIZEN) {
            throw new PaymentException(FORBIDDEN, "Only staff and operators search payments.");
        }
        if (caller.kind() == PrincipalKind.STAFF && (q.officeId() == null || !caller.worksIn(q.officeId()))) {
            throw new PaymentException(FORBIDDEN, "Staff see the payments of their own office only.");
        }
        PaymentStore.Search s = new PaymentStore.Search(
                q.officeId(),
                q.state() == null ? null : q.state().name(),
                q.provider(),
                q.caseId(),
                q.from() == null ? null : q.from().toEpochMilli(),
                q.to() == null ? null : q.to().toEpochMilli(),
                q.page() * q.size(),
                q.size());
        List<PaymentView> items = store.search(s).stream().map(Views::of).toList();
        return new PaymentPage(items, q.page(), q.size(), store.count(s));
    }

    @Override
    public PaymentView cancel(Caller payer, String paymentId) {
        PaymentEntity seen = visible(payer, paymentId);
        if (!seen.payer.equals(payer.subject())) {
            throw new PaymentException(FORBIDDEN, "Only the payer can cancel a payment.");
        }
        return store.change(paymentId, (p, tx) -> {
                    PaymentState from = PaymentState.valueOf(p.state);
                    if (from.finished()) {
                        throw new PaymentException(CONFLICT, "The payment is finished already (" + from + ").");
                    }
                    p.state = PaymentState.CANCELLED.name();
                    p.updatedAt = System.currentTimeMillis();
                    p.finishedAt = p.updatedAt;
                    p.openCaseId = null;
                    tx.persist(Views.event(
                            p.id, "CANCELLED", from, PaymentState.CANCELLED, payer.subject(), "by the payer"));
                    return Views.of(p);
                })
                .orElseThrow(() -> notFound(paymentId));
    }

    @Override
    public long refundable(Caller staff, String paymentId) {
        PaymentEntity p = ofOffice(staff, paymentId);
        return Refunds.refundable(p, caseOf(staff, p.caseId), rules);
    }

    @Override
    public RefundView refund(Caller staff, String paymentId, NewRefund refund, long expectedRefundableCents) {
        PaymentEntity p = ofOffice(staff, paymentId);
        long refundable = Refunds.refundable(p, caseOf(staff, p.caseId), rules);
        return refunds.refund(staff, p, refundable, refund, expectedRefundableCents);
    }

    // ---- providers and jobs ----

    @Override
    public PaymentView notify(String providerId, byte[] body, Map<String, String> headers) {
        arrivals.arrived();
        return settlement.notified(providerId, body, headers);
    }

    @Override
    public ReconcileReport reconcile(String paymentIdOrNull) {
        if (paymentIdOrNull != null && store.find(paymentIdOrNull).isEmpty()) {
            throw notFound(paymentIdOrNull);
        }
        long now = System.currentTimeMillis();
        ReconcileReport report = settlement.reconcile(
                paymentIdOrNull,
                now - config.reconcileAfterSeconds() * 1000L,
                now - 2L * config.expiryMinutes() * 60_000L);
        refunds.retryPending();
        if (paymentIdOrNull == null) {
            // receipts nobody asked for yet are filed in the same run: everything in order
            int filed = receipts.fileMissing(RECEIPT_BATCH);
            if (filed > 0) {
                logger.info("Receipts filed in the document service: {}", filed);
            }
        }
        return report;
    }

    @Override
    public int expireOverdue() {
        return settlement.expire(System.currentTimeMillis() - config.expiryMinutes() * 60_000L);
    }

    /**
     * Reconciliation, expiry and the receipts nobody asked for yet: nothing of it is urgent, and
     * under the payment benchmark's storm a run took a fifth of the CPU from the notifications for
     * seconds. It waits while notifications rush in (see {@link #backgroundWaits}).
     */
    private void housekeeping() {
        if (backgroundWaits(housekeepingRush, housekeepingQueued, this::housekeepingQueued)) {
            return;
        }
        housekeepingRush.ran(); // it runs now, whatever comes of it
        try {
            ReconcileReport report = reconcile(null);
            int expired = expireOverdue();
            if (report.changed() > 0 || expired > 0) {
                logger.info(
                        "Payments reconciled: {} asked, {} changed, {} unreachable; {} expired",
                        report.checked(),
                        report.changed(),
                        report.unreachable(),
                        expired);
            }
        } catch (RuntimeException e) {
            // the database or a provider may be restarting: the next run tries again
            logger.warn("Payment housekeeping failed; trying again at the next run", e);
        }
    }

    private void housekeepingQueued() {
        housekeepingQueued.set(false);
        housekeeping();
    }

    private void tellCasesSoon() {
        if (caseSyncQueued.compareAndSet(false, true)) {
            jobs.execute(this::tellCasesQueued);
        }
    }

    private void tellCasesQueued() {
        caseSyncQueued.set(false);
        tellCases();
    }

    /**
     * Whether background work waits for a rush of notifications to pass (a look again is then
     * queued, unless one is). Telling the case area of paid fees (its review starts, audit,
     * Postfach, e-mail) and the housekeeping can wait a few seconds; a provider waits for every
     * answer. Under the payment benchmark's storm the follow-up took a fifth of the CPU from the
     * notifications even at the lowest thread priority. Nothing is lost by waiting: each paid fee
     * is recorded for the case area in the transaction that booked it. The work waits at most
     * yieldMaxDelaySeconds from its first wait until it ran, then goes on, rush or not.
     */
    private boolean backgroundWaits(Rush rush, AtomicBoolean queued, Runnable again) {
        if (!rush.waits()) {
            return false;
        }
        if (queued.compareAndSet(false, true)) {
            jobs.schedule(again, RUSH_RECHECK_MILLIS, TimeUnit.MILLISECONDS);
        }
        return true;
    }

    /**
     * Tells the case area of paid fees (each is a change of its case with its own notifications)
     * until none is left; what fails is told at the next run. One case after the other, on the jobs
     * thread: with three threads telling at once, the callback benchmark answered 1,500
     * notifications/s and the case area took 1,100 paid cases/s once the load was over; with one,
     * 2,100/s and 1,300/s. On two cores, more writers at a time only wait for each other and for
     * the request threads.
     */
    private void tellCases() {
        if (backgroundWaits(caseFollowUpRush, caseSyncQueued, this::tellCasesQueued)) {
            return;
        }
        try {
            while (true) {
                List<CaseTodoEntity> todos = store.caseTodos(CASE_BATCH);
                if (todos.isEmpty()) {
                    caseFollowUpRush.ran(); // all told
                    return;
                }
                List<String> told = new ArrayList<>();
                for (CaseTodoEntity todo : todos) {
                    if (tellCase(todo)) {
                        told.add(todo.paymentId);
                    }
                }
                // one transaction for the batch's notes, not one per case: a note whose deletion a
                // crash prevents is told again, which the case area answers as done already
                store.caseTold(told);
                if (todos.size() < CASE_BATCH) {
                    caseFollowUpRush.ran(); // all told (what the case area refused waits for the next run)
                    return;
                }
                if (told.isEmpty() || jobs.isShutdown()) {
                    return; // the rest waits for the next run (or start)
                }
                if (backgroundWaits(caseFollowUpRush, caseSyncQueued, this::tellCasesQueued)) {
                    return; // a rush began while catching up
                }
            }
        } catch (RuntimeException e) {
            logger.warn("Telling the case area of paid fees failed; trying again shortly", e);
        }
    }

    private boolean tellCase(CaseTodoEntity todo) {
        try {
            cases.feePaid(todo.caseId, todo.paymentId);
        } catch (CaseException e) {
            if (e.reason() != CaseException.Reason.NOT_FOUND) {
                logger.debug("Case {} not told of payment {} yet: {}", todo.caseId, todo.paymentId, e.getMessage());
                return false;
            }
            logger.warn("Payment {} paid for case {}, which no longer exists", todo.paymentId, todo.caseId);
        } catch (RuntimeException e) {
            // this case only: the others of the batch are told all the same
            logger.warn("Case {} not told of payment {}; trying again shortly", todo.caseId, todo.paymentId, e);
            return false;
        }
        return true;
    }

    // ---- treasury ----

    @Override
    public BookingExport bookings(Caller caller, LocalDate day) {
        if (caller == null || caller.kind() != PrincipalKind.OPERATOR) {
            throw new PaymentException(FORBIDDEN, "The treasury's export is for operators.");
        }
        long from = day.atStartOfDay(PaymentIds.CITY_TIME).toInstant().toEpochMilli();
        long to = day.plusDays(1).atStartOfDay(PaymentIds.CITY_TIME).toInstant().toEpochMilli();
        List<BookingLine> lines =
                store.bookings(from, to).stream().map(Views::of).toList();
        Map<String, Long> totals = new LinkedHashMap<>();
        lines.stream()
                .sorted(java.util.Comparator.comparing(l -> l.booking().haushaltsstelle()))
                .forEach(l -> totals.merge(l.booking().haushaltsstelle(), l.amountCents(), Long::sum));
        return new BookingExport(day, lines, totals);
    }

    @Override
    public Receipt receipt(Caller caller, String paymentId) {
        PaymentEntity p = visible(caller, paymentId);
        PaymentState state = PaymentState.valueOf(p.state);
        if (!state.paid()) {
            throw new PaymentException(
                    CONFLICT, "A receipt is issued once the payment succeeded; it is " + state + ".");
        }
        return receipts.of(caller, p);
    }

    @Override
    public List<ProviderInfo> providers() {
        return providers.list();
    }

    // ---- who sees what ----

    /** The payer's own payment, one of a staff member's office, or any for operators. */
    private PaymentEntity visible(Caller caller, String paymentId) {
        if (caller == null) {
            throw new PaymentException(FORBIDDEN, "Log in first.");
        }
        PaymentEntity p = load(paymentId);
        boolean mine =
                switch (caller.kind()) {
                    case CITIZEN -> p.payer.equals(caller.subject());
                    case STAFF -> caller.worksIn(p.officeId);
                    case OPERATOR -> true;
                };
        if (!mine) {
            throw notFound(paymentId); // as if it did not exist
        }
        return p;
    }

    private PaymentEntity ofOffice(Caller staff, String paymentId) {
        if (staff == null || staff.kind() != PrincipalKind.STAFF) {
            throw new PaymentException(FORBIDDEN, "Only an office's staff pay back its fees.");
        }
        PaymentEntity p = load(paymentId);
        if (!staff.worksIn(p.officeId)) {
            throw notFound(paymentId);
        }
        return p;
    }

    private PaymentEntity load(String paymentId) {
        if (!PaymentIds.plausible(paymentId)) {
            throw notFound(paymentId);
        }
        return store.find(paymentId).orElseThrow(() -> notFound(paymentId));
    }

    private CaseView caseOf(Caller caller, String caseId) {
        try {
            return cases.get(caller, caseId);
        } catch (CaseException e) {
            throw new PaymentException(
                    e.reason() == CaseException.Reason.FORBIDDEN ? FORBIDDEN : NOT_FOUND,
                    e.reason() == CaseException.Reason.FORBIDDEN
                            ? e.getMessage()
                            : "There is no case '" + Views.limit(caseId, 40) + "' of yours.");
        }
    }

    private static void requireCitizen(Caller caller) {
        if (caller == null || caller.kind() != PrincipalKind.CITIZEN) {
            throw new PaymentException(FORBIDDEN, "Fees are paid with a citizen's account.");
        }
    }

    private static void checkKey(String key) {
        if (key != null && (key.isEmpty() || key.length() > 100 || !key.matches("[\\x21-\\x7e]+"))) {
            throw new PaymentException(
                    BAD_REQUEST, "An Idempotency-Key is 1 to 100 visible ASCII characters, e.g. a UUID.");
        }
    }

    private static String hash(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update((part == null ? "\u0000" : part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0x1f);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PaymentException notFound(String paymentId) {
        return new PaymentException(NOT_FOUND, "There is no payment '" + Views.limit(paymentId, 40) + "'.");
    }
}
