package org.amtsgang.document.internal.watermark;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.amtsgang.document.internal.content.ContentType;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.util.Matrix;

/**
 * Copies for inspection (Bauakteneinsicht): every page carries the reader's name and the day across
 * it and in its footer, so a copy that travels on says whose it was. The result is always a PDF
 * (scanned images become its pages), written to a temporary file: pages are handled one at a time
 * and PDFBox caches in temporary files, so large files do not fill the heap.
 */
public final class Watermarker {

    private static final Path DEJAVU = Paths.get("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

    private final Path workDir;

    public Watermarker(Path workDir) {
        this.workDir = workDir;
    }

    /** Writes the watermarked PDF of the content; the caller deletes the file. */
    public Path watermark(Path source, ContentType type, String text) throws IOException {
        Path target = Files.createTempFile(workDir, "watermarked-", ".pdf");
        try {
            if (type == ContentType.PDF) {
                try (PDDocument document = Loader.loadPDF(
                        new RandomAccessReadBufferedFile(source),
                        "",
                        null,
                        null,
                        IOUtils.createTempFileOnlyStreamCache())) {
                    PDFont font = font(document);
                    for (PDPage page : document.getPages()) {
                        stamp(document, page, font, text);
                    }
                    document.save(target.toFile());
                }
            } else {
                try (PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
                    PDFont font = font(document);
                    addImages(document, source, type, font, text);
                    document.save(target.toFile());
                }
            }
            return target;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
    }

    private void addImages(PDDocument document, Path source, ContentType type, PDFont font, String text)
            throws IOException {
        if (type == ContentType.JPEG) {
            // kept as it is (no decoding): the JPEG's own bytes become the page
            try (InputStream in = Files.newInputStream(source)) {
                addPage(document, JPEGFactory.createFromStream(document, in), font, text);
            }
            return;
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(source.toFile())) {
            var readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("no image reader for " + type);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                int pages = reader.getNumImages(true);
                for (int i = 0; i < pages; i++) {
                    BufferedImage image = reader.read(i);
                    addPage(document, LosslessFactory.createFromImage(document, image), font, text);
                    image.flush();
                }
            } finally {
                reader.dispose();
            }
        }
    }

    private void addPage(PDDocument document, PDImageXObject image, PDFont font, String text) throws IOException {
        PDRectangle size = image.getWidth() > image.getHeight()
                ? new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth())
                : PDRectangle.A4;
        PDPage page = new PDPage(size);
        document.addPage(page);
        float scale = Math.min(size.getWidth() / image.getWidth(), size.getHeight() / image.getHeight());
        float width = image.getWidth() * scale;
        float height = image.getHeight() * scale;
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            content.drawImage(image, (size.getWidth() - width) / 2, (size.getHeight() - height) / 2, width, height);
        }
        stamp(document, page, font, text);
    }

    private static void stamp(PDDocument document, PDPage page, PDFont font, String text) throws IOException {
        PDRectangle box = page.getMediaBox();
        String safe = encodable(font, text);
        try (PDPageContentStream content =
                new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
            PDExtendedGraphicsState translucent = new PDExtendedGraphicsState();
            translucent.setNonStrokingAlphaConstant(0.28f);
            content.setGraphicsStateParameters(translucent);
            content.setNonStrokingColor(0.75f, 0.05f, 0.05f);
            float diagonal = (float) Math.hypot(box.getWidth(), box.getHeight());
            float fontSize = Math.max(10, Math.min(36, diagonal * 0.8f / Math.max(1, safe.length()) * 1.8f));
            double angle = Math.atan2(box.getHeight(), box.getWidth());
            float textWidth = font.getStringWidth(safe) / 1000 * fontSize;
            content.beginText();
            content.setFont(font, fontSize);
            Matrix matrix = Matrix.getRotateInstance(
                    angle,
                    box.getLowerLeftX() + box.getWidth() / 2 - (float) (Math.cos(angle) * textWidth / 2),
                    box.getLowerLeftY() + box.getHeight() / 2 - (float) (Math.sin(angle) * textWidth / 2));
            content.setTextMatrix(matrix);
            content.showText(safe);
            content.endText();
            content.beginText();
            content.setFont(font, 8);
            content.newLineAtOffset(box.getLowerLeftX() + 20, box.getLowerLeftY() + 12);
            content.showText(safe);
            content.endText();
        }
    }

    private static PDFont font(PDDocument document) throws IOException {
        if (Files.isRegularFile(DEJAVU)) {
            return PDType0Font.load(document, DEJAVU.toFile());
        }
        return new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    }

    /** The text with what the font cannot show replaced, so a rare letter never breaks a download. */
    private static String encodable(PDFont font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            String s = new String(Character.toChars(c));
            try {
                font.encode(s);
                out.append(s);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }
}
