package org.amtsgang.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import javax.inject.Inject;
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

    @Test
    public void operatorsManageStaffAtTheConsole() throws Exception {
        String email = "konsole-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@steueramt.example";

        String added = execute("amtsgang:staff-add --role steueramt:CASEWORKER " + email + " \"Karl Konsole\"");
        assertTrue(added, added.contains("initial password"));
        assertTrue(added, added.contains("otpauth://totp/Amtsgang:"));
        String listed = execute("amtsgang:staff-list --office steueramt");
        assertTrue(listed, listed.contains(email));

        String roles = execute("amtsgang:staff-roles " + email + " steueramt:OFFICE_LEAD buergeramt:CASEWORKER");
        assertTrue(roles, roles.contains("buergeramt:CASEWORKER"));
        assertTrue(roles, roles.contains("steueramt:OFFICE_LEAD"));
        assertTrue(execute("amtsgang:staff-roles " + email).contains("steueramt:OFFICE_LEAD"));

        String disabled = execute("amtsgang:staff-disable " + email);
        assertTrue(disabled, disabled.contains("DISABLED"));
        String log = java.nio.file.Files.readString(karafBase().resolve("data/log/amtsgang-security.log"));
        for (String event : new String[] {"STAFF_CREATED", "ROLES_CHANGED", "ACCOUNT_DISABLED"}) {
            assertTrue(event + " recorded", log.contains(event) && log.contains("actor=console:"));
        }
        assertTrue(execute("amtsgang:staff-disable --enable " + email).contains("ACTIVE"));
    }

    private String execute(String command) throws Exception {
        return Console.execute(sessions, command);
    }
}
