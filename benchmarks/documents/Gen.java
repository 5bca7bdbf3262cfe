// Generates scanned Bauakten pages for the documents benchmark (part of benchmarks/documents/run.sh):
// greyscale A4 pages with German building-file text, as a scanner delivers them (paper tone, noise,
// a slight skew, faded thermal paper), grouped into multi-page TIFFs (Deflate), plus the import
// folder's metadata.csv. Run as a single-file source program:
//
//   java -Djava.awt.headless=true Gen.java <out directory> <pages> <pages per file> <dpi> <thermo %> <seed>
//
// Writes <out>/bauakte-NNNN.tif, <out>/metadata.csv (UTF-8, ';', the import's header) and
// <out>/expected.tsv (file, Aktenzeichen, pages, paper, a word of its first page), and prints
// "GEN ..." lines. The same arguments give the same files.
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

public class Gen {

    static final String[] STREETS = {
        "Schloßstraße", "Mühlenweg", "Königsallee", "Große Straße", "Lindenstraße", "Gärtnerweg",
        "Bürgerstraße", "Am Kuhlenbühl", "Brückenstraße", "Mönchstraße", "Rößlerweg", "Kirchplatz",
        "Hölderlinstraße", "Gießereistraße", "Süderstraße", "Fährweg", "Bäckergasse", "Weißdornweg",
        "Eschenhöhe", "Überlinger Straße", "Pfarrer-Müller-Straße", "Grüner Weg", "Flößerstraße", "Rathausstraße"
    };
    static final String[] GEMARKUNGEN = {
        "Altstadt", "Nordfeld", "Süderhöhe", "Großenbrück", "Lindental", "Mühlhausen", "Weißenbach", "Kirchdorf",
        "Oberau", "Bärenfeld"
    };
    static final String[] VORHABEN = {
        "Errichtung eines Einfamilienhauses mit Garage", "Anbau eines Wintergartens", "Nutzungsänderung einer Scheune zu Wohnzwecken",
        "Ausbau des Dachgeschosses", "Neubau eines Mehrfamilienhauses mit Tiefgarage", "Errichtung eines Carports",
        "Abbruch eines Nebengebäudes", "Aufstockung des Wohnhauses", "Errichtung einer Werkhalle", "Umbau der Gaststätte"
    };
    static final String[] SENTENCES = {
        "Die Baugenehmigung wird unter den nachstehenden Auflagen und Bedingungen erteilt.",
        "Der Bauantrag ist am %s bei der unteren Bauaufsichtsbehörde eingegangen.",
        "Die Abstandsflächen nach der Landesbauordnung sind auf dem eigenen Grundstück nachzuweisen.",
        "Die Standsicherheit ist durch einen Prüfingenieur für Baustatik zu bestätigen.",
        "Die Nachbarn wurden beteiligt; Einwendungen sind nicht erhoben worden.",
        "Das Vorhaben liegt im Geltungsbereich des Bebauungsplanes Nr. %d.",
        "Die Grundflächenzahl von 0,4 und die Geschossflächenzahl von 0,8 werden eingehalten.",
        "Für das Vorhaben sind zwei Stellplätze auf dem Grundstück herzustellen.",
        "Der Beginn der Bauarbeiten ist der Bauaufsicht eine Woche vorher schriftlich anzuzeigen.",
        "Die Rohbauabnahme fand am %s statt; Mängel wurden nicht festgestellt.",
        "Die Schlussabnahme wird nach Fertigstellung der Außenanlagen durchgeführt.",
        "Der Brandschutz ist durch feuerbeständige Außenwände zum Nachbargrundstück sicherzustellen.",
        "Die Entwässerung erfolgt über den öffentlichen Mischwasserkanal in der Straße.",
        "Gegen diesen Bescheid kann innerhalb eines Monats Widerspruch erhoben werden.",
        "Die Einfriedung darf eine Höhe von 1,20 Meter über Gelände nicht überschreiten.",
        "Bauherr und Entwurfsverfasser haben die Bauvorlagen vollständig unterschrieben.",
        "Die Gebühr für die Baugenehmigung wird auf %d,00 Euro festgesetzt.",
        "Die Dachneigung beträgt 38 Grad; die Dacheindeckung erfolgt mit roten Tonziegeln.",
        "Der Lageplan im Maßstab 1:500 ist Bestandteil dieser Genehmigung.",
        "Eine Befreiung von den Festsetzungen des Bebauungsplanes wird nicht erteilt.",
        "Die Kellerdecke ist als Stahlbetondecke mit einer Stärke von 18 cm auszuführen.",
        "Vor Beginn der Arbeiten ist die Lage der Versorgungsleitungen zu erkunden.",
        "Die Zufahrt für die Feuerwehr muss jederzeit frei gehalten werden.",
        "Die Bäume auf dem Grundstück sind während der Bauzeit vor Beschädigung zu schützen.",
        "Die Prüfung der bautechnischen Nachweise hat keine Beanstandungen ergeben.",
        "Der Ortstermin mit dem Sachverständigen ist für den %s vereinbart.",
        "Die Fenster der Aufenthaltsräume müssen mindestens ein Achtel der Grundfläche betragen.",
        "Die Wärmedämmung der Außenwand entspricht den Anforderungen des Gebäudeenergiegesetzes.",
    };
    static final String[] ZUSTAND_NORMAL = {"gut", "gut", "vergilbt", "Knickspuren", "gelocht"};
    static final String[] ZUSTAND_THERMO = {"verblasst", "stark verblasst", "vergilbt", "gewellt"};

