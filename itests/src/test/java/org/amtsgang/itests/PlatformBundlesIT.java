package org.amtsgang.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/** The distribution boots with every bundle active and the walls between bundles in place. */
public class PlatformBundlesIT extends PlatformTestSupport {

    @Test
    public void everyBundleIsActive() {
        await("all bundles active").atMost(Duration.ofSeconds(60)).until(() -> notActive()
                .isEmpty());
    }

    @Test
    public void thePlatformBundlesAreThere() {
        List<String> names = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            names.add(bundle.getSymbolicName());
        }
        for (String expected : List.of(
                "org.amtsgang.identity.api",
                "org.amtsgang.rest.api",
                "org.amtsgang.catalog.api",
                "org.amtsgang.rest.core",
                "org.amtsgang.catalog",
                "org.amtsgang.console",
                "org.amtsgang.notification",
                "org.amtsgang.audit",
                "org.amtsgang.cases",
                "org.amtsgang.jpa.contract",
                "org.amtsgang.offices.buergeramt.meldebescheinigung",
                "org.apache.cxf.cxf-rt-frontend-jaxrs",
                "org.eclipse.persistence.jpa",
                "org.apache.aries.jpa.container",
                "org.ops4j.pax.jdbc.derby",
                "org.apache.felix.scr")) {
            assertTrue(expected + " is installed", names.contains(expected));
        }
    }

    @Test
    public void noBundleExportsAnImplementationPackage() {
        for (Bundle bundle : context.getBundles()) {
            String exports = bundle.getHeaders("").get(Constants.EXPORT_PACKAGE);
            if (bundle.getSymbolicName().startsWith("org.amtsgang.") && exports != null) {
                assertFalse(bundle.getSymbolicName() + " exports " + exports, exports.contains(".internal"));
            }
        }
    }

    @Test
    public void officeBundlesImportOnlyApiPackages() {
        for (Bundle bundle : context.getBundles()) {
            if (!bundle.getSymbolicName().startsWith("org.amtsgang.offices.")) {
                continue;
            }
            String imports = bundle.getHeaders("").get(Constants.IMPORT_PACKAGE);
            if (imports == null) {
                continue;
            }
            for (String clause : imports.split(",(?=[a-z])")) {
                String pkg = clause.split(";")[0].trim();
                if (pkg.startsWith("org.amtsgang.")) {
                    assertTrue(
                            bundle.getSymbolicName() + " imports " + pkg,
                            pkg.contains(".api") && !pkg.contains(".internal"));
                }
            }
        }
    }

    @Test
    public void theDatabaseStackIsWired() throws Exception {
        // pax-jdbc-config has made the embedded Derby data source from etc/
        await("data source")
                .atMost(Duration.ofSeconds(30))
                .until(() -> context.getServiceReferences(javax.sql.DataSource.class, "(dataSourceName=amtsgang)")
                                .size()
                        == 1);
        var reference = context.getServiceReferences(javax.sql.DataSource.class, "(dataSourceName=amtsgang)")
                .iterator()
                .next();
        try (java.sql.Connection connection = context.getService(reference).getConnection()) {
            assertEquals("Apache Derby", connection.getMetaData().getDatabaseProductName());
        } finally {
            context.ungetService(reference);
        }
        assertTrue(
                "Derby's files are on disk under data/amtsgang",
                java.nio.file.Files.isDirectory(karafBase().resolve("data/amtsgang/derby")));
        assertEquals(
                "one JPA API bundle only (STACK pitfall 9)",
                1,
                java.util.Arrays.stream(context.getBundles())
                        .filter(b -> b.getSymbolicName().contains("javax.persistence"))
                        .count());
    }

    private List<String> notActive() {
        List<String> result = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                result.add(bundle.getSymbolicName() + " [" + bundle.getBundleId() + "] state " + bundle.getState());
            }
        }
        return result;
    }
}
