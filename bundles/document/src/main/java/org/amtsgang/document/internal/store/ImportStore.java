package org.amtsgang.document.internal.store;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.persistence.PersistenceException;
import org.amtsgang.document.api.dto.OcrStatus;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;

/** The tables of Bauakten imports: jobs, what was imported, and the pages' scan records. */
public final class ImportStore {

    private final JpaTemplate jpa;

    public ImportStore(JpaTemplate jpa) {
        this.jpa = jpa;
    }

    public void insertJob(ImportEntity job) {
        jpa.tx(TransactionType.Required, em -> em.persist(job));
    }

    public void saveJob(ImportEntity job) {
        jpa.tx(TransactionType.Required, em -> em.merge(job));
    }

    public Optional<ImportEntity> job(String id) {
        return jpa.txExpr(TransactionType.Required, em -> Optional.ofNullable(em.find(ImportEntity.class, id)));
    }

    /** Jobs a crash or restart left RUNNING are INTERRUPTED: running them again resumes them. */
    public int interruptRunning(long now) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "UPDATE ImportEntity j SET j.state = 'INTERRUPTED', j.finishedAt = :now WHERE j.state = 'RUNNING'")
                .setParameter("now", now)
                .executeUpdate());
    }

    /** The document a file was imported as under its Aktenzeichen, if it was. */
    public Optional<String> imported(String aktenzeichen, String sha256) {
        return jpa.txExpr(TransactionType.Required, em -> Optional.ofNullable(
                        em.find(ImportedEntity.class, new ImportedEntity.Key(aktenzeichen, sha256)))
                .map(i -> i.documentId));
    }

    /**
     * Stores an imported file as a document with its first version, its pages' scan records and the
     * import key, in one transaction. Answers false when a parallel import stored the same file first.
     */
    public boolean importFile(
            DocumentEntity document, VersionEntity version, List<ScanEntity> scans, ImportedEntity key) {
        try {
            jpa.tx(TransactionType.Required, em -> {
                em.persist(key);
                em.persist(document);
                em.persist(version);
                for (ScanEntity scan : scans) {
                    em.persist(scan);
                }
                IndexTodoEntity todo = new IndexTodoEntity();
                todo.documentId = document.id;
                todo.createdAt = System.currentTimeMillis();
                em.persist(todo);
            });
            return true;
        } catch (PersistenceException e) {
            if (imported(key.aktenzeichen, key.sha256).isPresent()) {
                return false;
            }
            throw e;
        }
    }

    /** How the OCR of a job's files stands. */
    public Map<OcrStatus, Long> ocr(String jobId) {
        return jpa.txExpr(TransactionType.Required, em -> {
            Map<OcrStatus, Long> counts = new EnumMap<>(OcrStatus.class);
            for (Object[] row : em.createQuery(
                            "SELECT v.ocrStatus, COUNT(v) FROM VersionEntity v, ImportedEntity i"
                                    + " WHERE i.jobId = :job AND v.documentId = i.documentId GROUP BY v.ocrStatus",
                            Object[].class)
                    .setParameter("job", jobId)
                    .getResultList()) {
                counts.put(OcrStatus.valueOf((String) row[0]), ((Number) row[1]).longValue());
            }
            return counts;
        });
    }

    public List<ScanEntity> scans(String documentId) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT s FROM ScanEntity s WHERE s.documentId = :d ORDER BY s.versionNumber, s.page",
                        ScanEntity.class)
                .setParameter("d", documentId)
                .getResultList());
    }
}
