package org.amtsgang.cases.internal.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;
import javax.persistence.TypedQuery;
import org.amtsgang.cases.api.CaseException;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.persistence.api.RandomBits;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;

/**
 * The case area's tables. Every change of a case is one transaction that writes the case, its
 * history step and its outbox entry together: what the API acknowledged is complete or absent.
 */
public final class CaseStore {

    private final JpaTemplate jpa;

    public CaseStore(JpaTemplate jpa) {
        this.jpa = jpa;
    }

    /** A new case was stored, or the applicant's idempotency key had created one before. */
    public record Created(CaseEntity entity, boolean replayed) {}

    /**
     * Stores a new case with its first step, unless the applicant's idempotency key was taken in the
     * meantime: then the case it created is returned, for the caller to compare.
     */
    public Created create(CaseEntity fresh, Step step) {
        try {
            // the key is looked up in the same transaction: one round of work for the common case
            return jpa.txExpr(TransactionType.Required, em -> {
                if (fresh.idempotencyKey != null) {
                    Optional<CaseEntity> earlier = byKey(em, fresh.applicant, fresh.idempotencyKey);
                    if (earlier.isPresent()) {
                        return new Created(earlier.get(), true);
                    }
                }
                // a new case is at version 1 (what EclipseLink writes on insert): the history step can
                // say so without flushing the insert first, and all three rows go in one round
                fresh.version = 1;
                em.persist(fresh);
                em.persist(history(fresh, step));
                em.persist(outbox(fresh, step));
                return new Created(fresh, false);
            });
        } catch (PersistenceException e) {
            // the same key raced in from a parallel request: the unique constraint let one win
            if (fresh.idempotencyKey != null) {
                Optional<CaseEntity> winner = byKey(fresh.applicant, fresh.idempotencyKey);
                if (winner.isPresent()) {
                    return new Created(winner.get(), true);
                }
            }
            throw e;
        }
    }

    /** The case, as it is now. */
    public Optional<CaseEntity> find(String caseId) {
        return jpa.txExpr(TransactionType.Required, em -> Optional.ofNullable(em.find(CaseEntity.class, caseId)));
    }

    /**
     * Changes a case that is still at the version the caller decided on, records the step and
     * stores the files, in one transaction.
     *
     * @throws CaseException {@code STALE} if the case changed in the meantime
     */
    public CaseEntity update(
            String caseId, long expectedVersion, Consumer<CaseEntity> change, Step step, List<FileEntity> files) {
        return inTransaction(caseId, em -> {
            CaseEntity entity = change(em, caseId, expectedVersion, change, step);
            files.forEach(em::persist);
            return entity;
        });
    }

    /** Removes an attachment as one change of the case (a step in its history). */
    public CaseEntity removeFile(String caseId, long expectedVersion, String fileId, Step step) {
        return inTransaction(caseId, em -> {
            int removed = em.createQuery("DELETE FROM FileEntity f WHERE f.id = :id AND f.caseId = :case")
                    .setParameter("id", fileId)
                    .setParameter("case", caseId)
                    .executeUpdate();
            if (removed == 0) {
                throw new CaseException(CaseException.Reason.NOT_FOUND, "The case has no file '" + fileId + "'.");
            }
            return change(em, caseId, expectedVersion, c -> {}, step);
        });
    }

