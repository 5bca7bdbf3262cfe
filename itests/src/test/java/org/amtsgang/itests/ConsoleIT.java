package org.amtsgang.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;

/** The operator's view of the catalogue at the Karaf console. */
public class ConsoleIT extends PlatformTestSupport {

    @Inject
    private SessionFactory sessions;

    @Test
    public void listsOfficesAndServices() throws Exception {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> execute("amtsgang:services").contains("steueramt-hundesteuer-anmeldung"));

        String services = execute("amtsgang:services");
        assertTrue(services, services.contains("buergeramt-meldebescheinigung"));
        assertTrue(services, services.contains("AVAILABLE"));
        assertTrue(services, services.contains("DESCRIPTOR"));
        assertTrue(services, services.contains("JAVA"));

        String offices = execute("amtsgang:offices");
        assertTrue(offices, offices.contains("strassenverkehrsamt"));

        String one = execute("amtsgang:service buergeramt-meldebescheinigung");
        assertTrue(one, one.contains("trust     HIGH (eIDAS high)"));
        assertTrue(one, one.contains("payment   REQUIRED, 10,00 \u20ac"));
    }

    private String execute(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessions.create(new ByteArrayInputStream(new byte[0]), out, out);
        try {
            session.execute(command);
        } finally {
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
