package org.amtsgang.itests;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Session;
import javax.mail.Store;

/** Reads the mail the platform sent, over IMAP from the suite's mail server. */
final class Mailbox {

    private Mailbox() {}

    /** The text of every message in the recipient's inbox, oldest first. */
    static List<String> texts(String recipient) {
        Properties properties = new Properties();
        properties.put("mail.imap.host", "127.0.0.1");
        properties.put("mail.imap.port", System.getProperty(PlatformTestSupport.IMAP_PORT));
        properties.put("mail.imap.connectiontimeout", "5000");
        properties.put("mail.imap.timeout", "5000");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // JavaMail finds its providers and content handlers through the context class loader
        thread.setContextClassLoader(Session.class.getClassLoader());
        try {
            Store store = Session.getInstance(properties).getStore("imap");
            store.connect(recipient, "any");
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                List<String> texts = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    texts.add(message.getSubject() + "\n" + message.getContent());
                }
                inbox.close(false);
                return texts;
            } finally {
                store.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the mailbox of " + recipient, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The code in the newest message, as the identity mails print it after "code ... : ". */
    static String lastCode(String recipient) {
        List<String> texts = texts(recipient);
        if (texts.isEmpty()) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[:] ([23456789A-HJ-NP-Z]{8})\\b")
                .matcher(texts.get(texts.size() - 1));
        return m.find() ? m.group(1) : null;
    }
}
