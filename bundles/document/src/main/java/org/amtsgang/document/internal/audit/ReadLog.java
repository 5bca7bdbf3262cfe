package org.amtsgang.document.internal.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.amtsgang.audit.api.AuditRecord;
import org.amtsgang.audit.api.AuditTrail;
import org.amtsgang.document.internal.Outbox;
import org.amtsgang.document.internal.store.AuditTodoEntity;
import org.amtsgang.document.internal.store.DocumentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who read which document's content, for the audit trail (a Bauakte names owners and neighbours: the
 * city must be able to say who looked at it). A read is recorded in the document area's own outbox
 * before its first byte leaves, so it is on record even while the audit bundle is away or being
 * updated; the outbox is handed to the trail in batches and emptied as the trail takes them.
 */
public final class ReadLog {

    /** The audit trail's name for this area. */
    public static final String AREA = "documents";

    /** The action of every record: what was read says the detail. */
    public static final String READ = "CONTENT_READ";

    private static final int BATCH = 200;

    private final Logger logger = LoggerFactory.getLogger(ReadLog.class);
    private final DocumentStore store;
    private final Outbox worker = new Outbox("amtsgang-document-audit", this::deliver);
    private volatile AuditTrail trail;

    public ReadLog(DocumentStore store) {
        this.store = store;
    }

    /**
     * Records a read; throws if it cannot be recorded (then the content must not be handed out).
     *
     * @param actor the reader's subject
     * @param detail what was read, e.g. {@code version 2, original}
     */
    public void record(String documentId, String actor, String detail) {
        AuditTodoEntity read = new AuditTodoEntity();
        read.id = "doc-" + UUID.randomUUID();
        read.atMillis = System.currentTimeMillis();
        read.documentId = documentId;
        read.actor = actor;
        read.action = READ;
        read.detail = detail.length() > 300 ? detail.substring(0, 300) : detail;
        store.auditTodo(read);
        wake();
    }

    public void bind(AuditTrail trail) {
        this.trail = trail;
        wake();
    }

    public void unbind(AuditTrail trail) {
        if (this.trail == trail) {
            this.trail = null;
        }
    }

    /** Hands the outbox to the trail soon (also the periodic retry after a failure). */
    public void wake() {
        worker.wake();
    }

    public void stop() throws InterruptedException {
        worker.stop();
    }

    private void deliver() {
        try {
            while (true) {
                AuditTrail target = trail;
                if (target == null) {
                    return; // the outbox waits for the trail
                }
                List<AuditTodoEntity> due = store.auditTodos(BATCH);
                if (due.isEmpty()) {
                    return;
                }
                target.appendAll(due.stream().map(ReadLog::record).toList());
                // a crash between the two lines sends the batch again: the trail skips the ids it has
                store.audited(due.stream().map(t -> t.id).toList());
                if (due.size() < BATCH) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            logger.warn("Could not hand document reads to the audit trail; trying again shortly: {}", e.toString());
        }
    }

    private static AuditRecord record(AuditTodoEntity read) {
        return new AuditRecord(
                read.id,
                Instant.ofEpochMilli(read.atMillis),
                AREA,
                read.documentId,
                read.actor,
                read.action,
                null,
                null,
                read.detail);
    }
}
