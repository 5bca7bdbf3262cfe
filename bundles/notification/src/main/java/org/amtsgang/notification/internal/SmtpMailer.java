package org.amtsgang.notification.internal;

import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import org.amtsgang.notification.api.Mail;
import org.amtsgang.notification.api.Mailer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends mail over SMTP from one background thread, so that requests never wait for the mail
 * server. A bounded queue: when the mail server is down for long, the oldest requests are not
 * held in memory without limit; what cannot be queued is logged.
 */
@Component(service = Mailer.class, configurationPid = SmtpConfig.PID)
@Designate(ocd = SmtpConfig.class)
public final class SmtpMailer implements Mailer {

    private final Logger logger = LoggerFactory.getLogger(SmtpMailer.class);
    private final SmtpConfig config;
    private final Session session;
    /** Without an SMTP host: the folder mails are written to, so that nothing secret lands in the log. */
    private final java.nio.file.Path pickup;

    private final ExecutorService sender;

    @Activate
    public SmtpMailer(SmtpConfig config) {
        this.config = config;
        this.session = Session.getInstance(config.host().isBlank() ? new Properties() : properties(config));
        this.pickup = config.host().isBlank() ? pickupDirectory(config) : null;
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000), runnable -> {
            Thread thread = new Thread(runnable, "amtsgang-smtp");
            thread.setDaemon(true);
            return thread;
        });
        if (pickup != null) {
            logger.warn(
                    "No SMTP host configured ({}.cfg): e-mails are written to {}, not sent", SmtpConfig.PID, pickup);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Override
    public void send(Mail mail) {
        try {
            sender.execute(() -> deliver(mail));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            logger.error("Mail queue full: mail to {} ('{}') dropped", mail.to(), mail.subject());
        }
    }

    private void deliver(Mail mail) {
        if (pickup != null) {
            writeToPickup(mail);
            return;
        }
        for (int attempt = 1; attempt <= config.attempts(); attempt++) {
            try {
                withMailClassLoader(() -> {
                    Transport.send(message(mail), nullIfBlank(config.username()), nullIfBlank(config.password()));
                    return null;
                });
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

    private void writeToPickup(Mail mail) {
        try {
            java.nio.file.Files.createDirectories(pickup);
            java.nio.file.Path file = pickup.resolve(System.currentTimeMillis() + "-"
                    + java.util.UUID.randomUUID().toString().substring(0, 8) + ".eml");
            try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
                withMailClassLoader(() -> {
                    message(mail).writeTo(out);
                    return null;
                });
            }
            logger.info("Mail to {} ('{}') not sent, no SMTP host: written to {}", mail.to(), mail.subject(), file);
        } catch (Exception e) {
            logger.error(
                    "Mail to {} ('{}') could not be written to {}: {}", mail.to(), mail.subject(), pickup, causes(e));
        }
    }

    // JavaMail finds its content handlers (mailcap) through the context class loader: in OSGi
    // that must be the mail bundle's, or every message fails to encode
    private static <T> T withMailClassLoader(java.util.concurrent.Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Session.class.getClassLoader());
        try {
            return action.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static java.nio.file.Path pickupDirectory(SmtpConfig config) {
        return config.pickupDirectory().isBlank()
                ? java.nio.file.Path.of(System.getProperty("karaf.data", "data"), "amtsgang", "mail")
                : java.nio.file.Path.of(config.pickupDirectory());
    }

    private MimeMessage message(Mail mail) throws MessagingException, java.io.UnsupportedEncodingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(config.from(), config.fromName(), "UTF-8"));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.to(), true));
        message.setSubject(mail.subject(), "UTF-8");
        message.setText(mail.text(), "UTF-8");
        message.setSentDate(new java.util.Date());
        return message;
    }

    private static Properties properties(SmtpConfig config) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", config.host());
        properties.put("mail.smtp.port", String.valueOf(config.port()));
        properties.put("mail.smtp.auth", String.valueOf(!config.username().isBlank()));
        properties.put("mail.smtp.starttls.enable", String.valueOf(config.startTls()));
        properties.put("mail.smtp.starttls.required", String.valueOf(config.startTls()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        properties.put("mail.smtp.writetimeout", "10000");
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
