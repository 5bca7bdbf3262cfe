package org.amtsgang.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Properties;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import org.amtsgang.notification.api.Mail;
import org.junit.Test;

public class MimeMessagesTest {

    private final Session session = Session.getInstance(new Properties());
    private final MimeMessages messages = new MimeMessages(session, TestConfigs.smtp(Map.of()));
    private final Mail mail = new Mail("buerger@example.org", "Ihr Antrag", "Grüß Gott");

    @Test
    public void theIdBecomesTheMessageIdAndStaysSoWhenSavedAgain() throws Exception {
        MimeMessage message = messages.of(mail, "case-42.status-3");

        message.saveChanges();
        assertThat(message.getMessageID()).isEqualTo("<case-42.status-3@amtsgang>");
        message.saveChanges();
        assertThat(message.getMessageID()).isEqualTo("<case-42.status-3@amtsgang>");
    }

    @Test
    public void theIdTravelsWithTheWrittenMessage() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        messages.of(mail, "a_b-9").writeTo(out);

        MimeMessage read = new MimeMessage(session, new ByteArrayInputStream(out.toByteArray()));
        assertThat(read.getMessageID()).isEqualTo("<a_b-9@amtsgang>");
        assertThat(read.getSubject()).isEqualTo("Ihr Antrag");
        assertThat(read.getContent()).isEqualTo("Grüß Gott");
    }

    @Test
    public void withoutAnIdJavaMailMakesOneUp() throws Exception {
        MimeMessage one = messages.of(mail);
        MimeMessage two = messages.of(mail);
        one.saveChanges();
        two.saveChanges();

        assertThat(one.getMessageID()).isNotBlank().isNotEqualTo(two.getMessageID());
    }

    @Test
    public void idsAreLettersDigitsDashesUnderscoresAndSingleDots() {
        assertThat(MimeMessages.checkId("Abc-1_2.x")).isEqualTo("Abc-1_2.x");
        assertThat(MimeMessages.checkId("x".repeat(200))).hasSize(200);

        for (String bad : new String[] {"a b", "a@b", "a/b", "../x", ".a", "a.", "a..b", "<a>", "ä", "a\nb"}) {
            assertThatThrownBy(() -> MimeMessages.checkId(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("letters");
        }
        assertThatThrownBy(() -> MimeMessages.checkId(null)).hasMessageContaining("required");
        assertThatThrownBy(() -> MimeMessages.checkId(" ")).hasMessageContaining("required");
        assertThatThrownBy(() -> MimeMessages.checkId("x".repeat(201))).hasMessageContaining("at most 200");
    }
}
