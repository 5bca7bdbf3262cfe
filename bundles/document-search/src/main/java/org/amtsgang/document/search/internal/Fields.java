package org.amtsgang.document.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** The index's field names and how values are made comparable: writing and querying must agree. */
final class Fields {

    /** The document id: stored for hits, a term for replacing, doc values for sorting. */
    static final String DOC = "doc";
    /** {@code documentId#page}: one Lucene document per page. */
    static final String KEY = "key";

    static final String VERSION = "version";
    static final String PAGE = "page";
    static final String TITLE = "title";
    /** The entry's kind as given, stored for hits; matched through {@code f.type}. */
    static final String TYPE = "type";

    /** The page's text: stored for snippets; searched through {@link #ALL}. */
    static final String TEXT = "text";
    /**
     * What free text is matched against: title, text and every metadata value (so a word finds an
     * Aktenzeichen or a Gemarkung too) in one field, so that a word is one term to look up and not
     * three. The title is indexed on its own as well, for ranking.
     */
    static final String ALL = "all";

    /**
     * The layout of the index's documents. An index written in another layout is emptied when
     * opened, and the document service fills it again from the store.
     */
    static final String LAYOUT = "2";

    static final String READER = "reader";
    /** Address words; outside the {@code f.} namespace, so no metadata key can collide with it. */
    static final String ADDRESS_WORDS = "address.words";

    static final String TYPE_KEY = "type";
    static final String OFFICE_KEY = "office";
    static final String ADDRESS_KEY = "address";

    /**
     * Longer exact values are cut: Lucene refuses terms over 32 KB, and both sides are cut alike, so
     * matching still works for anything a person would type.
     */
    private static final int MAX_EXACT = 1000;

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Fields() {}

    /** The exact-match field of a metadata key. */
    static String exact(String key) {
        return "f." + key;
    }

    /** Trimmed, lower-case, one space between words, composed umlauts (forms and OCR send both). */
    static String normalise(String value) {
        if (value == null) {
            return "";
        }
        String composed = Normalizer.normalize(value, Normalizer.Form.NFC);
        String n = SPACES.matcher(composed.trim()).replaceAll(" ").toLowerCase(Locale.ROOT);
        return n.length() > MAX_EXACT ? n.substring(0, MAX_EXACT) : n;
    }

    /** The distinct terms the analyser makes of a text, in order. */
    static Set<String> words(Analyzer analyzer, String field, String text) {
        Set<String> words = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return words;
        }
        try (TokenStream tokens = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                words.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String cannot fail to read
        }
        return words;
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
