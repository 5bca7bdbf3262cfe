package org.amtsgang.cases.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.amtsgang.audit.api.AuditRecord;
import org.amtsgang.audit.api.AuditTrail;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.cases.api.spi.CaseEvent;
import org.amtsgang.cases.internal.store.OutboxEntity;
import org.amtsgang.cases.internal.store.OutboxStore;
import org.amtsgang.catalog.api.ServiceCatalog;
import org.amtsgang.notification.api.Mailer;
import org.amtsgang.notification.api.Postfach;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers what the outbox holds: each change to the audit trail, to the applicant's Postfach and
 * by e-mail, and to case listeners. Every delivery is recorded as done as soon as it succeeded, so
 * that after a crash only what had not gone out goes again; the audit trail and the Postfach take
 * each change once by its id, and a repeated e-mail keeps its Message-ID.
 *
 * <p>Receivers that are missing (a bundle restarting) or failing are simply tried again later;
 * the case area keeps working meanwhile.
 */
@Component(service = OutboxDispatcher.class, configurationPid = CasesConfig.PID)
public final class OutboxDispatcher {

    static final int AUDIT = 1;
    static final int POSTFACH = 2;
    static final int MAIL = 4;
    static final int LISTENERS = 8;

    private static final int BATCH = 200;
    private static final long MAX_BACKOFF = 3_600_000;

    private final Logger logger = LoggerFactory.getLogger(OutboxDispatcher.class);
    private final OutboxStore store;
    private final ServiceCatalog catalog;
    private final OfficeHooks hooks;
    private final Thread worker;
    private final Object signal = new Object();
    private volatile CasesConfig config;
    private volatile boolean running = true;
    private boolean pending;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditTrail audit;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Postfach postfach;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Mailer mailer;

    @Activate
    public OutboxDispatcher(
            BundleContext context,
            CasesConfig config,
            @Reference(target = "(osgi.unit.name=cases)") JpaTemplate jpa,
            @Reference SchemaMigrations migrations,
            @Reference ServiceCatalog catalog,
            @Reference OfficeHooks hooks) {
        // the dispatcher may start before the case service: both bring the schema up to date first
        migrations.migrate("cases", context.getBundle());
        this.config = config;
        this.store = new OutboxStore(jpa);
        this.catalog = catalog;
        this.hooks = hooks;
        this.worker = new Thread(this::run, "amtsgang-cases-outbox");
        this.worker.setDaemon(true);
        this.worker.setPriority(Thread.MIN_PRIORITY); // after the requests (see bin/setenv)
        this.worker.start();
    }

    @Modified
    void modified(CasesConfig config) {
        this.config = config;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        running = false;
        wake();
        worker.join(10_000);
    }

    /** A change was committed: look at the outbox now rather than at the next poll. */
    void wake() {
        synchronized (signal) {
            pending = true;
            signal.notifyAll();
        }
    }

    /** How many changes wait to go out. */
    long backlog() {
        return store.backlog();
    }

    private void run() {
        while (running) {
            try {
                List<OutboxEntity> due = store.due(System.currentTimeMillis(), BATCH);
                if (due.isEmpty()) {
                    await();
                } else {
                    deliver(due);
                }
            } catch (RuntimeException e) {
                // the database may be restarting: wait, then carry on
                logger.warn("Outbox delivery failed; trying again shortly", e);
                await();
            }
        }
    }

