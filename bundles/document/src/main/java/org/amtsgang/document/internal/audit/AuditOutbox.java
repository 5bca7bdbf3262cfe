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
 * What happened to documents, for the audit trail (a Bauakte names owners and neighbours: the city
 * must be able to say who looked at it, who let whom look, and who deleted what on which grounds).
 * Everything goes through the document area's own outbox table first: a read is recorded before
 * its first byte leaves, a grant, revocation or deletion in the transaction of the change. So it is
 * on record even while the audit bundle is away or being updated; the outbox is handed to the trail
 * in batches and emptied as the trail takes them.
 */
public final class AuditOutbox {

    /** The audit trail's name for this area. */
    public static final String AREA = "documents";

    /** A read of content: what was read says the detail. */
    public static final String READ = "CONTENT_READ";

    public static final String GRANTED = "ACCESS_GRANTED";
    public static final String REVOKED = "ACCESS_REVOKED";
    public static final String DELETED = "DELETED";

    private static final int BATCH = 200;

    private final Logger logger = LoggerFactory.getLogger(AuditOutbox.class);
    private final DocumentStore store;
    private final Outbox worker = new Outbox("amtsgang-document-audit", this::deliver);
    private volatile AuditTrail trail;

    public AuditOutbox(DocumentStore store) {
        this.store = store;
    }

    /**
     * Records a read in a transaction of its own; throws if it cannot be recorded (then the content
     * must not be handed out).
     *
     * @param actor the reader's subject
     * @param detail what was read, e.g. {@code version 2, original}
     */
    public void read(String documentId, String actor, String detail) {
        store.auditTodo(entry(documentId, actor, READ, detail));
        wake();
    }

    /**
     * An entry for the store to write in the transaction of a change; {@link #wake} once it is
     * committed.
     */
    public static AuditTodoEntity entry(String documentId, String actor, String action, String detail) {
        AuditTodoEntity entry = new AuditTodoEntity();
        entry.id = "doc-" + UUID.randomUUID();
        entry.atMillis = System.currentTimeMillis();
        entry.documentId = documentId;
        entry.actor = actor;
        entry.action = action;
        entry.detail = detail.length() > 300 ? detail.substring(0, 297) + "..." : detail;
        return entry;
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
                target.appendAll(due.stream().map(AuditOutbox::record).toList());
                // a crash between the two lines sends the batch again: the trail skips the ids it has
                store.audited(due.stream().map(t -> t.id).toList());
                if (due.size() < BATCH) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            logger.warn(
                    "Could not hand the document audit outbox to the audit trail; trying again shortly: {}",
                    e.toString());
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
