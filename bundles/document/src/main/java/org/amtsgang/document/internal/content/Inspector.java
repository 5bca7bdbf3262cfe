package org.amtsgang.document.internal.content;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Looks into staged content before it is stored: counts its pages and refuses decompression bombs,
 * files small on disk that would blow up when an image is decoded or a page is rendered (for OCR,
 * thumbnails or a viewer). Only the declared sizes are read; nothing is decoded whole.
 */
public final class Inspector {

    /**
     * The limits.
     *
     * @param maxPixels the most pixels one image may declare (width × height)
     * @param maxPages the most pages one file may have
     * @param maxPageContentBytes the most bytes one PDF page's content may decompress to
     */
    public record Limits(long maxPixels, int maxPages, long maxPageContentBytes) {}

    private static final int MAX_FORM_DEPTH = 4;

    /** A4's short side in inches: the resolution of a scan is estimated as if it were A4. */
    private static final double A4_SHORT_INCHES = 210 / 25.4;

    /**
     * What the inspection found.
     *
     * @param pages the page count
     * @param dpi per page, the estimated scan resolution (0: the page holds no image)
     */
    public record Inspection(int pages, List<Integer> dpi) {}

    private final Limits limits;

    public Inspector(Limits limits) {
        this.limits = limits;
    }

    /** Answers the content's pages and their estimated resolution, or refuses it. */
    public Inspection inspect(Path file, ContentType type) throws IOException, ContentRefused {
        List<Integer> dpi = new ArrayList<>();
        int pages =
                switch (type) {
                    case PNG -> png(file, dpi);
                    case JPEG -> jpeg(file, dpi);
                    case TIFF -> tiff(file, dpi);
                    case PDF -> pdf(file, dpi);
                };
        return new Inspection(pages, List.copyOf(dpi));
    }

    private static int estimateDpi(long width, long height) {
        return (int) Math.round(Math.min(width, height) / A4_SHORT_INCHES);
    }

    private int png(Path file, List<Integer> dpi) throws IOException, ContentRefused {
        ByteBuffer header = read(file, 0, 24).order(ByteOrder.BIG_ENDIAN);
        if (header.remaining() < 24 || header.getInt(12) != 0x49484452) {
            throw malformed("The PNG file has no image header.");
        }
        long width = Integer.toUnsignedLong(header.getInt(16));
        long height = Integer.toUnsignedLong(header.getInt(20));
        checkPixels(width, height);
        dpi.add(estimateDpi(width, height));
        return 1;
    }

