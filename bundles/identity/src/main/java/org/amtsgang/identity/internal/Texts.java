package org.amtsgang.identity.internal;

/** The e-mails identity sends, German first and English second. */
final class Texts {

    private Texts() {}

    static String confirmation(String name, String code, int minutes) {
        return "Guten Tag " + name + ",\n\n"
                + "Ihr Bestätigungscode für Amtsgang lautet: " + code + "\n"
                + "Er ist " + minutes + " Minuten gültig.\n\n"
                + "Hello " + name + ",\n\n"
                + "your Amtsgang confirmation code is: " + code + "\n"
                + "It is valid for " + minutes + " minutes.\n\n"
                + "Wenn Sie sich nicht registriert haben, ignorieren Sie diese Nachricht. /"
                + " If you did not register, ignore this message.\n";
    }

    static String reset(String name, String code, int minutes) {
        return "Guten Tag " + name + ",\n\n"
                + "mit diesem Code setzen Sie Ihr Passwort zurück: " + code + " (" + minutes + " Minuten gültig)\n\n"
                + "Hello " + name + ",\n\n"
                + "use this code to reset your password: " + code + " (valid for " + minutes + " minutes)\n\n"
                + "Wenn Sie das nicht angefordert haben, ignorieren Sie diese Nachricht. /"
                + " If you did not ask for this, ignore this message.\n";
    }

    static String alreadyRegistered(String name, String portal) {
        return "Guten Tag " + name + ",\n\n"
                + "für Ihre E-Mail-Adresse besteht bereits ein Konto. Melden Sie sich an oder setzen Sie Ihr"
                + " Passwort zurück: " + portal + "\n\n"
                + "Hello " + name + ",\n\n"
                + "there already is an account for your e-mail address. Log in or reset your password: " + portal
                + "\n";
    }

    static String staffWelcome(String name, String office) {
        return "Guten Tag " + name + ",\n\nfür Sie wurde ein Amtsgang-Konto (" + office + ") eingerichtet."
                + " Ihr Startpasswort und den Schlüssel für Ihre Authenticator-App erhalten Sie persönlich.\n\n"
                + "Hello " + name + ",\n\nan Amtsgang account (" + office + ") was set up for you."
                + " You receive your initial password and authenticator key in person.\n";
    }
}
