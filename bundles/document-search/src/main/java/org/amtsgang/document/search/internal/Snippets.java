package org.amtsgang.document.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * A few words of a page around the first match. The page's text goes through the same analyser
 * as the query, so "Wohnhäuser" is found for "wohnhaus"; cheaper than a highlighter for a page of
 * a few KB and needs no further Lucene module.
 */
final class Snippets {

    static final int LENGTH = 160;
    /** Characters shown before the match, so that it reads in context. */
    private static final int BEFORE = 50;

    private Snippets() {}

    static String of(Analyzer analyzer, String text, Set<String> words) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        int[] match = words.isEmpty() ? null : firstMatch(analyzer, text, words);
        int from = match == null ? 0 : wordStart(text, Math.max(0, match[0] - BEFORE), match[0]);
        int to = Math.min(text.length(), from + LENGTH);
        if (to < text.length()) {
            int space = lastSpace(text, to, match == null ? from : match[1]);
            to = space > 0 ? space : to;
        }
        String piece = text.substring(from, to).replaceAll("\\s+", " ").trim();
        return (from > 0 ? "…" : "") + piece + (to < text.length() ? "…" : "");
    }

    /** Start and end offset of the first token that is one of the words, or {@code null}. */
    private static int[] firstMatch(Analyzer analyzer, String text, Set<String> words) {
        try (TokenStream tokens = analyzer.tokenStream(Fields.TEXT, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                if (words.contains(term.toString())) {
                    // the rest of the page is not analysed: closing the stream resets it for reuse
                    return new int[] {offset.startOffset(), offset.endOffset()};
                }
            }
            tokens.end();
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves forward to the next word's start, so a snippet does not open mid-word. */
    private static int wordStart(String text, int from, int limit) {
        if (from == 0) {
            return 0;
        }
        for (int i = from; i < limit; i++) {
            if (Character.isWhitespace(text.charAt(i - 1)) && !Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return limit;
    }

    /** The last whitespace before {@code to} and after {@code after}, or -1. */
    private static int lastSpace(String text, int to, int after) {
        for (int i = to; i > after; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