    private int jpeg(Path file, List<Integer> dpi) throws IOException, ContentRefused {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = 2;
            long size = channel.size();
            ByteBuffer marker = ByteBuffer.allocate(9).order(ByteOrder.BIG_ENDIAN);
            // segments up to the first frame header (SOFn), which declares the size
            while (position + 4 <= size) {
                marker.clear();
                channel.read(marker, position);
                marker.flip();
                if (marker.remaining() < 4 || (marker.get(0) & 0xFF) != 0xFF) {
                    break;
                }
                int code = marker.get(1) & 0xFF;
                int length = marker.getShort(2) & 0xFFFF;
                boolean frame = code >= 0xC0 && code <= 0xCF && code != 0xC4 && code != 0xC8 && code != 0xCC;
                if (frame) {
                    if (marker.remaining() < 9) {
                        break;
                    }
                    long height = marker.getShort(5) & 0xFFFF;
                    long width = marker.getShort(7) & 0xFFFF;
                    checkPixels(width, height);
                    dpi.add(estimateDpi(width, height));
                    return 1;
                }
                if (code == 0xD9 || code == 0xDA || length < 2) {
                    break;
                }
                position += 2 + length;
            }
        }
        throw malformed("The JPEG file has no frame header.");
    }

    private int tiff(Path file, List<Integer> dpi) throws IOException, ContentRefused {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(8);
            channel.read(header, 0);
            ByteOrder order = header.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            header.order(order);
            long offset = Integer.toUnsignedLong(header.getInt(4));
            Set<Long> seen = new HashSet<>();
            int pages = 0;
            while (offset != 0) {
                if (!seen.add(offset) || offset + 2 > channel.size()) {
                    throw malformed("The TIFF file's directory chain is broken.");
                }
                if (++pages > limits.maxPages()) {
                    throw tooManyPages();
                }
                offset = tiffDirectory(channel, offset, order, dpi);
            }
            if (pages == 0) {
                throw malformed("The TIFF file has no image.");
            }
            return pages;
        }
    }

    /** Checks one image file directory's size; answers the next one's offset. */
    private long tiffDirectory(FileChannel channel, long offset, ByteOrder order, List<Integer> dpi)
            throws IOException, ContentRefused {
        ByteBuffer count = ByteBuffer.allocate(2).order(order);
        channel.read(count, offset);
        int entries = count.getShort(0) & 0xFFFF;
        ByteBuffer table = ByteBuffer.allocate(entries * 12 + 4).order(order);
        channel.read(table, offset + 2);
        if (table.position() < table.capacity()) {
            throw malformed("The TIFF file ends inside an image directory.");
        }
        long width = -1;
        long height = -1;
        for (int i = 0; i < entries; i++) {
            int at = i * 12;
            int tag = table.getShort(at) & 0xFFFF;
            int type = table.getShort(at + 2) & 0xFFFF;
            long value = type == 3 ? table.getShort(at + 8) & 0xFFFF : Integer.toUnsignedLong(table.getInt(at + 8));
            if (tag == 256) {
                width = value;
            } else if (tag == 257) {
                height = value;
            }
        }
        if (width < 0 || height < 0) {
            throw malformed("A TIFF image declares no width or height.");
        }
        checkPixels(width, height);
        dpi.add(estimateDpi(width, height));
        return Integer.toUnsignedLong(table.getInt(entries * 12));
    }

    private int pdf(Path file, List<Integer> dpi) throws IOException, ContentRefused {
        // read from the file and cache decoded streams in temporary files: flat memory for any size
        try (PDDocument document = Loader.loadPDF(
                new RandomAccessReadBufferedFile(file), "", null, null, IOUtils.createTempFileOnlyStreamCache())) {
            if (document.isEncrypted()) {
                throw malformed("Encrypted PDF files are not accepted: they cannot be read for the record.");
            }
            int pages = document.getNumberOfPages();
            if (pages > limits.maxPages()) {
                throw tooManyPages();
            }
            if (pages == 0) {
                throw malformed("The PDF file has no pages.");
            }
            for (PDPage page : document.getPages()) {
                long widest = checkImages(page.getResources(), 0);
                checkContentSize(page);
                float inches = Math.min(
                                page.getMediaBox().getWidth(),
                                page.getMediaBox().getHeight())
                        / 72f;
                dpi.add(widest == 0 || inches <= 0 ? 0 : (int) Math.round(widest / inches));
            }
            return pages;
        } catch (InvalidPasswordException e) {
            throw malformed("Password-protected PDF files are not accepted.");
        } catch (ContentRefused e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw malformed("The file is not a readable PDF: " + e.getMessage());
        }
    }

    /** Checks the page's images; answers the short side of the largest, in pixels (0: none). */
    private long checkImages(PDResources resources, int depth) throws IOException, ContentRefused {
        if (resources == null || depth > MAX_FORM_DEPTH) {
            return 0;
        }
        long widest = 0;
        for (COSName name : resources.getXObjectNames()) {
            PDXObject object = resources.getXObject(name);
            if (object instanceof PDImageXObject image) {
                checkPixels(image.getWidth(), image.getHeight());
                widest = Math.max(widest, Math.min(image.getWidth(), image.getHeight()));
            } else if (object instanceof PDFormXObject form) {
                widest = Math.max(widest, checkImages(form.getResources(), depth + 1));
            }
        }
        return widest;
    }

    private void checkContentSize(PDPage page) throws IOException, ContentRefused {
        long total = 0;
        byte[] sink = new byte[64 * 1024];
        try (InputStream content = page.getContents()) {
            int n;
            while ((n = content.read(sink)) >= 0) {
                total += n;
                if (total > limits.maxPageContentBytes()) {
                    throw new ContentRefused(
                            ContentRefused.Why.BOMB,
                            "A page of the PDF decompresses to more than " + limits.maxPageContentBytes()
                                    + " bytes: refused as a decompression bomb.");
                }
            }
        }
    }

    private void checkPixels(long width, long height) throws ContentRefused {
        if (width <= 0 || height <= 0) {
            throw malformed("An image declares an empty size (" + width + " × " + height + ").");
        }
        if (width * height > limits.maxPixels()) {
            throw new ContentRefused(
                    ContentRefused.Why.BOMB,
                    "An image declares " + width + " × " + height + " pixels, more than the " + limits.maxPixels()
                            + " accepted: refused as a decompression bomb.");
        }
    }

    private ContentRefused tooManyPages() {
        return new ContentRefused(
                ContentRefused.Why.BOMB, "The file has more than the " + limits.maxPages() + " pages accepted.");
    }

    private static ContentRefused malformed(String message) {
        return new ContentRefused(ContentRefused.Why.MALFORMED, message);
    }

    private static ByteBuffer read(Path file, long position, int length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            channel.read(buffer, position);
            return buffer.flip();
        }
    }
}
