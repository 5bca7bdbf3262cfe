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
    private final ExecutorService sender;

    @Activate
    public SmtpMailer(SmtpConfig config) {
        this.config = config;
        this.session = config.host().isBlank() ? null : Session.getInstance(properties(config));
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000), runnable -> {
            Thread thread = new Thread(runnable, "amtsgang-smtp");
            thread.setDaemon(true);
            return thread;
        });
        if (session == null) {
            logger.warn("No SMTP host configured ({}.cfg): e-mails are written to the log, not sent", SmtpConfig.PID);
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
        if (session == null) {
            logger.info("Mail (not sent, no SMTP host) to {}: {}\n{}", mail.to(), mail.subject(), mail.text());
            return;
        }
        for (int attempt = 1; attempt <= config.attempts(); attempt++) {
            // JavaMail finds its content handlers (mailcap) through the context class loader:
            // in OSGi that must be the mail bundle's, or every message fails to encode
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(Session.class.getClassLoader());
            try {
                Transport.send(message(mail), nullIfBlank(config.username()), nullIfBlank(config.password()));
                logger.debug("Mail to {} sent: {}", mail.to(), mail.subject());
                return;
            } catch (MessagingException | java.io.UnsupportedEncodingException e) {
                logger.warn(
                        "Sending mail to {} failed (attempt {} of {}): {}",
                        mail.to(),
                        attempt,
                        config.attempts(),
                        causes(e));
                pause(attempt);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
        logger.error(
                "Mail to {} ('{}') could not be sent after {} attempts", mail.to(), mail.subject(), config.attempts());
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
