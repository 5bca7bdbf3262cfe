package org.amtsgang.cases.internal.store;

import javax.persistence.Basic;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.FetchType;
import javax.persistence.Id;
import javax.persistence.Lob;
import javax.persistence.Table;

/** A file kept with a case, with its content. */
@Entity
@Table(name = "CASES_FILE")
public class FileEntity {

    @Id
    @Column(name = "ID")
    public String id;

    @Column(name = "CASE_ID")
    public String caseId;

    @Column(name = "KIND")
    public String kind;

    @Column(name = "FILE_NAME")
    public String fileName;

    @Column(name = "CONTENT_TYPE")
    public String contentType;

    @Column(name = "SIZE_BYTES")
    public long size;

    @Column(name = "SHA256")
    public String sha256;

    @Column(name = "ADDED_AT")
    public long addedAt;

    @Column(name = "ADDED_BY")
    public String addedBy;

    /** The document holding the content, or null while the content is kept here. */
    @Column(name = "DOCUMENT_ID")
    public String documentId;

    public FileEntity() {}

    /** A file's description without its content, for lists. */
    public FileEntity(
            String id,
            String caseId,
            String kind,
            String fileName,
            String contentType,
            long size,
            String sha256,
            long addedAt,
            String addedBy,
            String documentId) {
        this.id = id;
        this.caseId = caseId;
        this.kind = kind;
        this.fileName = fileName;
        this.contentType = contentType;
        this.size = size;
        this.sha256 = sha256;
        this.addedAt = addedAt;
        this.addedBy = addedBy;
        this.documentId = documentId;
    }

    /** The bytes while the case keeps them; null once they moved into the document service. */
    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "CONTENT")
    public byte[] content;
}
