package org.amtsgang.document.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

/** A document whose search entries are to be brought up to date (the index's outbox). */
@Entity
@Table(name = "DOCUMENT_INDEX_TODO")
public class IndexTodoEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    public Long id;

    @Column(name = "DOCUMENT_ID")
    public String documentId;

    @Column(name = "CREATED_AT")
    public long createdAt;
}
