package org.amtsgang.document.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/** The scan record of one page (BSI TR-RESISCAN). */
@Entity
@Table(name = "DOCUMENT_SCAN")
@IdClass(ScanEntity.Key.class)
public class ScanEntity {

    /** The composite key. */
    public static class Key implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        public String documentId;
        public int versionNumber;
        public int page;

        public Key() {}

        public Key(String documentId, int versionNumber, int page) {
            this.documentId = documentId;
            this.versionNumber = versionNumber;
            this.page = page;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k
                    && java.util.Objects.equals(documentId, k.documentId)
                    && versionNumber == k.versionNumber
                    && page == k.page;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(documentId, versionNumber, page);
        }
    }

    @Id
    @Column(name = "DOCUMENT_ID")
    public String documentId;

    @Id
    @Column(name = "VERSION_NUMBER")
    public int versionNumber;

    @Id
    @Column(name = "PAGE")
    public int page;

    @Column(name = "SCANNED_BY")
    public String scannedBy;

    @Column(name = "DEVICE")
    public String device;

    @Column(name = "SCANNED_AT")
    public long scannedAt;

    @Column(name = "SHA256")
    public String sha256;

    @Column(name = "QUALITY")
    public String quality;

    @Column(name = "RESOLUTION_DPI")
    public int resolutionDpi;

    @Column(name = "RECORDED_AT")
    public long recordedAt;
}
