package org.amtsgang.document.search.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.amtsgang.document.api.spi.IndexChange;
import org.amtsgang.document.api.spi.IndexEntry;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/** Turns index entries into Lucene documents, one per page. */
final class EntryDocuments {

    private EntryDocuments() {}

    /** Refuses a change whose entries belong to another document: it would replace the wrong pages. */
    static void check(IndexChange change) {
        if (change == null || change.documentId() == null || change.documentId().isBlank()) {
            throw new IllegalArgumentException("An index change names its document.");
        }
        for (IndexEntry e : change.entries()) {
            if (!change.documentId().equals(e.documentId())) {
                throw new IllegalArgumentException("The change of document " + change.documentId()
                        + " carries an entry of document " + e.documentId() + ".");
            }
        }
    }

    static List<Document> of(IndexChange change) {
        List<Document> docs = new ArrayList<>(change.entries().size());
        for (IndexEntry e : change.entries()) {
            docs.add(of(e));
        }
        return docs;
    }

    static Document of(IndexEntry e) {
        Document d = new Document();
        d.add(new StringField(Fields.DOC, e.documentId(), Store.YES));
        d.add(new SortedDocValuesField(Fields.DOC, new BytesRef(e.documentId())));
        d.add(new StringField(Fields.KEY, e.documentId() + "#" + e.page(), Store.NO));
        d.add(new StoredField(Fields.VERSION, e.version()));
        d.add(new StoredField(Fields.PAGE, e.page()));
        d.add(new NumericDocValuesField(Fields.PAGE, e.page()));
        d.add(new TextField(Fields.TITLE, Fields.orEmpty(e.title()), Store.YES));
        d.add(new TextField(Fields.ALL, Fields.orEmpty(e.title()), Store.NO));
        d.add(new StoredField(Fields.TYPE, Fields.orEmpty(e.type())));
        // the entry's own kind and office win over metadata of the same name (the query contract)
        d.add(new StringField(Fields.exact(Fields.TYPE_KEY), Fields.normalise(e.type()), Store.NO));
        d.add(new StringField(Fields.exact(Fields.OFFICE_KEY), Fields.normalise(e.officeId()), Store.NO));
        d.add(new StoredField(Fields.TEXT, e.text())); // for snippets
        d.add(new TextField(Fields.ALL, e.text(), Store.NO));
        for (Map.Entry<String, String> f : e.fields().entrySet()) {
            String key = f.getKey();
            if (!key.equals(Fields.TYPE_KEY) && !key.equals(Fields.OFFICE_KEY)) {
                d.add(new StringField(Fields.exact(key), Fields.normalise(f.getValue()), Store.NO));
            }
            d.add(new TextField(Fields.ALL, f.getValue(), Store.NO));
            if (key.equals(Fields.ADDRESS_KEY)) {
                d.add(new TextField(Fields.ADDRESS_WORDS, f.getValue(), Store.NO));
            }
        }
        for (String reader : e.readers()) {
            d.add(new StringField(Fields.READER, reader, Store.NO));
        }
        return d;
    }
}
