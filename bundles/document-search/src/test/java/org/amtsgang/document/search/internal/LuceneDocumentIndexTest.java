package org.amtsgang.document.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.amtsgang.document.api.dto.SearchHit;
import org.amtsgang.document.api.spi.IndexChange;
import org.amtsgang.document.api.spi.IndexEntry;
import org.amtsgang.document.api.spi.IndexHits;
import org.amtsgang.document.api.spi.IndexQuery;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LuceneDocumentIndexTest {

    private static final Set<String> ALICE = Set.of("subject:alice");

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path folder;
    private LuceneDocumentIndex index;

    @Before
    public void open() throws Exception {
        folder = temp.newFolder("index").toPath();
        index = new LuceneDocumentIndex(folder, 16);
    }

    @After
    public void close() {
        index.deactivate();
    }

    @Test
    public void anIndexInAnOlderLayoutIsEmptiedWhenOpened() throws Exception {
        index.deactivate();
        Path old = temp.newFolder("old").toPath();
        try (org.apache.lucene.store.Directory dir = org.apache.lucene.store.FSDirectory.open(old);
                org.apache.lucene.index.IndexWriter writer =
                        new org.apache.lucene.index.IndexWriter(dir, new org.apache.lucene.index.IndexWriterConfig())) {
            org.apache.lucene.document.Document d = new org.apache.lucene.document.Document();
            d.add(new org.apache.lucene.document.StringField(
                    Fields.DOC, "d-old", org.apache.lucene.document.Field.Store.YES));
            writer.addDocument(d); // no layout in its commit: written before layouts were recorded
            writer.commit();
        }

        index = new LuceneDocumentIndex(old, 16);
        assertThat(index.size()).isZero();
        index.apply(List.of(doc("d1", "Akte", "Apfel")));
        index.deactivate();
        // the layout is recorded now: reopening keeps what is there
        index = new LuceneDocumentIndex(old, 16);
        assertThat(index.size()).isEqualTo(1);
    }

    // ---- words ----

    @Test
    public void findsGermanWordFormsInTextAndTitle() {
        index.apply(List.of(doc("d1", "Baugenehmigung für das Wohnhaus", "Der Antrag wurde geprüft.")));

        assertThat(ids(text("Wohnhäuser"))).containsExactly("d1");
        assertThat(ids(text("wohnhaus"))).containsExactly("d1");
        assertThat(ids(text("Anträge geprueft"))).containsExactly("d1");
        assertThat(ids(text("Garage"))).isEmpty();
    }

    @Test
    public void everyWordMustMatch() {
        index.apply(List.of(
                doc("d1", "Bauantrag", "Neubau einer Garage"), doc("d2", "Bauantrag", "Neubau eines Carports")));

        assertThat(ids(text("Neubau Garage"))).containsExactly("d1");
        assertThat(ids(text("Neubau"))).containsExactlyInAnyOrder("d1", "d2");
    }

    @Test
    public void findsMetadataByFreeText() {
        index.apply(List.of(change("d1", entry("d1", 1, "Akte", "", Map.of("gemarkung", "Altstadt"), ALICE))));

        assertThat(ids(text("altstadt"))).containsExactly("d1");
    }

    @Test
    public void queryTextIsNeverParsedAsSyntax() {
        index.apply(List.of(doc("d1", "Titel", "Text mit Klammern (und) Sternen")));

        for (String nasty :
                List.of("\"AND ( title:*", "*", "?", "\\", "[a TO", "~2", "OR", "text:x^3", "&&||!", "/re/")) {
            assertThatCode(() -> index.search(query(nasty, Map.of(), ALICE, 0, 10)))
                    .as(nasty)
                    .doesNotThrowAnyException();
        }
        assertThat(ids(text("(Klammern) AND"))).isEmpty(); // "and" is a word here, and it is not in the text
        assertThat(ids(text("(Klammern)"))).containsExactly("d1");
        assertThat(ids(text("der die das"))).as("only stop words find nothing").isEmpty();
    }

    @Test
    public void snippetShowsTheMatchInContext() {
        String before = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(10);
        String after = " Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.".repeat(10);
        index.apply(List.of(doc("d1", "Bescheid", before + "Die Wohnhäuser stehen\nam Markt." + after)));

        SearchHit hit = index.search(text("wohnhaus")).hits().get(0);

        assertThat(hit.snippet())
                .contains("Die Wohnhäuser stehen am Markt.")
                .startsWith("…")
                .endsWith("…");
        assertThat(hit.snippet().length()).isLessThanOrEqualTo(Snippets.LENGTH + 2);
        assertThat(hit.score()).isPositive();
    }

    // ---- fields ----

    @Test
    public void addressMatchesWordsWithUmlautsAndSharpS() {
        index.apply(List.of(
                change("d1", entry("d1", 1, "Akte", "", Map.of("address", "Schloßstraße 12"), ALICE)),
                change("d2", entry("d2", 1, "Akte", "", Map.of("address", "Müllerweg 3"), ALICE))));

        assertThat(ids(fields(Map.of("address", "schlossstrasse 12")))).containsExactly("d1");
        assertThat(ids(fields(Map.of("address", "Schloßstraße")))).containsExactly("d1");
        assertThat(ids(fields(Map.of("address", "Schlossstrasse 14")))).isEmpty();
        assertThat(ids(fields(Map.of("address", "muellerweg 3")))).containsExactly("d2");
        assertThat(ids(fields(Map.of("address", "Mullerweg")))).containsExactly("d2");
    }

    @Test
    public void otherFieldsMatchExactlyAfterNormalising() {
        index.apply(List.of(
                change("d1", entry("d1", 1, "A", "", parcel("BV-2024/0815", "Altstadt", "3", "112/4", "2024"), ALICE)),
                change("d2", entry("d2", 1, "A", "", parcel("BV-2024/0816", "Altstadt", "3", "112/5", "2024"), ALICE)),
                change(
                        "d3",
                        entry("d3", 1, "A", "", parcel("BV-2023/0001", "Neustadt", "3", "112/4", "2023"), ALICE))));

        assertThat(ids(fields(Map.of("aktenzeichen", "  bv-2024/0815 ")))).containsExactly("d1");
        assertThat(ids(fields(Map.of("aktenzeichen", "BV-2024"))))
                .as("no partial match")
                .isEmpty();
        assertThat(ids(fields(Map.of("gemarkung", "ALTSTADT", "flur", "3", "flurstueck", "112/4"))))
                .containsExactly("d1");
        assertThat(ids(fields(Map.of("gemarkung", "altstadt")))).containsExactly("d1", "d2");
        assertThat(ids(fields(Map.of("year", "2023")))).containsExactly("d3");
        assertThat(ids(query("bescheid", Map.of("year", "2024"), ALICE, 0, 10))).isEmpty();
    }

    @Test
    public void typeAndOfficeMatchTheEntrysOwn() {
        index.apply(List.of(
                change("d1", new IndexEntry("d1", 1, 1, "A", "Bescheid", "bauamt", Map.of("type", "x"), "", ALICE)),
                change("d2", new IndexEntry("d2", 1, 1, "A", "Antrag", "bauamt", Map.of(), "", ALICE)),
                change("d3", new IndexEntry("d3", 1, 1, "A", "Bescheid", "steueramt", Map.of(), "", ALICE))));

        assertThat(ids(fields(Map.of("type", "bescheid")))).containsExactly("d1", "d3");
        assertThat(ids(fields(Map.of("type", "x"))))
                .as("the entry's own type wins")
                .isEmpty();
        assertThat(ids(fields(Map.of("office", "bauamt")))).containsExactly("d1", "d2");
        assertThat(ids(fields(Map.of("office", "bauamt", "type", "Bescheid")))).containsExactly("d1");
        assertThat(index.search(fields(Map.of("office", "steueramt")))
                        .hits()
                        .get(0)
                        .type())
                .isEqualTo("Bescheid");
    }

    // ---- readers ----

    @Test
    public void onlyReadersOfAnEntrySeeIt() {
        index.apply(List.of(
                change("d1", entry("d1", 1, "Bescheid", "Grundsteuer", Map.of(), Set.of("subject:a"))),
                change("d2", entry("d2", 1, "Bescheid", "Grundsteuer", Map.of(), Set.of("subject:b", "office:x")))));

        assertThat(ids(query("grundsteuer", Map.of(), Set.of("subject:a"), 0, 10)))
                .containsExactly("d1");
        assertThat(ids(query("grundsteuer", Map.of(), Set.of("subject:b"), 0, 10)))
                .containsExactly("d2");
        assertThat(ids(query(null, Map.of(), Set.of("office:x", "subject:a"), 0, 10)))
                .containsExactly("d1", "d2");
        assertThat(ids(query("grundsteuer", Map.of(), Set.of("subject:c"), 0, 10)))
                .isEmpty();
        IndexHits none = index.search(query("grundsteuer", Map.of(), Set.of(), 0, 10));
        assertThat(none.hits()).isEmpty();
        assertThat(none.total()).isZero();
    }

    // ---- changes ----

    @Test
    public void aChangeReplacesAllPagesOfItsDocument() {
        index.apply(List.of(change(
                "d1",
                entry("d1", 1, "Akte", "Seite eins Apfel", Map.of(), ALICE),
                entry("d1", 2, "Akte", "Seite zwei Birne", Map.of(), ALICE),
                entry("d1", 3, "Akte", "Seite drei Kirsche", Map.of(), ALICE))));
        index.apply(List.of(doc("d2", "Andere", "Seite Apfel")));
        assertThat(index.size()).isEqualTo(4);
        assertThat(index.search(text("birne")).hits())
                .extracting(SearchHit::page)
                .containsExactly(2);

        index.apply(
                List.of(change("d1", new IndexEntry("d1", 2, 1, "Akte", "t", "o", Map.of(), "Neu Pflaume", ALICE))));

        assertThat(index.size()).isEqualTo(2);
        assertThat(ids(text("birne"))).isEmpty();
        assertThat(ids(text("apfel"))).containsExactly("d2");
        assertThat(index.search(text("pflaume")).hits()).singleElement().satisfies(h -> assertThat(h.version())
                .isEqualTo(2));
    }

    @Test
    public void aChangeWithoutEntriesRemovesTheDocument() {
        index.apply(List.of(doc("d1", "Akte", "Apfel"), doc("d2", "Akte", "Apfel")));

        index.apply(List.of(new IndexChange("d1", List.of())));

        assertThat(ids(text("apfel"))).containsExactly("d2");
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    public void changesApplyInOrder() {
        index.apply(List.of(doc("d1", "Akte", "Apfel"), new IndexChange("d1", List.of()), doc("d1", "Akte", "Birne")));

        assertThat(ids(text("birne"))).containsExactly("d1");
        assertThat(ids(text("apfel"))).isEmpty();
    }

    @Test
    public void refusesEntriesOfAnotherDocumentAndKeepsTheBatchOut() {
        List<IndexChange> bad =
                List.of(doc("d1", "Akte", "Apfel"), change("d2", entry("d3", 1, "t", "x", Map.of(), ALICE)));

        assertThatThrownBy(() -> index.apply(bad)).isInstanceOf(IllegalArgumentException.class);
        assertThat(index.size()).isZero();
    }

    @Test
    public void changesSurviveAClose() throws Exception {
        index.apply(List.of(doc("d1", "Baugenehmigung", "Wohnhaus am Markt")));
        index.deactivate();

        index = new LuceneDocumentIndex(folder, 16);

        assertThat(ids(text("wohnhaus"))).containsExactly("d1");
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    public void clearRemovesEverything() {
        index.apply(List.of(doc("d1", "Akte", "Apfel"), doc("d2", "Akte", "Apfel")));

        index.clear();

        assertThat(index.size()).isZero();
        assertThat(ids(text("apfel"))).isEmpty();
        index.apply(List.of(doc("d3", "Akte", "Apfel")));
        assertThat(ids(text("apfel"))).containsExactly("d3");
    }

    // ---- paging ----

    @Test
    public void pagesThroughHitsOrderedByDocumentWithoutText() {
        List<IndexChange> changes = new ArrayList<>();
        IntStream.range(0, 25).forEach(i -> changes.add(doc(String.format("d%02d", i), "Akte", "Apfel")));
        index.apply(changes);

        IndexHits second = index.search(query(null, Map.of(), ALICE, 10, 10));
        IndexHits last = index.search(query(null, Map.of(), ALICE, 20, 10));
        IndexHits beyond = index.search(query("apfel", Map.of(), ALICE, 30, 10));
        IndexHits countOnly = index.search(query("apfel", Map.of(), ALICE, 0, 0));

        assertThat(second.total()).isEqualTo(25);
        assertThat(second.hits()).extracting(SearchHit::documentId).first().isEqualTo("d10");
        assertThat(second.hits()).extracting(SearchHit::documentId).last().isEqualTo("d19");
        assertThat(last.hits()).hasSize(5);
        assertThat(beyond.hits()).isEmpty();
        assertThat(beyond.total()).isEqualTo(25);
        assertThat(countOnly.total()).isEqualTo(25);
    }

    @Test
    public void ordersPagesOfADocument() {
        index.apply(List.of(change(
                "d1",
                entry("d1", 2, "Akte", "zwei", Map.of(), ALICE),
                entry("d1", 10, "Akte", "zehn", Map.of(), ALICE),
                entry("d1", 1, "Akte", "eins", Map.of(), ALICE))));

        assertThat(index.search(query(null, Map.of(), ALICE, 0, 10)).hits())
                .extracting(SearchHit::page)
                .containsExactly(1, 2, 10);
    }

    @Test
    public void countsExactlyUpToAThousandHitsAndSaysAtLeastBeyond() {
        List<IndexChange> changes = new ArrayList<>();
        IntStream.range(0, 1500).forEach(i -> changes.add(doc("d" + i, "Akte", "Apfel Nummer " + i)));
        IntStream.range(0, 900).forEach(i -> changes.add(doc("b" + i, "Akte", "Birne Nummer " + i)));
        index.apply(changes);

        IndexHits many = index.search(query("apfel", Map.of(), ALICE, 0, 5));
        assertThat(many.totalExact()).isFalse();
        assertThat(many.total()).isBetween(1000L, 1500L);
        assertThat(many.hits()).hasSize(5);
        IndexHits few = index.search(query("birne", Map.of(), ALICE, 0, 5));
        assertThat(few.totalExact()).isTrue();
        assertThat(few.total()).isEqualTo(900);
        // a page deep in the results is still served
        assertThat(index.search(query("apfel", Map.of(), ALICE, 1400, 100)).hits())
                .hasSize(100);
    }

    @Test
    public void refusesDeepPages() {
        assertThatThrownBy(() -> index.search(query("x", Map.of(), ALICE, 9_995, 10)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.search(query("x", Map.of(), ALICE, -1, 10)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> index.search(query("x", Map.of(), ALICE, 9_990, 10)))
                .doesNotThrowAnyException();
    }

    // ---- a broken index ----

    @Test
    public void aDamagedIndexFailsCallsWithAdviceAndClearRebuildsIt() throws Exception {
        index.deactivate();
        Path broken = temp.newFolder("broken").toPath();
        Files.writeString(broken.resolve("segments_1"), "no index at all");
        Files.writeString(broken.resolve("notes.txt"), "not Lucene's");

        index = new LuceneDocumentIndex(broken, 16); // does not throw: the component stays up

        assertThatThrownBy(() -> index.search(text("apfel")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(broken.toString())
                .hasMessageContaining("amtsgang:documents-reindex");
        index.clear();
        index.apply(List.of(doc("d1", "Akte", "Apfel")));
        assertThat(ids(text("apfel"))).containsExactly("d1");
        assertThat(broken.resolve("notes.txt"))
                .as("only Lucene's files are deleted")
                .exists();
    }

    @Test
    public void aLockedIndexIsUsableOnceTheLockIsGone() {
        index.apply(List.of(doc("d1", "Akte", "Apfel")));
        LuceneDocumentIndex second = new LuceneDocumentIndex(folder, 16);
        try {
            assertThatThrownBy(second::size)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("locked");

            index.deactivate();

            assertThat(second.size()).isEqualTo(1);
        } finally {
            second.deactivate();
        }
    }

    @Test
    public void theDefaultFolderIsInKarafsDataFolder() {
        String before = System.getProperty("karaf.data");
        System.setProperty("karaf.data", "/srv/karaf/data");
        try {
            assertThat(LuceneDocumentIndex.directory(config("")))
                    .isEqualTo(Path.of("/srv/karaf/data/amtsgang/search-index"));
            assertThat(LuceneDocumentIndex.directory(config(" /var/index "))).isEqualTo(Path.of("/var/index"));
        } finally {
            if (before == null) {
                System.clearProperty("karaf.data");
            } else {
                System.setProperty("karaf.data", before);
            }
        }
    }

    // ---- helpers ----

    private List<String> ids(IndexQuery q) {
        return index.search(q).hits().stream().map(SearchHit::documentId).toList();
    }

    private static IndexQuery text(String text) {
        return query(text, Map.of(), ALICE, 0, 20);
    }

    private static IndexQuery fields(Map<String, String> fields) {
        return query(null, fields, ALICE, 0, 20);
    }

    private static IndexQuery query(
            String text, Map<String, String> fields, Set<String> readers, int offset, int limit) {
        return new IndexQuery(text, fields, readers, offset, limit);
    }

    private static IndexChange doc(String id, String title, String text) {
        return change(id, entry(id, 1, title, text, Map.of(), ALICE));
    }

    private static IndexChange change(String id, IndexEntry... entries) {
        return new IndexChange(id, List.of(entries));
    }

    private static IndexEntry entry(
            String id, int page, String title, String text, Map<String, String> fields, Set<String> readers) {
        return new IndexEntry(id, 1, page, title, "bescheid", "bauamt", fields, text, readers);
    }

    private static Map<String, String> parcel(
            String aktenzeichen, String gemarkung, String flur, String flurstueck, String year) {
        return Map.of(
                "aktenzeichen", aktenzeichen,
                "gemarkung", gemarkung,
                "flur", flur,
                "flurstueck", flurstueck,
                "year", year);
    }

    private static SearchConfig config(String directory) {
        return new SearchConfig() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return SearchConfig.class;
            }

            @Override
            public String directory() {
                return directory;
            }

            @Override
            public int ramBufferMb() {
                return 32;
            }
        };
    }
}
