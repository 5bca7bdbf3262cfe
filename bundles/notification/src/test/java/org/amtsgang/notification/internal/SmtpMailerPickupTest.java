package org.amtsgang.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import org.amtsgang.notification.api.Mail;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Without an SMTP host, mails land in the pickup directory. */
public class SmtpMailerPickupTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path pickup;
    private SmtpMailer mailer;

    @Before
    public void mailer() {
        pickup = temp.getRoot().toPath().resolve("mail");
        mailer = new SmtpMailer(TestConfigs.smtp(Map.of("pickupDirectory", pickup.toString())));
    }

    @After
    public void stop() throws InterruptedException {
        mailer.deactivate();
    }

    @Test
    public void aMailSentAgainReplacesItsFirstCopy() throws Exception {
        mailer.sendNow(new Mail("a@example.org", "Erster Versuch", "eins"), "outbox-7");
        mailer.sendNow(new Mail("a@example.org", "Zweiter Versuch", "zwei"), "outbox-7");

        assertThat(files()).containsExactly(pickup.resolve("outbox-7.eml"));
        MimeMessage written = read(pickup.resolve("outbox-7.eml"));
        assertThat(written.getMessageID()).isEqualTo("<outbox-7@amtsgang>");
        assertThat(written.getSubject()).isEqualTo("Zweiter Versuch");
    }

    @Test
    public void mailsWithOtherIdsAreKeptApart() throws Exception {
        mailer.sendNow(new Mail("a@example.org", "s", "t"), "one");
        mailer.sendNow(new Mail("a@example.org", "s", "t"), "two");

        assertThat(files()).containsExactlyInAnyOrder(pickup.resolve("one.eml"), pickup.resolve("two.eml"));
    }

    @Test
    public void flushSyncsWhatWasWrittenAndMailsWithoutIdGetNamesOfTheirOwn() throws Exception {
        mailer.flush(); // nothing written yet: nothing to do
        mailer.sendNow(new Mail("a@example.org", "s", "t"), "one");
        mailer.sendNow(new Mail("a@example.org", "s", "t"), "two");
        Files.delete(pickup.resolve("two.eml")); // a mail transfer agent took it meanwhile
        mailer.flush();
        mailer.flush();

        mailer.send(new Mail("b@example.org", "ohne Id", "1"));
        mailer.send(new Mail("b@example.org", "ohne Id", "2"));
        for (int i = 0; i < 100 && files().size() < 3; i++) {
            Thread.sleep(50);
        }
        assertThat(files()).hasSize(3).contains(pickup.resolve("one.eml"));
        assertThat(files())
                .allSatisfy(f -> assertThat(f.getFileName().toString()).endsWith(".eml"));
    }

    @Test
    public void aMalformedIdIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> mailer.sendNow(new Mail("a@example.org", "s", "t"), "../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mailer.sendNow(null, "fine")).isInstanceOf(IllegalArgumentException.class);

        assertThat(pickup).doesNotExist();
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> files = Files.list(pickup)) {
            return files.toList();
        }
    }

    private static MimeMessage read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }
}
