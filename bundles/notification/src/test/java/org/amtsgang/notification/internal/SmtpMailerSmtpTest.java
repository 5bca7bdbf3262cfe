package org.amtsgang.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.Map;
import org.amtsgang.notification.api.Mail;
import org.amtsgang.notification.api.MailException;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Against a real SMTP server (GreenMail) on a free port. */
public class SmtpMailerSmtpTest {

    private GreenMail server;
    private SmtpMailer mailer;

    @Before
    public void start() {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
    }

    @After
    public void stop() throws InterruptedException {
        if (mailer != null) {
            mailer.deactivate();
        }
        server.stop();
    }

    @Test
    public void aMailSentTwiceArrivesTwiceWithOneMessageId() throws Exception {
        mailer = mailer(server.getSmtp().getPort());

        mailer.sendNow(new Mail("buerger@example.org", "Bescheid", "Ihr Antrag ist bewilligt."), "case-1.decision");
        mailer.sendNow(new Mail("buerger@example.org", "Bescheid", "Ihr Antrag ist bewilligt."), "case-1.decision");

        // sendNow returned: the server has accepted both already
        var received = server.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(Arrays.stream(received).map(m -> {
                    try {
                        return m.getMessageID();
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                }))
                .containsOnly("<case-1.decision@amtsgang>");
        assertThat(received[0].getSubject()).isEqualTo("Bescheid");
    }

    @Test(timeout = 10_000)
    public void anUnreachableServerIsAMailExceptionAtOnce() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        mailer = mailer(closed);

        assertThatThrownBy(() -> mailer.sendNow(new Mail("a@example.org", "s", "t"), "m-1"))
                .isInstanceOf(MailException.class)
                .hasMessageContaining("m-1")
                .hasCauseInstanceOf(javax.mail.MessagingException.class);
    }

    private static SmtpMailer mailer(int port) {
        return new SmtpMailer(TestConfigs.smtp(
                Map.of("host", "127.0.0.1", "port", port, "startTls", false, "timeoutMillis", 2_000, "attempts", 1)));
    }
}
