// Seeds a stopped Amtsgang distribution with OCR'd Bauakten for the documents benchmark's search part
// (part of benchmarks/documents/run.sh), as if they had been imported and read: the rows in Derby and
// the text renditions in the content store. Run as a single-file source program:
//
//   java -cp <derby jars> SeedIndex.java <derby directory> <content store directory> <documents> <pages> <out directory> <seed>
//
// The platform must be stopped (embedded Derby lets one JVM open the database) and must have started
// once: the document tables exist. Per document one DOCUMENT_DOCUMENT row (type BAUAKTE, office
// bauaufsicht, INTERNAL, PERMANENT, fields aktenzeichen, address, gemarkung, flur, flurstueck, year),
// one DOCUMENT_VERSION (a TIFF of <pages> pages, OCR DONE) and one DOCUMENT_RENDITION (OCR_TEXT): the
// text's pages (German building-file text, 1.5 to 3 KB each) separated by form feeds, written to
// <store>/sha256/ab/cd/<sha256> (the bytes hash to the name). The version's scan itself is not
// written: search never reads it. No index outbox rows: the benchmark rebuilds the index.
//
// Writes <out>/queries.tsv (kind, query string; for wrk-search.lua and the plausibility checks) and
// <out>/known.tsv (an Aktenzeichen, its document id, pages) and prints "SEED ..." lines.
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

public class SeedIndex {

