package org.amtsgang.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** The distribution boots with every bundle active and the walls between bundles in place. */
public class PlatformBundlesIT extends PlatformTestSupport {

    @Inject
    private ConfigurationAdmin configurations;

    @Test
    public void everyBundleIsActive() {
        await("all bundles active").atMost(Duration.ofSeconds(60)).until(() -> notActive()
                .isEmpty());
    }

    @Test
    public void noComponentStartsInACycle() {
        // components that need each other while they start cannot both start: the framework refuses
        // one of them, depending on which began first, and that one then misses its events for good
        // (an approved Bauakteneinsicht whose access never came). Such references must be dynamic.
        await("all bundles active").atMost(Duration.ofSeconds(60)).until(() -> notActive()
                .isEmpty());
        String cycles = logLines("resulted in a cycle", "Error during instantiation");
        assertTrue(cycles, cycles.startsWith("no log line"));
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

    /**
     * An operator who edits {@code etc/org.ops4j.pax.web.cfg} makes Pax Web restart Jetty and
     * initialise the API servlet again: the API answers afterwards, anonymous and signed in, without
     * restarting the platform. (CXF's servlet used to shut the platform's bus down on the way.)
     */
    @Test
    public void theApiAnswersAfterTheHttpServerIsReconfigured() throws Exception {
        Configuration web = configurations.getConfiguration("org.ops4j.pax.web", "?");
        Dictionary<String, Object> original = web.getProperties();
        assertTrue("pax-web is configured from etc", original != null);
        try {
            restartHttpServer(web, withIdleTimeout(original, "30001"));
            apiAnswers();
        } finally {
            restartHttpServer(web, original);
        }
        apiAnswers();
    }

    /**
     * While a platform area's resources leave and return (an operator stops and starts its bundle),
     * the API is rebuilt: requests meanwhile get 200 or 503 with Retry-After, never a 500 from a
     * server torn down under them.
     */
    @Test
    public void requestsDuringARebuildOfTheApiGet200Or503() throws Exception {
        Bundle payment = java.util.Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.amtsgang.payment"))
                .findFirst()
                .orElseThrow();
        String anna = Api.token(Api.ANNA);
        java.util.concurrent.ConcurrentMap<Integer, java.util.concurrent.atomic.AtomicInteger> statuses =
                new java.util.concurrent.ConcurrentHashMap<>();
        List<String> bad = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean polling = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.ExecutorService pollers = java.util.concurrent.Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            pollers.execute(() -> {
                while (polling.get()) {
                    try {
                        var response = Api.call("GET", "/v1/cases", anna, null);
                        statuses.computeIfAbsent(
                                        response.statusCode(), k -> new java.util.concurrent.atomic.AtomicInteger())
                                .incrementAndGet();
                        if (response.statusCode() != 200 && response.statusCode() != 503) {
                            bad.add(response.statusCode() + " " + response.body());
                        }
                    } catch (RuntimeException e) {
                        bad.add(e.toString()); // a request that got no answer at all
                    }
                }
            });
        }
        try {
            for (int round = 0; round < 2; round++) {
                payment.stop();
                Thread.sleep(1500);
                payment.start();
                await("payments served again")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> Api.call("GET", "/v1/payments", anna, null).statusCode() == 200);
            }
        } finally {
            polling.set(false);
            pollers.shutdown();
            pollers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            if (payment.getState() != Bundle.ACTIVE) {
                payment.start();
            }
        }
        assertEquals(statuses.toString(), List.of(), bad);
        assertTrue("requests were answered meanwhile: " + statuses, statuses.containsKey(200));
    }

    private void restartHttpServer(Configuration web, Dictionary<String, Object> properties) throws Exception {
        long before = httpServiceRuntimeId();
        web.update(properties);
        // Pax Web registers a new HttpServiceRuntime once Jetty runs again
        await("HTTP server restarted").atMost(Duration.ofSeconds(60)).until(() -> httpServiceRuntimeId() > before);
    }

    private long httpServiceRuntimeId() {
        ServiceReference<?> runtime = context.getServiceReference("org.osgi.service.http.runtime.HttpServiceRuntime");
        return runtime == null ? -1 : (Long) runtime.getProperty(Constants.SERVICE_ID);
    }

    private static void apiAnswers() {
        // Jetty comes back in steps (server, then the servlets): wait for all three to answer
        await("API answers after the restart")
                .atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> get("/v1/auth/providers").statusCode() == 200
                        && get("/v1/services/buergeramt-meldebescheinigung").statusCode() == 200
                        && Api.call("GET", "/v1/cases", Api.token(Api.ANNA), null)
                                        .statusCode()
                                == 200);
    }

    private static Dictionary<String, Object> withIdleTimeout(Dictionary<String, Object> original, String millis) {
        Dictionary<String, Object> changed = new Hashtable<>();
        for (Enumeration<String> keys = original.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            changed.put(key, original.get(key));
        }
        changed.put("org.ops4j.pax.web.server.connector.idleTimeout", millis);
        return changed;
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
