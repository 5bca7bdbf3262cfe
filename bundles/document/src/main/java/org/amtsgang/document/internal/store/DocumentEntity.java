package org.amtsgang.document.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A document's metadata; its content is in its versions. */
@Entity
@Table(name = "DOCUMENT_DOCUMENT")
public class DocumentEntity {

    @Id
    @Column(name = "ID")
    public String id;

    @Column(name = "TITLE")
    public String title;

    @Column(name = "DOC_TYPE")
    public String type;

    @Column(name = "OFFICE_ID")
    public String officeId;

    @Column(name = "CONFIDENTIALITY")
    public String confidentiality;

    @Column(name = "OWNER_SUBJECT")
    public String owner;

    @Column(name = "CASE_ID")
    public String caseId;

    @Column(name = "PARTICIPANT")
    public String participant;

    @Column(name = "RETENTION")
    public String retention;

    @Column(name = "RETAIN_UNTIL_DAY")
    public Integer retainUntilDay;

    @Column(name = "OCR")
    public int ocr;

    @Column(name = "OCR_PRIORITY")
    public int ocrPriority;

    @Column(name = "FIELDS")
    public String fields;

    @Column(name = "LATEST_VERSION")
    public int latestVersion;

    @Column(name = "CREATED_AT")
    public long createdAt;

    @Column(name = "CREATED_BY")
    public String createdBy;

    @Column(name = "DELETED_AT")
    public Long deletedAt;
}
