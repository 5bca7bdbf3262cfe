package org.amtsgang.notification.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.MimeMessage;
import org.amtsgang.notification.api.Mail;
import org.amtsgang.notification.api.MailException;
import org.amtsgang.notification.api.Mailer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends mail over SMTP. {@link #send} hands it to one background thread, so that requests never
 * wait for the mail server; a bounded queue, so that a long outage does not hold mails in memory
 * without limit (what cannot be queued is logged). {@link #sendNow} sends in the caller's thread,
 * once, for callers that keep an outbox and retry themselves.
 */
@Component(service = Mailer.class, configurationPid = SmtpConfig.PID)
@Designate(ocd = SmtpConfig.class)
public final class SmtpMailer implements Mailer {

    private final Logger logger = LoggerFactory.getLogger(SmtpMailer.class);
    private final SmtpConfig config;
    private final MimeMessages messages;
    /** Without an SMTP host: where mails are written instead, so that nothing secret lands in the log. */
    private final PickupDirectory pickup;

    private final ExecutorService sender;

    @Activate
    public SmtpMailer(SmtpConfig config) {
        this.config = config;
        this.messages = new MimeMessages(
                Session.getInstance(config.host().isBlank() ? new Properties() : properties(config)), config);
        this.pickup = config.host().isBlank() ? PickupDirectory.of(config) : null;
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000), runnable -> {
            Thread thread = new Thread(runnable, "amtsgang-smtp");
            thread.setDaemon(true);
            return thread;
        });
        if (pickup != null) {
            logger.warn(
                    "No SMTP host configured ({}.cfg): e-mails are written to {}, not sent",
                    SmtpConfig.PID,
                    pickup.folder());
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(5, TimeUnit.SECONDS);
    }

    // a pickup folder keeps one file per message id: a mail written again replaces itself
    @Override
    public boolean repeatsAreHarmless() {
        return pickup != null;
    }

    @Override
    public void send(Mail mail) {
        try {
            sender.execute(() -> deliver(mail));
        } catch (RejectedExecutionException e) {
            logger.error("Mail queue full: mail to {} ('{}') dropped", mail.to(), mail.subject());
        }
    }

    @Override
    public void sendNow(Mail mail, String messageId) {
        MimeMessages.checkId(messageId);
        if (mail == null || mail.to() == null || mail.to().isBlank()) {
            throw new IllegalArgumentException("A mail with a recipient is required.");
        }
        try {
            if (pickup != null) {
                // named by the id: a mail sent again replaces its earlier copy instead of doubling it
                Path file = withMailClassLoader(() -> pickup.write(messages.of(mail, messageId), messageId));
                // DEBUG: an outbox sends thousands under load (a line each was 14 MB of log per
                // benchmark run); where they go is logged once at the start (WARN)
                logger.debug("Mail {} to {} not sent, no SMTP host: written to {}", messageId, mail.to(), file);
            } else {
                transmit(() -> messages.of(mail, messageId));
                logger.debug("Mail {} to {} sent: {}", messageId, mail.to(), mail.subject());
            }
        } catch (Exception e) {
            throw new MailException("Mail " + messageId + " to " + mail.to() + " could not be sent: " + causes(e), e);
        }
    }

    @Override
    public void flush() {
        if (pickup == null) {
            return;
        }
        try {
            pickup.flush();
        } catch (IOException e) {
            throw new MailException("The mails in " + pickup.folder() + " could not be synced to disk: " + e, e);
        }
    }

    private void deliver(Mail mail) {
        if (pickup != null) {
            writeToPickup(mail);
            return;
        }
        for (int attempt = 1; attempt <= config.attempts(); attempt++) {
            try {
                transmit(() -> messages.of(mail));
                logger.debug("Mail to {} sent: {}", mail.to(), mail.subject());
                return;
            } catch (Exception e) {
                logger.warn(
                        "Sending mail to {} failed (attempt {} of {}): {}",
                        mail.to(),
                        attempt,
                        config.attempts(),
                        causes(e));
                pause(attempt);
            }
        }
        logger.error(
                "Mail to {} ('{}') could not be sent after {} attempts", mail.to(), mail.subject(), config.attempts());
    }

    private void transmit(Callable<MimeMessage> message) throws Exception {
        withMailClassLoader(() -> {
            Transport.send(message.call(), nullIfBlank(config.username()), nullIfBlank(config.password()));
            return null;
        });
    }

    private void writeToPickup(Mail mail) {
        try {
            Path file = withMailClassLoader(() -> pickup.write(messages.of(mail)));
            logger.info("Mail to {} ('{}') not sent, no SMTP host: written to {}", mail.to(), mail.subject(), file);
        } catch (Exception e) {
            logger.error(
                    "Mail to {} ('{}') could not be written to {}: {}",
                    mail.to(),
                    mail.subject(),
                    pickup.folder(),
                    causes(e));
        }
    }

    // JavaMail finds its content handlers (mailcap) through the context class loader: in OSGi
    // that must be the mail bundle's, or every message fails to encode
    private static <T> T withMailClassLoader(Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Session.class.getClassLoader());
        try {
            return action.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static Properties properties(SmtpConfig config) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", config.host());
        properties.put("mail.smtp.port", String.valueOf(config.port()));
        properties.put("mail.smtp.auth", String.valueOf(!config.username().isBlank()));
        properties.put("mail.smtp.starttls.enable", String.valueOf(config.startTls()));
        properties.put("mail.smtp.starttls.required", String.valueOf(config.startTls()));
        String timeout = String.valueOf(config.timeoutMillis());
        properties.put("mail.smtp.connectiontimeout", timeout);
        properties.put("mail.smtp.timeout", timeout);
        properties.put("mail.smtp.writetimeout", timeout);
        return properties;
    }

    private static String causes(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(text.length() == 0 ? "" : " <- ").append(t);
        }
        return text.toString();
    }

    private static String nullIfBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(1000L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
