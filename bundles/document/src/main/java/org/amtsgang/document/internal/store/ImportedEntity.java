package org.amtsgang.document.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/** A file imported under an Aktenzeichen: the key that makes imports idempotent. */
@Entity
@Table(name = "DOCUMENT_IMPORTED")
@IdClass(ImportedEntity.Key.class)
public class ImportedEntity {

    /** The composite key. */
    public static class Key implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        public String aktenzeichen;
        public String sha256;

        public Key() {}

        public Key(String aktenzeichen, String sha256) {
            this.aktenzeichen = aktenzeichen;
            this.sha256 = sha256;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k
                    && java.util.Objects.equals(aktenzeichen, k.aktenzeichen)
                    && java.util.Objects.equals(sha256, k.sha256);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(aktenzeichen, sha256);
        }
    }

    @Id
    @Column(name = "AKTENZEICHEN")
    public String aktenzeichen;

    @Id
    @Column(name = "SHA256")
    public String sha256;

    @Column(name = "DOCUMENT_ID")
    public String documentId;

    @Column(name = "JOB_ID")
    public String jobId;
}
