package org.amtsgang.itests;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * The real servers the platform talks to in the suite, started once in the test driver beside the
 * container: an SMTP/IMAP server (GreenMail) and an OpenID Connect provider (mock-oauth2-server,
 * with its interactive login, so that a test chooses the claims). Only JDK types cross into the
 * test classes: this class is never loaded inside the container.
 */
final class TestServers {

    static final String OIDC_ISSUER_ID = "bundid";
    /** The city's own identity provider for staff. */
    static final String STAFF_ISSUER_ID = "dienst";

    private static GreenMail mail;
    private static MockOAuth2Server oidc;
    private static int smtpPort;
    private static int imapPort;

    private TestServers() {}

    static synchronized void start() throws IOException {
        if (mail != null) {
            return;
        }
        smtpPort = freePort();
        imapPort = freePort();
        mail = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        });
        mail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        oidc = new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\": true}"));
        oidc.start(freePort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mail.stop();
            oidc.shutdown();
        }));
    }

    static int smtpPort() {
        return smtpPort;
    }

    static int imapPort() {
        return imapPort;
    }

    static String oidcIssuer() {
        return oidcIssuer(OIDC_ISSUER_ID);
    }

    /** The provider serves any number of issuers, one per first path segment. */
    static String oidcIssuer(String issuerId) {
        return oidc.issuerUrl(issuerId).toString().replaceAll("/+$", "");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
