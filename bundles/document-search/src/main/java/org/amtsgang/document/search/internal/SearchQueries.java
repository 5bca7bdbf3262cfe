package org.amtsgang.document.search.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.amtsgang.document.api.spi.IndexQuery;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Turns an index query into a Lucene query. The user's words go through the analyser and become
 * term queries, never through Lucene's query syntax: nothing a user types can make a search fail
 * or reach another field.
 */
final class SearchQueries {

    /**
     * Words of a text beyond this many are ignored: a search box needs fewer, and it keeps every
     * query far below Lucene's limit of 1024 clauses.
     */
    static final int MAX_WORDS = 32;

    private static final float TITLE_BOOST = 2f;
    private static final Sort BY_DOCUMENT =
            new Sort(new SortField(Fields.DOC, SortField.Type.STRING), new SortField(Fields.PAGE, SortField.Type.INT));

    /**
     * What to run.
     *
     * @param query the Lucene query
     * @param sort the order, or {@code null} for best first
     * @param words the analysed words of the text, for snippets
     */
    record Plan(Query query, Sort sort, Set<String> words) {

        boolean matchesNothing() {
            return query instanceof MatchNoDocsQuery;
        }
    }

    private SearchQueries() {}

    static Plan of(IndexQuery q, Analyzer analyzer) {
        if (q.readers().isEmpty()) {
            return new Plan(new MatchNoDocsQuery("no reader keys"), null, Set.of());
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        boolean byText = q.text() != null && !q.text().isBlank();
        Set<String> words = Set.of();
        if (byText) {
            words = Fields.words(analyzer, Fields.TEXT, q.text());
            if (words.isEmpty()) {
                // only stop words or punctuation: nothing is found rather than everything
                return new Plan(new MatchNoDocsQuery("no words"), null, words);
            }
            words = Set.copyOf(List.copyOf(words).subList(0, Math.min(MAX_WORDS, words.size())));
            for (String word : words) {
                query.add(new TermQuery(new Term(Fields.ALL, word)), Occur.MUST); // every word somewhere
                // and a word in the title counts more
                query.add(new BoostQuery(new TermQuery(new Term(Fields.TITLE, word)), TITLE_BOOST), Occur.SHOULD);
            }
        }
        for (Map.Entry<String, String> f : q.fields().entrySet()) {
            if (f.getKey().equals(Fields.ADDRESS_KEY)) {
                Set<String> street = Fields.words(analyzer, Fields.ADDRESS_WORDS, f.getValue());
                if (street.isEmpty()) {
                    return new Plan(new MatchNoDocsQuery("no address words"), null, words);
                }
                for (String word : street) {
                    query.add(new TermQuery(new Term(Fields.ADDRESS_WORDS, word)), Occur.FILTER);
                }
            } else {
                Term exact = new Term(Fields.exact(f.getKey()), Fields.normalise(f.getValue()));
                query.add(new TermQuery(exact), Occur.FILTER);
            }
        }
        List<BytesRef> readers = q.readers().stream().map(BytesRef::new).toList();
        query.add(new TermInSetQuery(Fields.READER, readers), Occur.FILTER);
        return new Plan(query.build(), byText ? null : BY_DOCUMENT, words);
    }
}
