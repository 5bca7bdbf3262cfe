package org.amtsgang.document.internal.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class FileNamesTest {

    @Test
    public void keepsOnlyASafeLabelWithTheRealExtension() {
        assertThat(FileNames.sanitise("../../etc/passwd", ContentType.PDF)).isEqualTo("passwd.pdf");
        assertThat(FileNames.sanitise("C:\\Users\\x\\Bauakte 1958.tiff", ContentType.TIFF))
                .isEqualTo("Bauakte 1958.tif");
        assertThat(FileNames.sanitise("rechnung.pdf.exe", ContentType.PDF)).isEqualTo("rechnung.pdf.pdf");
        assertThat(FileNames.sanitise("..\u0000\n.hidden", ContentType.PNG)).isEqualTo("__.png");
        assertThat(FileNames.sanitise(null, ContentType.JPEG)).isEqualTo("dokument.jpg");
        assertThat(FileNames.sanitise("Grundriß Schloßstraße \"neu\";.png", ContentType.PNG))
                .isEqualTo("Grundriß Schloßstraße _neu__.png");
        assertThat(FileNames.sanitise("a".repeat(500) + ".pdf", ContentType.PDF))
                .hasSize(120)
                .endsWith(".pdf");
        assertThat(FileNames.sanitise("evil\u202Efdp.exe", ContentType.PDF)).doesNotContain("\u202E");
    }
}