    private CaseEntity inTransaction(String caseId, java.util.function.Function<EntityManager, CaseEntity> work) {
        try {
            return jpa.txExpr(TransactionType.Required, work::apply);
        } catch (PersistenceException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof javax.persistence.OptimisticLockException) {
                    throw stale(caseId);
                }
            }
            throw e;
        }
    }

    private static CaseEntity change(
            EntityManager em, String caseId, long expectedVersion, Consumer<CaseEntity> change, Step step) {
        CaseEntity entity = em.find(CaseEntity.class, caseId);
        if (entity == null) {
            throw new CaseException(CaseException.Reason.NOT_FOUND, "There is no case '" + caseId + "'.");
        }
        if (entity.version != expectedVersion) {
            throw stale(caseId);
        }
        change.accept(entity);
        entity.updatedAt = System.currentTimeMillis();
        em.flush(); // raises the version, or fails if a parallel change won
        em.persist(history(entity, step));
        em.persist(outbox(entity, step));
        return entity;
    }

    /** The steps of a case, oldest first. */
    public List<HistoryEntity> history(String caseId) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT h FROM HistoryEntity h WHERE h.caseId = :id ORDER BY h.caseVersion",
                        HistoryEntity.class)
                .setParameter("id", caseId)
                .getResultList());
    }

    /** An applicant's cases, newest first; one more than asked for tells whether more follow. */
    public List<CaseEntity> ofApplicant(String applicant, int offset, int limit) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        CaseEntity.LIST_COLUMNS + " WHERE c.applicant = :applicant ORDER BY c.createdAt DESC, c.id",
                        CaseEntity.class)
                .setParameter("applicant", applicant)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList());
    }

    /** What an inbox search asks of the table. */
    public record Search(
            String officeId,
            List<CaseStatus> statuses,
            String serviceId,
            String assignee,
            Long submittedBefore,
            Long dueBefore,
            int offset,
            int limit) {}

    /**
     * Cases of an office in order of their due date. One index range per status, each already in
     * due order, merged here: the database never sorts an office's whole caseload. The ranges give
     * ids only (the indexes hold every column filtered on), and only the page's cases are read.
     */
    public List<CaseEntity> search(Search search) {
        return jpa.txExpr(TransactionType.Required, em -> {
            List<Object[]> keys = new ArrayList<>();
            for (CaseStatus status : search.statuses()) {
                keys.addAll(idsInStatus(em, search, status));
            }
            keys.sort(Comparator.<Object[]>comparingLong(k -> k[1] == null ? Long.MAX_VALUE : (Long) k[1])
                    .thenComparing(k -> (String) k[0]));
            int from = Math.min(search.offset(), keys.size());
            List<String> page = keys.subList(from, Math.min(keys.size(), from + search.limit())).stream()
                    .map(k -> (String) k[0])
                    .toList();
            if (page.isEmpty()) {
                return List.<CaseEntity>of();
            }
            Map<String, CaseEntity> rows = new HashMap<>();
            em.createQuery(CaseEntity.LIST_COLUMNS + " WHERE c.id IN :ids", CaseEntity.class)
                    .setParameter("ids", page)
                    .getResultList()
                    .forEach(c -> rows.put(c.id, c));
            // a case changed between the two reads stays in its place; one deleted drops out
            return page.stream().map(rows::get).filter(Objects::nonNull).toList();
        });
    }

    private static List<Object[]> idsInStatus(EntityManager em, Search search, CaseStatus status) {
        // the leading column picks the index: the most selective filter given leads
        StringBuilder jpql = new StringBuilder("SELECT c.id, c.dueAt FROM CaseEntity c WHERE c.status = :status");
        if (search.assignee() != null) {
            jpql.append(" AND c.assignee = :assignee");
        }
        if (search.serviceId() != null) {
            jpql.append(" AND c.serviceId = :service");
        }
        jpql.append(" AND c.officeId = :office");
        if (search.submittedBefore() != null) {
            jpql.append(" AND c.submittedAt <= :submittedBefore");
        }
        if (search.dueBefore() != null) {
            jpql.append(" AND c.dueAt < :dueBefore");
        }
        jpql.append(" ORDER BY c.dueAt, c.id");
        TypedQuery<Object[]> query = em.createQuery(jpql.toString(), Object[].class)
                .setParameter("status", status.name())
                .setParameter("office", search.officeId());
        if (search.assignee() != null) {
            query.setParameter("assignee", search.assignee());
        }
        if (search.serviceId() != null) {
            query.setParameter("service", search.serviceId());
        }
        if (search.submittedBefore() != null) {
            query.setParameter("submittedBefore", search.submittedBefore());
        }
        if (search.dueBefore() != null) {
            query.setParameter("dueBefore", search.dueBefore());
        }
        return query.setMaxResults(search.offset() + search.limit()).getResultList();
    }

    /** The files of a case, without their content. */
    public List<FileEntity> files(String caseId) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT NEW org.amtsgang.cases.internal.store.FileEntity(f.id, f.caseId, f.kind, f.fileName,"
                                + " f.contentType, f.size, f.sha256, f.addedAt, f.addedBy,"
                                + " f.documentId)"
                                + " FROM FileEntity f WHERE f.caseId = :id ORDER BY f.addedAt, f.id",
                        FileEntity.class)
                .setParameter("id", caseId)
                .getResultList());
    }

    /** One file of a case, with its content. */
    public Optional<FileEntity> file(String caseId, String fileId) {
        return jpa.txExpr(TransactionType.Required, em -> Optional.ofNullable(em.find(FileEntity.class, fileId))
                .filter(f -> f.caseId.equals(caseId))
                .map(f -> {
                    if (f.content != null) {
                        f.content.getClass(); // loads the content before the entity manager closes
                    }
                    return f;
                }));
    }

    /**
     * Records that a file's content now lives in a document, and drops it here; answers false if the
     * file is gone or was linked already.
     */
    public boolean linkDocument(String fileId, String documentId) {
        return jpa.txExpr(
                TransactionType.Required,
                em -> em.createQuery("UPDATE FileEntity f SET f.documentId = :document, f.content = NULL"
                                        + " WHERE f.id = :id AND f.documentId IS NULL")
                                .setParameter("document", documentId)
                                .setParameter("id", fileId)
                                .executeUpdate()
                        == 1);
    }

    /**
     * Files of handed-in cases whose bytes the case area keeps itself, without the bytes, by id from
     * {@code after}. Drafts' files stay: a draft is the applicant's alone.
     */
    public List<FileEntity> filesKeptHere(String after, int limit) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT NEW org.amtsgang.cases.internal.store.FileEntity(f.id, f.caseId, f.kind, f.fileName,"
                                + " f.contentType, f.size, f.sha256, f.addedAt, f.addedBy, f.documentId)"
                                + " FROM FileEntity f, CaseEntity c WHERE c.id = f.caseId AND c.status <> 'DRAFT'"
                                + " AND f.documentId IS NULL AND f.id > :after ORDER BY f.id",
                        FileEntity.class)
                .setParameter("after", after)
                .setMaxResults(limit)
                .getResultList());
    }

    /** How many files of handed-in cases the case area keeps itself. */
    public long countFilesKeptHere() {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT COUNT(f) FROM FileEntity f, CaseEntity c WHERE c.id = f.caseId"
                                + " AND c.status <> 'DRAFT' AND f.documentId IS NULL",
                        Long.class)
                .getSingleResult());
    }

    /** How many of a case's files are of the kind. */
    public long countFiles(String caseId, String kind) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT COUNT(f) FROM FileEntity f WHERE f.caseId = :id AND f.kind = :kind", Long.class)
                .setParameter("id", caseId)
                .setParameter("kind", kind)
                .getSingleResult());
    }

    /** The case an applicant's idempotency key created, if any. */
    public Optional<CaseEntity> byKey(String applicant, String key) {
        return jpa.txExpr(TransactionType.Required, em -> byKey(em, applicant, key));
    }

    private static Optional<CaseEntity> byKey(EntityManager em, String applicant, String key) {
        return em.createQuery(
                        "SELECT c FROM CaseEntity c WHERE c.applicant = :applicant AND c.idempotencyKey = :key",
                        CaseEntity.class)
                .setParameter("applicant", applicant)
                .setParameter("key", key)
                .getResultStream()
                .findFirst();
    }

    private static CaseException stale(String caseId) {
        return new CaseException(
                CaseException.Reason.STALE,
                "Case " + caseId + " was changed by someone else in the meantime; load it again and retry.");
    }

    private static HistoryEntity history(CaseEntity c, Step step) {
        HistoryEntity h = new HistoryEntity();
        h.id = RandomBits.uuid();
        h.caseId = c.id;
        h.caseVersion = c.version;
        h.atMillis = c.updatedAt;
        h.actor = step.actor();
        h.action = step.action();
        h.fromStatus = step.from() == null ? null : step.from().name();
        h.toStatus = step.to().name();
        h.message = step.message();
        return h;
    }

    private static OutboxEntity outbox(CaseEntity c, Step step) {
        OutboxEntity o = new OutboxEntity();
        o.id = RandomBits.uuid();
        o.caseId = c.id;
        o.serviceId = c.serviceId;
        o.officeId = c.officeId;
        o.applicant = c.applicant;
        o.applicantName = c.applicantName;
        o.applicantEmail = c.applicantEmail;
        o.atMillis = c.updatedAt;
        o.actor = step.actor();
        o.action = step.action();
        o.fromStatus = step.from() == null ? null : step.from().name();
        o.toStatus = step.to().name();
        o.message = step.message();
        o.notify = step.notifyApplicant() ? 1 : 0;
        o.nextAt = c.updatedAt;
        return o;
    }
}