    private void await() {
        synchronized (signal) {
            if (!pending && running) {
                try {
                    signal.wait(Math.max(50, config.outboxPollMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            pending = false;
        }
    }

    private void deliver(List<OutboxEntity> due) {
        auditAll(due);
        Map<String, Notifications.Text> texts = new HashMap<>();
        for (OutboxEntity entry : due) {
            if (entry.notify == 1) {
                String title = catalog.service(entry.serviceId)
                        .map(s -> s.title().de())
                        .orElse(entry.serviceId);
                texts.put(entry.id, Notifications.text(entry, title, config.portalUrl()));
            }
        }
        postfachAll(due, texts);
        mailAll(due, texts);
        List<String> complete = new ArrayList<>();
        for (OutboxEntity entry : due) {
            if (!done(entry, LISTENERS) && !entry.toStatus.equals(entry.fromStatus)) {
                if (hooks.tell(event(entry))) {
                    entry.done |= LISTENERS;
                }
            } else {
                entry.done |= LISTENERS;
            }
            if ((entry.done & needed(entry)) == needed(entry)) {
                complete.add(entry.id);
            } else {
                int attempts = entry.attempts + 1;
                long delay = Math.min(MAX_BACKOFF, 1000L << Math.min(attempts, 22));
                store.retryLater(entry.id, entry.done, attempts, System.currentTimeMillis() + delay);
            }
        }
        store.remove(complete);
    }

    private void auditAll(List<OutboxEntity> due) {
        List<AuditRecord> records = new ArrayList<>();
        for (OutboxEntity entry : due) {
            if (!done(entry, AUDIT)) {
                records.add(new AuditRecord(
                        entry.id,
                        Instant.ofEpochMilli(entry.atMillis),
                        "cases",
                        entry.caseId,
                        entry.actor,
                        entry.action,
                        entry.fromStatus,
                        entry.toStatus,
                        entry.message));
            }
        }
        AuditTrail trail = audit;
        if (records.isEmpty() || trail == null) {
            return;
        }
        try {
            trail.appendAll(records);
            due.forEach(e -> e.done |= AUDIT);
        } catch (RuntimeException e) {
            logger.warn("The audit trail did not take {} changes; trying again later", records.size(), e);
        }
    }

    /** The batch's Postfach messages, in one transaction of the Postfach. */
    private void postfachAll(List<OutboxEntity> due, Map<String, Notifications.Text> texts) {
        Postfach inbox = postfach;
        List<OutboxEntity> entries = due.stream()
                .filter(e -> texts.containsKey(e.id) && !done(e, POSTFACH))
                .toList();
        if (inbox == null || entries.isEmpty()) {
            return;
        }
        try {
            inbox.deliverAll(entries.stream()
                    .map(e -> Notifications.postfach(e, texts.get(e.id)))
                    .toList());
            entries.forEach(e -> e.done |= POSTFACH);
        } catch (RuntimeException e) {
            logger.warn("{} Postfach messages not delivered; trying again later", entries.size(), e);
        }
    }

    /**
     * The batch's e-mails, then made durable by the mailer before anything records them as sent (a
     * pickup folder's files are synced once per batch, not once per mail).
     */
    private void mailAll(List<OutboxEntity> due, Map<String, Notifications.Text> texts) {
        Mailer mail = mailer;
        if (mail == null) {
            return;
        }
        List<OutboxEntity> mailed = new ArrayList<>();
        for (OutboxEntity entry : due) {
            Notifications.Text text = texts.get(entry.id);
            if (text != null && mail(mail, entry, text)) {
                mailed.add(entry);
            }
        }
        if (mailed.isEmpty()) {
            return;
        }
        try {
            mail.flush();
        } catch (RuntimeException e) {
            logger.warn(
                    "{} e-mails were written but not made durable; sending them again later: {}",
                    mailed.size(),
                    e.toString());
            mailed.forEach(entry -> entry.done &= ~MAIL);
        }
    }

    /** Sends the entry's mail unless it went before; whether it went now. */
    private boolean mail(Mailer mail, OutboxEntity entry, Notifications.Text text) {
        if (done(entry, MAIL) || entry.applicantEmail == null) {
            return false;
        }
        try {
            mail.sendNow(Notifications.mail(entry, text), "case-" + entry.id);
        } catch (RuntimeException e) {
            logger.warn("E-mail for case {} not sent; trying again later: {}", entry.caseId, e.toString());
            return false;
        }
        entry.done |= MAIL;
        if (!mail.repeatsAreHarmless()) {
            // recorded at once, in its own short transaction: a crash now must not send it a second
            // time (otherwise the batch's end records it, and a repeat would replace itself)
            store.markDone(entry.id, MAIL);
        }
        return true;
    }

    private static int needed(OutboxEntity entry) {
        int needed = AUDIT | LISTENERS;
        if (entry.notify == 1) {
            needed |= POSTFACH;
            if (entry.applicantEmail != null) {
                needed |= MAIL;
            }
        }
        return needed;
    }

    private static boolean done(OutboxEntity entry, int delivery) {
        return (entry.done & delivery) != 0;
    }

    private static CaseEvent event(OutboxEntity e) {
        return new CaseEvent(
                e.caseId,
                e.serviceId,
                e.officeId,
                e.applicant,
                e.fromStatus == null ? null : CaseStatus.valueOf(e.fromStatus),
                CaseStatus.valueOf(e.toStatus),
                e.actor,
                Instant.ofEpochMilli(e.atMillis));
    }
}