    static final String[] STREETS = {
        "Schloßstraße", "Mühlenweg", "Königsallee", "Große Straße", "Lindenstraße", "Gärtnerweg", "Bürgerstraße",
        "Am Kuhlenbühl", "Brückenstraße", "Mönchstraße", "Rößlerweg", "Kirchplatz", "Hölderlinstraße",
        "Gießereistraße", "Süderstraße", "Fährweg", "Bäckergasse", "Weißdornweg", "Eschenhöhe", "Überlinger Straße",
        "Grüner Weg", "Flößerstraße", "Rathausstraße", "Am Mühlbach", "Lärchenweg", "Tannenhöhe", "Kärntner Straße",
        "Schützenstraße", "Hafenstraße", "Bahnhofstraße", "Querstraße", "Marktplatz", "Domstraße", "Gerberstraße",
        "Ölmühlenweg", "Fuchsbau", "Höhenweg", "Sonnenhang", "Zum Brühl", "Drosselgasse"
    };
    static final String[] GEMARKUNGEN = {
        "Altstadt", "Nordfeld", "Süderhöhe", "Großenbrück", "Lindental", "Mühlhausen", "Weißenbach", "Kirchdorf",
        "Oberau", "Bärenfeld", "Hülsberg", "Rödingen", "Talheim", "Östringen", "Wiesental", "Neudorf"
    };
    /** Words of building files: the body text is drawn from them (some common, most rarer). */
    static final String[] WORDS = (
        "Bauantrag Baugenehmigung Bauvorbescheid Abstandsfläche Abstandsflächen Grundstück Flurstück Gemarkung "
        + "Bebauungsplan Nutzungsänderung Dachgeschoss Dachgeschossausbau Standsicherheit Brandschutz Statik "
        + "Rohbauabnahme Schlussabnahme Nachbarbeteiligung Stellplätze Stellplatz Einfriedung Garage Carport "
        + "Wohnhaus Anbau Außenwand Geschossfläche Grundflächenzahl Auflage Auflagen Bauherr Bauherrin "
        + "Entwurfsverfasser Prüfingenieur Widerspruch Genehmigung erteilt versagt Bescheid Gebühr Euro Lageplan "
        + "Maßstab Bauzeichnung Grundriss Schnitt Ansicht Baubeschreibung Wärmeschutz Schallschutz Entwässerung "
        + "Mischwasserkanal Regenwasser Zisterne Versickerung Kellerdecke Stahlbeton Mauerwerk Ziegel Dachneigung "
        + "Dacheindeckung Tonziegel Schiefer Gaube Dachgaube Balkon Terrasse Wintergarten Schuppen Nebengebäude "
        + "Scheune Stall Werkhalle Lagerhalle Gaststätte Ladenlokal Büro Praxis Mehrfamilienhaus Einfamilienhaus "
        + "Doppelhaushälfte Reihenhaus Tiefgarage Zufahrt Feuerwehr Rettungsweg Treppenhaus Aufzug Barrierefreiheit "
        + "Fenster Aufenthaltsraum Belichtung Lüftung Heizung Schornstein Feuerstätte Bezirksschornsteinfeger "
        + "Abbruch Rückbau Asbest Altlasten Baugrund Bodengutachten Fundament Bodenplatte Sockel Traufe First "
        + "Firsthöhe Traufhöhe Vollgeschoss Geschoss Obergeschoss Erdgeschoss Kellergeschoss Denkmalschutz "
        + "Denkmal Ensemble Sanierung Modernisierung Instandsetzung Fassade Putz Verblendung Klinker Holzbalkendecke "
        + "Befreiung Ausnahme Festsetzung Baulinie Baugrenze Baulast Grunddienstbarkeit Wegerecht Nachbar "
        + "Nachbarin Einwendung Zustimmung Unterschrift Vollmacht Architekt Architektin Ingenieur Vermessung "
        + "Vermessungsingenieur Einmessung Absteckung Baubeginn Baufertigstellung Anzeige Bauüberwachung "
        + "Ortstermin Mängel Beanstandung Nachforderung Frist Verlängerung Rücknahme Widerruf Zwangsgeld "
        + "Stilllegung Nutzungsuntersagung Beseitigung Ordnungswidrigkeit Bußgeld Anhörung Akte Blatt Anlage "
        + "Vermerk Schreiben Antwort Eingang Posteingang Aktenvermerk Rücksprache Telefonat Besprechung "
        + "Stadtbaurat Bauamt Bauaufsicht Bauordnungsamt Tiefbauamt Umweltamt Grünflächenamt Straßenbaulastträger "
        + "Baum Baumschutz Hecke Gehölz Ausgleich Kompensation Photovoltaik Solaranlage Wärmepumpe Carport "
        + "Werbeanlage Schild Vordach Markise Pergola Gartenhaus Pool Schwimmbecken Stützmauer Aufschüttung "
        + "Abgrabung Geländeoberfläche Höhenlage Kanalanschluss Hausanschluss Wasserleitung Gasleitung "
        + "Fernwärme Trafostation Spielplatz Fahrradabstellplatz Müllstandplatz Kinderspielplatz").split(" ");
    static final String[] PHRASES = {
        "Die Baugenehmigung wird unter den nachstehenden Auflagen und Bedingungen erteilt.",
        "Die Abstandsflächen nach der Landesbauordnung sind auf dem eigenen Grundstück nachzuweisen.",
        "Die Standsicherheit ist durch einen Prüfingenieur für Baustatik zu bestätigen.",
        "Die Nachbarn wurden beteiligt; Einwendungen sind nicht erhoben worden.",
        "Für das Vorhaben sind zwei Stellplätze auf dem Grundstück herzustellen.",
        "Gegen diesen Bescheid kann innerhalb eines Monats Widerspruch erhoben werden.",
        "Der Brandschutz ist durch feuerbeständige Außenwände zum Nachbargrundstück sicherzustellen.",
        "Die Schlussabnahme wird nach Fertigstellung der Außenanlagen durchgeführt.",
    };

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: SeedIndex <derby directory> <store directory> <documents> <pages> <out directory> <seed>");
            System.exit(2);
        }
        String url = "jdbc:derby:" + args[0];
        Path store = Path.of(args[1]);
        int documents = Integer.parseInt(args[2]);
        int pages = Integer.parseInt(args[3]);
        Path out = Path.of(args[4]);
        long seed = Long.parseLong(args[5]);
        long t0 = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        List<String> queries = new ArrayList<>();
        List<String> known = new ArrayList<>();
        long textBytes = 0;
        long now = System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            String schema = schemaOf(c, "DOCUMENT_DOCUMENT");
            String creator = staffSubject(c, schemaOf(c, "IDENTITY_ACCOUNT"), "sachbearbeitung@bauaufsicht.example");
            try (PreparedStatement d = c.prepareStatement("INSERT INTO " + schema + ".DOCUMENT_DOCUMENT (ID, TITLE,"
                            + " DOC_TYPE, OFFICE_ID, CONFIDENTIALITY, OWNER_SUBJECT, CASE_ID, PARTICIPANT, RETENTION,"
                            + " RETAIN_UNTIL_DAY, OCR, OCR_PRIORITY, FIELDS, LATEST_VERSION, CREATED_AT, CREATED_BY, DELETED_AT)"
                            + " VALUES (?, ?, 'BAUAKTE', 'bauaufsicht', 'INTERNAL', NULL, NULL, NULL, 'PERMANENT', NULL, 1, 0,"
                            + " ?, 1, ?, ?, NULL)");
                    PreparedStatement v = c.prepareStatement("INSERT INTO " + schema + ".DOCUMENT_VERSION (DOCUMENT_ID,"
                            + " NUMBER, FILE_NAME, CONTENT_TYPE, SIZE_BYTES, SHA256, PAGES, OCR_STATUS, OCR_PRIORITY,"
                            + " OCR_NOTE, CREATED_AT, CREATED_BY) VALUES (?, 1, ?, 'image/tiff', ?, ?, ?, 'DONE', 0, NULL, ?, ?)");
                    PreparedStatement r = c.prepareStatement("INSERT INTO " + schema + ".DOCUMENT_RENDITION (DOCUMENT_ID,"
                            + " VERSION_NUMBER, KIND, CONTENT_TYPE, SIZE_BYTES, SHA256, CREATED_AT)"
                            + " VALUES (?, 1, 'OCR_TEXT', 'text/plain; charset=UTF-8', ?, ?, ?)")) {
                for (int k = 0; k < documents; k++) {
                    String id = String.format("DBENCH%018d", k); // 24 characters, never a platform id (D + random)
                    int year = 1950 + random.nextInt(75);
                    String aktenzeichen = String.format("63-BA-%d-%06d", year, k + 1);
                    String street = STREETS[random.nextInt(STREETS.length)];
                    int number = 1 + random.nextInt(150);
                    String gemarkung = GEMARKUNGEN[random.nextInt(GEMARKUNGEN.length)];
                    int flur = 1 + random.nextInt(60);
                    String flurstueck = Integer.toString(1 + random.nextInt(2000));
                    String address = street + " " + number;
                    String fields = "{\"address\":" + json(address) + ",\"aktenzeichen\":" + json(aktenzeichen)
                            + ",\"flur\":" + json(Integer.toString(flur)) + ",\"flurstueck\":" + json(flurstueck)
                            + ",\"gemarkung\":" + json(gemarkung) + ",\"year\":" + json(Integer.toString(year)) + "}";
                    StringBuilder text = new StringBuilder();
                    for (int p = 1; p <= pages; p++) {
                        if (p > 1) {
                            text.append('\f');
                        }
                        page(text, random, aktenzeichen, address, gemarkung, flur, flurstueck, year, p, pages);
                    }
                    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                    String hash = HexFormat.of().formatHex(sha.digest(bytes));
                    Path file = store.resolve("sha256").resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
                    Files.createDirectories(file.getParent());
                    Files.write(file, bytes);
                    textBytes += bytes.length;
                    // the scan's checksum: a name only (the scan is not written)
                    String scanSha = HexFormat.of().formatHex(sha.digest(("scan of " + id).getBytes(StandardCharsets.UTF_8)));
                    long created = now - (documents - k) * 1000L;
                    d.setString(1, id);
                    d.setString(2, "Bauakte " + aktenzeichen + ", " + address);
                    d.setString(3, fields);
                    d.setLong(4, created);
                    d.setString(5, creator);
                    d.addBatch();
                    v.setString(1, id);
                    v.setString(2, String.format("bauakte-%06d.tif", k + 1));
                    v.setLong(3, 1_500_000L * pages);
                    v.setString(4, scanSha);
                    v.setInt(5, pages);
                    v.setLong(6, created);
                    v.setString(7, creator);
                    v.addBatch();
                    r.setString(1, id);
                    r.setLong(2, bytes.length);
                    r.setString(3, hash);
                    r.setLong(4, created);
                    r.addBatch();
                    if ((k + 1) % 500 == 0) {
                        d.executeBatch();
                        v.executeBatch();
                        r.executeBatch();
                        c.commit();
                    }
                    if ((k + 1) % 2000 == 0) {
                        System.out.printf("SEED progress documents=%d ms=%d%n", k + 1, (System.nanoTime() - t0) / 1_000_000);
                    }
                    if (k % Math.max(1, documents / 200) == 0) {
                        queries(queries, random, aktenzeichen, street, number, gemarkung, flur, flurstueck, year);
                    }
                    if (k == documents / 2) {
                        known.add(aktenzeichen + "\t" + id + "\t" + pages);
                    }
                }
                d.executeBatch();
                v.executeBatch();
                r.executeBatch();
                c.commit();
            }
            try (var st = c.createStatement()) {
                for (String table : List.of("DOCUMENT_DOCUMENT", "DOCUMENT_VERSION", "DOCUMENT_RENDITION")) {
                    st.execute("CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS('" + schema + "', '" + table + "', NULL)");
                }
            }
            c.commit();
        } finally {
            try {
                DriverManager.getConnection(url + ";shutdown=true").close();
            } catch (SQLException e) {
                // Derby answers a clean shutdown of one database with SQLState 08006
                if (!"08006".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
        Files.write(out.resolve("queries.tsv"), queries, StandardCharsets.UTF_8);
        Files.write(out.resolve("known.tsv"), known, StandardCharsets.UTF_8);
        System.out.printf("SEED done documents=%d pages=%d text_mb=%.0f queries=%d ms=%d%n", documents,
                (long) documents * pages, textBytes / 1e6, queries.size(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** One page of OCR text: a header naming the file, then 1.5 to 3 KB of sentences of building-file words. */
    static void page(StringBuilder text, SplittableRandom r, String aktenzeichen, String address, String gemarkung,
            int flur, String flurstueck, int year, int page, int pages) {
        int start = text.length();
        int target = 1500 + r.nextInt(1500);
        text.append("Stadt Musterstadt - Untere Bauaufsichtsbehörde\nAktenzeichen: ").append(aktenzeichen)
                .append("  Blatt ").append(page).append(" von ").append(pages).append('\n')
                .append("Grundstück: ").append(address).append(", Gemarkung ").append(gemarkung).append(", Flur ")
                .append(flur).append(", Flurstück ").append(flurstueck).append("\n\n");
        int column = 0;
        while (text.length() - start < target) {
            String sentence;
            if (r.nextInt(5) == 0) {
                sentence = PHRASES[r.nextInt(PHRASES.length)];
            } else {
                StringBuilder s = new StringBuilder(r.nextBoolean() ? "Die " : "Der ");
                int words = 4 + r.nextInt(8);
                for (int w = 0; w < words; w++) {
                    // skewed: the first words of the list are common, the later ones rarer
                    int i = (int) (WORDS.length * Math.pow(r.nextDouble(), 1.6));
                    if (r.nextInt(12) == 0) {
                        s.append(r.nextInt(3) == 0 ? Integer.toString(year) : Integer.toString(1 + r.nextInt(500))).append(' ');
                    }
                    s.append(WORDS[i]).append(w == words - 1 ? "" : r.nextInt(6) == 0 ? ", " : " ");
                }
                sentence = s.append('.').toString();
            }
            if (column + sentence.length() > 90) {
                text.append('\n');
                column = 0;
            } else if (column > 0) {
                text.append(' ');
            }
            text.append(sentence);
            column += sentence.length() + 1;
        }
        text.append("\n\nMusterstadt, den ").append(String.format("%02d.%02d.%d", 1 + r.nextInt(28), 1 + r.nextInt(12), year))
                .append("\nIm Auftrag\n");
    }

    /** Six query kinds for this document, as the wrk script sends them. */
    static void queries(List<String> out, SplittableRandom r, String aktenzeichen, String street, int number,
            String gemarkung, int flur, String flurstueck, int year) {
        StringBuilder words = new StringBuilder();
        int n = 1 + r.nextInt(3);
        for (int w = 0; w < n; w++) {
            words.append(w == 0 ? "" : " ").append(WORDS[(int) (WORDS.length * Math.pow(r.nextDouble(), 1.6))]);
        }
        out.add("words\tq=" + enc(words.toString()));
        out.add("aktenzeichen\taktenzeichen=" + enc(aktenzeichen));
        out.add("gemarkung+flur+flurstueck\tgemarkung=" + enc(gemarkung) + "&flur=" + flur + "&flurstueck=" + enc(flurstueck));
        out.add("year+word\tyear=" + year + "&q=" + enc(WORDS[(int) (WORDS.length * Math.pow(r.nextDouble(), 1.6))]));
        out.add("address\taddress=" + enc(r.nextBoolean() ? street : street + " " + number));
        out.add("page5\tq=" + enc(WORDS[r.nextInt(12)]) + "&page=5");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String staffSubject(Connection c, String schema, String email) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT ID FROM " + schema + ".IDENTITY_ACCOUNT WHERE EMAIL = ?")) {
            p.setString(1, email);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("no account " + email + " (was the platform started with AMTSGANG_DEMO=true?)");
                }
                return r.getString(1);
            }
        }
    }

    static String schemaOf(Connection c, String table) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT s.SCHEMANAME FROM SYS.SYSTABLES t"
                + " JOIN SYS.SYSSCHEMAS s ON t.SCHEMAID = s.SCHEMAID WHERE t.TABLENAME = ?")) {
            p.setString(1, table);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("no table " + table + " (has the platform started once?)");
                }
                return r.getString(1);
            }
        }
    }
}
