package org.amtsgang.document.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A Bauakten import job and its counts. */
@Entity
@Table(name = "DOCUMENT_IMPORT")
public class ImportEntity {

    @Id
    @Column(name = "ID")
    public String id;

    @Column(name = "FOLDER")
    public String folder;

    @Column(name = "STATE")
    public String state;

    @Column(name = "FILES")
    public int files;

    @Column(name = "IMPORTED")
    public int imported;

    @Column(name = "SKIPPED")
    public int skipped;

    @Column(name = "FAILED")
    public int failed;

    @Column(name = "PAGES")
    public long pages;

    @Column(name = "STARTED_BY")
    public String startedBy;

    @Column(name = "STARTED_AT")
    public long startedAt;

    @Column(name = "FINISHED_AT")
    public Long finishedAt;

    @Column(name = "ERRORS")
    public String errors;
}
