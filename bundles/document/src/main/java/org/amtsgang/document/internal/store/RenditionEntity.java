package org.amtsgang.document.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/** Something derived from a version (its OCR text), stored as content of its own. */
@Entity
@Table(name = "DOCUMENT_RENDITION")
@IdClass(RenditionEntity.Key.class)
public class RenditionEntity {

    /** The composite key. */
    public static class Key implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        public String documentId;
        public int versionNumber;
        public String kind;

        public Key() {}

        public Key(String documentId, int versionNumber, String kind) {
            this.documentId = documentId;
            this.versionNumber = versionNumber;
            this.kind = kind;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k
                    && java.util.Objects.equals(documentId, k.documentId)
                    && versionNumber == k.versionNumber
                    && java.util.Objects.equals(kind, k.kind);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(documentId, versionNumber, kind);
        }
    }

    @Id
    @Column(name = "DOCUMENT_ID")
    public String documentId;

    @Id
    @Column(name = "VERSION_NUMBER")
    public int versionNumber;

    @Id
    @Column(name = "KIND")
    public String kind;

    @Column(name = "CONTENT_TYPE")
    public String contentType;

    @Column(name = "SIZE_BYTES")
    public long size;

    @Column(name = "SHA256")
    public String sha256;

    @Column(name = "CREATED_AT")
    public long createdAt;
}
