package org.amtsgang.document.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/** One immutable version: never updated except for its OCR bookkeeping. */
@Entity
@Table(name = "DOCUMENT_VERSION")
@IdClass(VersionEntity.Key.class)
public class VersionEntity {

    /** The composite key. */
    public static class Key implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        public String documentId;
        public int number;

        public Key() {}

        public Key(String documentId, int number) {
            this.documentId = documentId;
            this.number = number;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && java.util.Objects.equals(documentId, k.documentId) && number == k.number;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(documentId, number);
        }
    }

    @Id
    @Column(name = "DOCUMENT_ID")
    public String documentId;

    @Id
    @Column(name = "NUMBER")
    public int number;

    @Column(name = "FILE_NAME")
    public String fileName;

    @Column(name = "CONTENT_TYPE")
    public String contentType;

    @Column(name = "SIZE_BYTES")
    public long size;

    @Column(name = "SHA256")
    public String sha256;

    @Column(name = "PAGES")
    public int pages;

    @Column(name = "OCR_STATUS")
    public String ocrStatus;

    @Column(name = "OCR_PRIORITY")
    public int ocrPriority;

    @Column(name = "OCR_NOTE")
    public String ocrNote;

    @Column(name = "CREATED_AT")
    public long createdAt;

    @Column(name = "CREATED_BY")
    public String createdBy;
}
