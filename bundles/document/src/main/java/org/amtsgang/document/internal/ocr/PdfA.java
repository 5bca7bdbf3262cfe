package org.amtsgang.document.internal.ocr;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;

/**
 * Marks Tesseract's searchable PDF as PDF/A-2b: the XMP identification and title, and the sRGB
 * output intent its images are meant in. Tesseract already embeds its one (glyphless) font and uses
 * no transparency or encryption, which PDF/A forbids. No PDF/A validator runs here (veraPDF is not
 * available), so the claim rests on these properties.
 */
final class PdfA {

    private PdfA() {}

    static void mark(Path in, Path out, String title) throws IOException {
        try (PDDocument document = Loader.loadPDF(
                new RandomAccessReadBufferedFile(in), "", null, null, IOUtils.createTempFileOnlyStreamCache())) {
            String safeTitle = xml(title);
            String now = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            String xmp = "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
                    + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                    + "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">"
                    + "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>"
                    + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                    + "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + safeTitle
                    + "</rdf:li></rdf:Alt></dc:title>"
                    + "</rdf:Description>"
                    + "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">"
                    + "<xmp:CreatorTool>Amtsgang (Tesseract OCR)</xmp:CreatorTool>"
                    + "<xmp:CreateDate>" + now + "</xmp:CreateDate><xmp:ModifyDate>" + now + "</xmp:ModifyDate>"
                    + "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
            PDMetadata metadata = new PDMetadata(document);
            metadata.importXMPMetadata(xmp.getBytes(StandardCharsets.UTF_8));
            document.getDocumentCatalog().setMetadata(metadata);
            document.getDocumentInformation().setTitle(title);
            document.getDocumentInformation().setCreator("Amtsgang (Tesseract OCR)");
            byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
            PDOutputIntent intent = new PDOutputIntent(document, new ByteArrayInputStream(srgb));
            intent.setInfo("sRGB IEC61966-2.1");
            intent.setOutputCondition("sRGB IEC61966-2.1");
            intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
            intent.setRegistryName("http://www.color.org");
            document.getDocumentCatalog().addOutputIntent(intent);
            document.save(out.toFile());
        }
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
