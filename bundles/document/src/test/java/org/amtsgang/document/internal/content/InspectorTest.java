package org.amtsgang.document.internal.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.amtsgang.document.internal.Samples;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class InspectorTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final Inspector inspector = new Inspector(new Inspector.Limits(50_000_000L, 20, 1 << 20));

    @Test
    public void countsPagesOfRealScans() throws Exception {
        BufferedImage page = Samples.page("Bauakte");
        assertThat(inspector.inspect(file(Samples.png(page)), ContentType.PNG).pages())
                .isEqualTo(1);
        assertThat(inspector.inspect(file(Samples.jpeg(page)), ContentType.JPEG).pages())
                .isEqualTo(1);
        assertThat(inspector.inspect(file(Samples.tiff(page)), ContentType.TIFF).pages())
                .isEqualTo(1);
        assertThat(inspector
                        .inspect(file(Samples.pdf(page, page, page)), ContentType.PDF)
                        .pages())
                .isEqualTo(3);
    }

    @Test
    public void refusesImagesDeclaringTooManyPixels() throws Exception {
        Path bomb = file(Samples.pngBomb(100_000, 100_000));
        assertThat(Files.size(bomb)).isLessThan(100);
        assertThatThrownBy(() -> inspector.inspect(bomb, ContentType.PNG).pages())
                .isInstanceOfSatisfying(
                        ContentRefused.class, e -> assertThat(e.why()).isEqualTo(ContentRefused.Why.BOMB))
                .hasMessageContaining("100000 × 100000");
    }

    @Test
    public void refusesPdfsWithTooManyPagesOrHugeImages() throws Exception {
        assertThatThrownBy(() -> inspector
                        .inspect(file(Samples.pdfPages(21)), ContentType.PDF)
                        .pages())
                .isInstanceOfSatisfying(
                        ContentRefused.class, e -> assertThat(e.why()).isEqualTo(ContentRefused.Why.BOMB));
        Inspector strict = new Inspector(new Inspector.Limits(1000, 20, 1 << 20));
        assertThatThrownBy(() -> strict.inspect(file(Samples.pdf(Samples.page("x"))), ContentType.PDF)
                        .pages())
                .isInstanceOfSatisfying(
                        ContentRefused.class, e -> assertThat(e.why()).isEqualTo(ContentRefused.Why.BOMB));
    }

    @Test
    public void refusesMalformedFiles() throws Exception {
        byte[] notReally = "%PDF-1.7\nthis is no pdf at all".getBytes();
        assertThatThrownBy(() ->
                        inspector.inspect(file(notReally), ContentType.PDF).pages())
                .isInstanceOfSatisfying(
                        ContentRefused.class, e -> assertThat(e.why()).isEqualTo(ContentRefused.Why.MALFORMED));
        byte[] loop = {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0, 8, 0, 0, 0};
        assertThatThrownBy(() -> inspector.inspect(file(loop), ContentType.TIFF).pages())
                .isInstanceOf(ContentRefused.class);
    }

    private Path file(byte[] bytes) throws Exception {
        Path file = folder.newFile().toPath();
        Files.write(file, bytes);
        return file;
    }
}
