package org.amtsgang.notification.internal;

import java.io.UnsupportedEncodingException;
import java.util.Date;
import java.util.regex.Pattern;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import org.amtsgang.notification.api.Mail;

/** Turns a {@link Mail} into a MIME message from the configured sender. */
final class MimeMessages {

    /** The domain part of our Message-IDs: the id alone tells them apart. */
    static final String ID_DOMAIN = "amtsgang";

    static final int MAX_ID_LENGTH = 200;

    // RFC 5322 dot-atom over a safe subset of atext: a valid Message-ID and a valid file name
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private final Session session;
    private final SmtpConfig config;

    MimeMessages(Session session, SmtpConfig config) {
        this.session = session;
        this.config = config;
    }

    /** A message whose Message-ID JavaMail makes up. */
    MimeMessage of(Mail mail) throws MessagingException, UnsupportedEncodingException {
        return fill(new MimeMessage(session), mail);
    }

    /** A message whose Message-ID is {@code <messageId@amtsgang>}, however often it is saved. */
    MimeMessage of(Mail mail, String messageId) throws MessagingException, UnsupportedEncodingException {
        return fill(new IdentifiedMessage(session, "<" + checkId(messageId) + "@" + ID_DOMAIN + ">"), mail);
    }

    /**
     * The id, if it may be a Message-ID's left part and a file name.
     *
     * @throws IllegalArgumentException if not
     */
    static String checkId(String messageId) {
        if (messageId == null || messageId.isBlank()) {
            throw new IllegalArgumentException("A message id is required.");
        }
        if (messageId.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException(
                    "A message id may have at most " + MAX_ID_LENGTH + " characters, had " + messageId.length() + ".");
        }
        if (!ID.matcher(messageId).matches()) {
            throw new IllegalArgumentException(
                    "A message id consists of letters (A-Z, a-z), digits, '-', '_' and single"
                            + " dots between them, was '" + messageId + "'.");
        }
        return messageId;
    }

    private MimeMessage fill(MimeMessage message, Mail mail) throws MessagingException, UnsupportedEncodingException {
        message.setFrom(new InternetAddress(config.from(), config.fromName(), "UTF-8"));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.to(), true));
        message.setSubject(mail.subject(), "UTF-8");
        message.setText(mail.text(), "UTF-8");
        message.setSentDate(new Date());
        return message;
    }

    /** JavaMail replaces the Message-ID each time a message is saved, unless told otherwise. */
    private static final class IdentifiedMessage extends MimeMessage {

        private final String messageId;

        IdentifiedMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