    static final int[] NOISE_NORMAL = noise(4, 4, 1);
    static final int[] NOISE_THERMO = noise(7, 2, 2);

    /** Deviations: one pixel in {@code every} off by up to ±amplitude, specks of dust per 10,000. */
    static int[] noise(int amplitude, int every, int specks) {
        SplittableRandom r = new SplittableRandom(7);
        int[] table = new int[1 << 20];
        for (int i = 0; i < table.length; i++) {
            if (r.nextInt(10_000) < specks) {
                table[i] = -110;
            } else if (r.nextInt(every) == 0) {
                table[i] = r.nextInt(2 * amplitude + 1) - amplitude;
            }
        }
        return table;
    }

    record Akte(String file, String aktenzeichen, String street, int number, String gemarkung, int flur,
            String flurstueck, int year, boolean thermo, String zustand, String scanned, long seed) {
        String address() {
            return street + " " + number;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: Gen <out directory> <pages> <pages per file> <dpi> <thermo %> <seed>");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int pages = Integer.parseInt(args[1]);
        int perFile = Integer.parseInt(args[2]);
        int dpi = Integer.parseInt(args[3]);
        int thermoPct = Integer.parseInt(args[4]);
        long seed = Long.parseLong(args[5]);
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        int files = (pages + perFile - 1) / perFile;
        List<Akte> akten = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            int year = 1955 + random.nextInt(70);
            akten.add(new Akte(
                    String.format("bauakte-%04d.tif", f + 1),
                    String.format("63-BA-%d-%05d", year, f + 1), // unique: one file per Aktenzeichen
                    STREETS[random.nextInt(STREETS.length)],
                    1 + random.nextInt(120),
                    GEMARKUNGEN[random.nextInt(GEMARKUNGEN.length)],
                    1 + random.nextInt(40),
                    (1 + random.nextInt(900)) + (random.nextInt(3) == 0 ? "/" + (1 + random.nextInt(9)) : ""),
                    year,
                    random.nextInt(100) < thermoPct,
                    "",
                    LocalDateTime.of(2026, 3, 2, 8, 0).plusMinutes(7L * f).toString() + ":00",
                    random.nextLong()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        List<Future<String>> done = new ArrayList<>();
        long bytes = 0;
        for (int f = 0; f < files; f++) {
            Akte akte = akten.get(f);
            int n = Math.min(perFile, pages - f * perFile);
            done.add(pool.submit(() -> writeFile(out, akte, n, dpi)));
        }
        List<String> expected = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            expected.add(done.get(f).get());
            bytes += Files.size(out.resolve(akten.get(f).file()));
        }
        pool.shutdown();
        List<String> csv = new ArrayList<>();
        csv.add("datei;aktenzeichen;adresse;gemarkung;flur;flurstueck;jahr;papier;zustand;gescannt_von;geraet;gescannt_am");
        int thermo = 0;
        for (Akte a : akten) {
            SplittableRandom r = new SplittableRandom(a.seed());
            String[] zustand = a.thermo() ? ZUSTAND_THERMO : ZUSTAND_NORMAL;
            thermo += a.thermo() ? 1 : 0;
            csv.add(String.join(";", a.file(), a.aktenzeichen(), a.address(), a.gemarkung(), Integer.toString(a.flur()),
                    a.flurstueck(), Integer.toString(a.year()), a.thermo() ? "thermo" : "normal",
                    zustand[r.nextInt(zustand.length)], "Scanstelle Bauaufsicht, M. Köhler",
                    r.nextBoolean() ? "Fujitsu fi-7600" : "Kodak i4250", a.scanned()));
        }
        Files.write(out.resolve("metadata.csv"), csv, StandardCharsets.UTF_8);
        Files.write(out.resolve("expected.tsv"), expected, StandardCharsets.UTF_8);
        System.out.printf("GEN done files=%d pages=%d thermo_files=%d bytes=%d dpi=%d ms=%d%n", files, pages, thermo,
                bytes, dpi, (System.nanoTime() - t0) / 1_000_000);
    }

    /** One multi-page TIFF; answers its expected.tsv line. */
    static String writeFile(Path out, Akte akte, int pages, int dpi) throws IOException {
        SplittableRandom random = new SplittableRandom(akte.seed());
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("tiff");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this JDK has no TIFF writer");
        }
        ImageWriter writer = writers.next();
        Path file = out.resolve(akte.file());
        String firstWord = "";
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("Deflate");
            param.setCompressionQuality(0.1f); // zlib level 1: level 9 takes ten times as long for a few per cent
            writer.prepareWriteSequence(null);
            for (int p = 1; p <= pages; p++) {
                List<String> lines = text(akte, p, pages, random);
                if (p == 1) {
                    // the longest word of the middle line: something to search for in the OCR text
                    for (String w : lines.get(lines.size() / 2).split("[^\\p{L}]+")) {
                        firstWord = w.length() > firstWord.length() ? w : firstWord;
                    }
                }
                BufferedImage image = render(lines, dpi, akte.thermo(), random);
                writer.writeToSequence(new IIOImage(image, null, null), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return String.join("\t", akte.file(), akte.aktenzeichen(), Integer.toString(pages),
                akte.thermo() ? "thermo" : "normal", firstWord);
    }

    /** About 25 lines of a Bauakte page. */
    static List<String> text(Akte a, int page, int pages, SplittableRandom r) {
        List<String> lines = new ArrayList<>();
        lines.add("Stadt Musterstadt - Der Oberbürgermeister - Untere Bauaufsichtsbehörde");
        lines.add("Aktenzeichen: " + a.aktenzeichen() + "        Blatt " + page + " von " + pages);
        lines.add("Grundstück: " + a.address() + ", Gemarkung " + a.gemarkung() + ", Flur " + a.flur()
                + ", Flurstück " + a.flurstueck());
        lines.add("");
        lines.add((page == 1 ? "Baugenehmigung: " : "Vorhaben: ") + VORHABEN[r.nextInt(VORHABEN.length)]);
        lines.add("");
        StringBuilder paragraph = new StringBuilder();
        int sentences = 9 + r.nextInt(4);
        for (int s = 0; s < sentences; s++) {
            String sentence = SENTENCES[r.nextInt(SENTENCES.length)];
            if (sentence.contains("%s")) {
                sentence = String.format(sentence, String.format("%02d.%02d.%d", 1 + r.nextInt(28), 1 + r.nextInt(12), a.year()));
            } else if (sentence.contains("%d")) {
                sentence = String.format(sentence, 10 + r.nextInt(990));
            }
            paragraph.append(sentence).append(' ');
        }
        // wrapped at about 80 characters
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.toString().split(" ")) {
            if (line.length() + word.length() + 1 > 80) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        lines.add("");
        lines.add("Musterstadt, den " + String.format("%02d.%02d.%d", 1 + r.nextInt(28), 1 + r.nextInt(12), a.year()));
        lines.add("Im Auftrag");
        lines.add("gez. " + (r.nextBoolean() ? "Weißenberger" : "Müller-Lüdenscheidt") + ", Bauoberinspektor");
        return lines;
    }

    /** A greyscale scan of the lines: paper tone, slight skew, noise; thermal paper faded. */
    static BufferedImage render(List<String> lines, int dpi, boolean thermo, SplittableRandom r) {
        int width = (int) Math.round(8.27 * dpi);
        int height = (int) Math.round(11.69 * dpi);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        int paper = thermo ? 222 : 238;
        g.setColor(new Color(paper, paper, paper));
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.rotate(Math.toRadians((r.nextDouble() - 0.5) * 1.2), width / 2.0, height / 2.0);
        int ink = thermo ? 95 + r.nextInt(30) : 25 + r.nextInt(20);
        g.setColor(new Color(ink, ink, ink));
        float points = 11f;
        g.setFont(new Font(r.nextBoolean() ? "DejaVu Serif" : "DejaVu Sans", Font.PLAIN, Math.round(points * dpi / 72f)));
        int lineHeight = Math.round(points * 1.9f * dpi / 72f);
        int x = (int) Math.round(0.9 * dpi);
        int y = (int) Math.round(1.1 * dpi);
        for (String line : lines) {
            if (!line.isEmpty()) {
                g.drawString(line, x, y);
            }
            y += lineHeight;
        }
        g.dispose();
        // scanner noise: a shared table of small deviations (most pixels untouched), read from a random
        // place per row; specks of dust here and there
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        int[] noise = thermo ? NOISE_THERMO : NOISE_NORMAL;
        for (int row = 0; row < height; row++) {
            int at = r.nextInt(noise.length - width);
            int base = row * width;
            for (int i = 0; i < width; i++) {
                int v = (pixels[base + i] & 0xFF) + noise[at + i];
                pixels[base + i] = (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
            }
        }
        return image;
    }
}
