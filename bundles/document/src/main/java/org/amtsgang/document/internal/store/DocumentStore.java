package org.amtsgang.document.internal.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.persistence.LockModeType;
import javax.persistence.TypedQuery;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;

/**
 * The document area's tables. Every method is one transaction; every change that the search index
 * must see writes its outbox row in the same transaction.
 */
public final class DocumentStore {

    /** Stands in for an empty list in an IN clause, which JPQL does not allow; no id looks like it. */
    private static final String NONE = "\u0000";

    private final JpaTemplate jpa;

    public DocumentStore(JpaTemplate jpa) {
        this.jpa = jpa;
    }

    /** The latest version was not the one the caller saw. */
    public static final class StaleVersion extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int latest;

        StaleVersion(int latest) {
            super("latest version is " + latest);
            this.latest = latest;
        }

        public int latest() {
            return latest;
        }
    }

    /**
     * Who may read what, as the filter of a listing: the caller's subject, the offices where they
     * read internal documents, those where they read confidential ones too, and their granted
     * documents.
     */
    public record Readers(String subject, Set<String> staffOffices, Set<String> leadOffices, Set<String> granted) {}

    public void insert(DocumentEntity document) {
        jpa.tx(TransactionType.Required, em -> {
            em.persist(document);
            em.persist(todo(document.id));
        });
    }

    /** A new document with its first version, in one transaction: never one without the other. */
    public void insert(DocumentEntity document, VersionEntity first) {
        jpa.tx(TransactionType.Required, em -> {
            first.documentId = document.id;
            first.number = 1;
            document.latestVersion = 1;
            em.persist(document);
            em.persist(first);
            em.persist(todo(document.id));
        });
    }

    public Optional<DocumentEntity> find(String id) {
        return jpa.txExpr(TransactionType.Required, em -> Optional.ofNullable(em.find(DocumentEntity.class, id)));
    }

    /**
     * Adds the next version under the document's row lock, so two uploads never get one number.
     *
     * @throws StaleVersion if {@code expectedLatest} is given and not the latest
     */
    public VersionEntity addVersion(String documentId, VersionEntity version, Integer expectedLatest) {
        return jpa.txExpr(TransactionType.Required, em -> {
            DocumentEntity document = em.find(DocumentEntity.class, documentId, LockModeType.PESSIMISTIC_WRITE);
            if (expectedLatest != null && expectedLatest != document.latestVersion) {
                throw new StaleVersion(document.latestVersion);
            }
            version.documentId = documentId;
            version.number = document.latestVersion + 1;
            document.latestVersion = version.number;
            em.persist(version);
            em.persist(todo(documentId));
            return version;
        });
    }

    public List<VersionEntity> versions(String documentId) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT v FROM VersionEntity v WHERE v.documentId = :d ORDER BY v.number", VersionEntity.class)
                .setParameter("d", documentId)
                .getResultList());
    }

    public Optional<VersionEntity> version(String documentId, int number) {
        return jpa.txExpr(
                TransactionType.Required,
                em -> Optional.ofNullable(em.find(VersionEntity.class, new VersionEntity.Key(documentId, number))));
    }

    public Optional<RenditionEntity> rendition(String documentId, int number, String kind) {
        return jpa.txExpr(
                TransactionType.Required,
                em -> Optional.ofNullable(
                        em.find(RenditionEntity.class, new RenditionEntity.Key(documentId, number, kind))));
    }

    /** A page of the documents the readers may see, newest first, with the total. */
    public Page list(Readers readers, String officeId, String caseId, String type, int offset, int limit) {
        return jpa.txExpr(TransactionType.Required, em -> {
            String where = " FROM DocumentEntity d WHERE d.deletedAt IS NULL"
                    + (officeId == null ? "" : " AND d.officeId = :office")
                    + (caseId == null ? "" : " AND d.caseId = :case")
                    + (type == null ? "" : " AND d.type = :type")
                    + " AND (d.owner = :subject OR d.participant = :subject OR d.confidentiality = 'PUBLIC'"
                    + " OR d.id IN :granted"
                    + " OR (d.officeId IN :staff AND d.confidentiality = 'INTERNAL')"
                    + " OR d.officeId IN :lead)";
            TypedQuery<DocumentEntity> items =
                    em.createQuery("SELECT d" + where + " ORDER BY d.createdAt DESC, d.id DESC", DocumentEntity.class);
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(d)" + where, Long.class);
            for (TypedQuery<?> query : List.of(items, count)) {
                query.setParameter("subject", readers.subject());
                query.setParameter("granted", orNone(readers.granted()));
                query.setParameter("staff", orNone(readers.staffOffices()));
                query.setParameter("lead", orNone(readers.leadOffices()));
                if (officeId != null) {
                    query.setParameter("office", officeId);
                }
                if (caseId != null) {
                    query.setParameter("case", caseId);
                }
                if (type != null) {
                    query.setParameter("type", type);
                }
            }
            return new Page(items.setFirstResult(offset).setMaxResults(limit).getResultList(), count.getSingleResult());
        });
    }

    /** A page of documents with the total. */
    public record Page(List<DocumentEntity> items, long total) {}

    /** The versions waiting for OCR, most urgent first. */
    public List<VersionEntity> pendingOcr(int limit) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT v FROM VersionEntity v WHERE v.ocrStatus = 'PENDING'"
                                + " ORDER BY v.ocrPriority DESC, v.createdAt, v.documentId, v.number",
                        VersionEntity.class)
                .setMaxResults(limit)
                .getResultList());
    }

    /** Versions whose OCR failed wait for it again (of one document, or all); how many. */
    public int requeueFailedOcr(String documentIdOrNull) {
        String update = "UPDATE VersionEntity v SET v.ocrStatus = 'PENDING', v.ocrNote = NULL"
                + " WHERE v.ocrStatus = 'FAILED'";
        return jpa.txExpr(
                TransactionType.Required,
                em -> documentIdOrNull == null
                        ? em.createQuery(update).executeUpdate()
                        : em.createQuery(update + " AND v.documentId = :d")
                                .setParameter("d", documentIdOrNull)
                                .executeUpdate());
    }

    /** Records a version's OCR outcome, with the renditions it produced (text, searchable PDF). */
    public void ocrDone(String documentId, int number, String status, String note, List<RenditionEntity> renditions) {
        jpa.tx(TransactionType.Required, em -> {
            VersionEntity version = em.find(VersionEntity.class, new VersionEntity.Key(documentId, number));
            if (version == null) {
                return; // deleted meanwhile
            }
            version.ocrStatus = status;
            version.ocrNote = note;
            for (RenditionEntity rendition : renditions) {
                if (em.find(RenditionEntity.class, new RenditionEntity.Key(documentId, number, rendition.kind))
                        == null) {
                    em.persist(rendition);
                }
            }
            em.persist(todo(documentId));
        });
    }

    /** Stores a grant with its entry for the audit trail. */
    public void insertGrant(GrantEntity grant, AuditTodoEntity audit) {
        jpa.tx(TransactionType.Required, em -> {
            em.persist(grant);
            em.persist(todo(grant.documentId));
            em.persist(audit);
        });
    }

    /** The documents a subject holds an unexpired grant for. */
    public Set<String> grantedDocuments(String subject, long now) {
        return jpa.txExpr(
                TransactionType.Required,
                em -> new HashSet<>(em.createQuery(
                                "SELECT g.documentId FROM GrantEntity g WHERE g.subject = :s AND g.untilAt > :now",
                                String.class)
                        .setParameter("s", subject)
                        .setParameter("now", now)
                        .getResultList()));
    }

    /** The document's grants that have not ended, soonest ending first. */
    public List<GrantEntity> activeGrants(String documentId, long now) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT g FROM GrantEntity g WHERE g.documentId = :d AND g.untilAt > :now"
                                + " ORDER BY g.untilAt, g.id",
                        GrantEntity.class)
                .setParameter("d", documentId)
                .setParameter("now", now)
                .getResultList());
    }

    /**
     * Ends the subject's grants of the document that have not ended, recording who did it and why
     * (and, if any ended, the entry for the audit trail).
     *
     * @return how many ended
     */
    public int revokeGrants(
            String documentId, String subject, String by, String reason, long now, AuditTodoEntity audit) {
        return jpa.txExpr(TransactionType.Required, em -> {
            List<GrantEntity> active = em.createQuery(
                            "SELECT g FROM GrantEntity g WHERE g.documentId = :d AND g.subject = :s"
                                    + " AND g.untilAt > :now",
                            GrantEntity.class)
                    .setParameter("d", documentId)
                    .setParameter("s", subject)
                    .setParameter("now", now)
                    .setLockMode(javax.persistence.LockModeType.PESSIMISTIC_WRITE)
                    .getResultList();
            for (GrantEntity g : active) {
                g.untilAt = now;
                g.revokedBy = by;
                g.revokedAt = now;
                g.revokeReason = reason;
            }
            if (!active.isEmpty()) {
                em.persist(todo(documentId));
                em.persist(audit);
            }
            return active.size();
        });
    }

    /** Documents whose retention ended on or before the day, oldest first. */
    public List<DocumentEntity> retentionDue(int day, int limit) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT d FROM DocumentEntity d WHERE d.deletedAt IS NULL AND d.retainUntilDay <= :day"
                                + " ORDER BY d.retainUntilDay, d.id",
                        DocumentEntity.class)
                .setParameter("day", day)
                .setMaxResults(limit)
                .getResultList());
    }

    /**
     * Deletes a document's versions, renditions and grants and records the decision (and its entry
     * for the audit trail), in one transaction; answers the checksums that were in use, for the
     * caller to remove those no longer referenced.
     */
    public Set<String> delete(DocumentEntity document, DeletionEntity decision, AuditTodoEntity audit) {
        return jpa.txExpr(TransactionType.Required, em -> {
            DocumentEntity locked = em.find(DocumentEntity.class, document.id, LockModeType.PESSIMISTIC_WRITE);
            Set<String> checksums = new HashSet<>();
            for (VersionEntity v : em.createQuery(
                            "SELECT v FROM VersionEntity v WHERE v.documentId = :d", VersionEntity.class)
                    .setParameter("d", document.id)
                    .getResultList()) {
                checksums.add(v.sha256);
                em.remove(v);
            }
            for (RenditionEntity r : em.createQuery(
                            "SELECT r FROM RenditionEntity r WHERE r.documentId = :d", RenditionEntity.class)
                    .setParameter("d", document.id)
                    .getResultList()) {
                checksums.add(r.sha256);
                em.remove(r);
            }
            em.createQuery("DELETE FROM GrantEntity g WHERE g.documentId = :d")
                    .setParameter("d", document.id)
                    .executeUpdate();
            locked.deletedAt = decision.decidedAt;
            locked.fields = "{}";
            em.persist(decision);
            em.persist(todo(document.id));
            em.persist(audit);
            return checksums;
        });
    }

    public Optional<DeletionEntity> deletion(String documentId) {
        return jpa.txExpr(
                TransactionType.Required, em -> Optional.ofNullable(em.find(DeletionEntity.class, documentId)));
    }

    /** Whether any version or rendition still uses the content. */
    public boolean referenced(String sha256) {
        return jpa.txExpr(
                TransactionType.Required,
                em -> !em.createQuery("SELECT v.number FROM VersionEntity v WHERE v.sha256 = :s", Integer.class)
                                .setParameter("s", sha256)
                                .setMaxResults(1)
                                .getResultList()
                                .isEmpty()
                        || !em.createQuery(
                                        "SELECT r.versionNumber FROM RenditionEntity r WHERE r.sha256 = :s",
                                        Integer.class)
                                .setParameter("s", sha256)
                                .setMaxResults(1)
                                .getResultList()
                                .isEmpty());
    }

    /** Records an entry for the audit trail (a read), in a transaction of its own. */
    public void auditTodo(AuditTodoEntity read) {
        jpa.tx(TransactionType.Required, em -> em.persist(read));
    }

    /** The oldest entries the audit trail has not been given yet. */
    public List<AuditTodoEntity> auditTodos(int limit) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT t FROM AuditTodoEntity t ORDER BY t.atMillis, t.id", AuditTodoEntity.class)
                .setMaxResults(limit)
                .getResultList());
    }

    /** Forgets entries the audit trail holds now: one statement per id (Derby scans for IN lists). */
    public void audited(Collection<String> ids) {
        jpa.tx(TransactionType.Required, em -> {
            for (String id : ids) {
                em.createQuery("DELETE FROM AuditTodoEntity t WHERE t.id = :id")
                        .setParameter("id", id)
                        .executeUpdate();
            }
        });
    }

    public List<IndexTodoEntity> indexTodos(int limit) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT t FROM IndexTodoEntity t ORDER BY t.id", IndexTodoEntity.class)
                .setMaxResults(limit)
                .getResultList());
    }

    public void removeTodos(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jpa.tx(TransactionType.Required, em -> em.createQuery("DELETE FROM IndexTodoEntity t WHERE t.id IN :ids")
                .setParameter("ids", new ArrayList<>(ids))
                .executeUpdate());
    }

    /** Document ids after the given one (keyset paging), for a rebuild of the index. */
    public List<String> documentIdsAfter(String after, int limit) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT d.id FROM DocumentEntity d WHERE d.deletedAt IS NULL AND d.id > :after ORDER BY d.id",
                        String.class)
                .setParameter("after", after)
                .setMaxResults(limit)
                .getResultList());
    }

    private static IndexTodoEntity todo(String documentId) {
        IndexTodoEntity todo = new IndexTodoEntity();
        todo.documentId = documentId;
        todo.createdAt = System.currentTimeMillis();
        return todo;
    }

    private static Collection<String> orNone(Set<String> values) {
        return values.isEmpty() ? List.of(NONE) : values;
    }
}
