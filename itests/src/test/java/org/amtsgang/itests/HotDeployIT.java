package org.amtsgang.itests;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.inject.Inject;
import org.amtsgang.catalog.api.ServiceCatalog;
import org.amtsgang.catalog.api.dto.CatalogEntry;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;

/**
 * Offices deploy and remove their services while the platform runs: through {@code deploy/}, and as
 * bundles started and stopped. Nothing of the platform is refreshed or restarted, and other
 * requests keep succeeding meanwhile.
 */
public class HotDeployIT extends PlatformTestSupport {

    private static final String HUNDESTEUER = "/v1/services/steueramt-hundesteuer-anmeldung";
    private static final Duration WITHIN = Duration.ofSeconds(5);

    @Inject
    private ServiceCatalog catalog;

    @Test
    public void aDescriptorOnlyBundleComesAndGoesThroughTheDeployFolder() throws Exception {
        Path deployed = karafBase().resolve("deploy/steueramt-hundesteuer.jar");
        Path built = Path.of(System.getProperty(HUNDESTEUER_JAR));
        await("demo service listed").atMost(Duration.ofSeconds(60)).until(() -> listed(HUNDESTEUER));

        PlatformSnapshot before = PlatformSnapshot.of(context);
        List<String> platformEvents = new java.util.ArrayList<>();
        try (PlatformWatch watch = new PlatformWatch();
                EndpointPoller poller =
                        new EndpointPoller(List.of("/v1/services", "/v1/services/buergeramt-meldebescheinigung"))) {
            for (int cycle = 0; cycle < 2; cycle++) {
                Files.delete(deployed);
                await("service withdrawn")
                        .atMost(WITHIN)
                        .until(() -> get(HUNDESTEUER).statusCode() == 404);

                dropInto(built, deployed);
                await("service listed").atMost(WITHIN).until(() -> listed(HUNDESTEUER));
            }
            poller.close();
            assertEquals("failed requests during hot deploy", List.of(), poller.failures());
            assertTrue("the poller kept asking: " + poller.requests(), poller.requests() > 20);
            platformEvents.addAll(watch.events());
        } finally {
            if (!Files.exists(deployed)) {
                dropInto(built, deployed);
            }
        }
        assertEquals("platform bundle events", List.of(), platformEvents);
        assertEquals(before, PlatformSnapshot.of(context));
    }

    @Test
    public void aBrokenDescriptorIsRefusedAloneAndShownToOperators() throws Exception {
        Path jar = karafBase().resolve("deploy/ordnungsamt-kaputt.jar");
        Path staged = karafBase().resolve("ordnungsamt-kaputt.jar");
        writeDescriptorBundle(staged, "org.amtsgang.offices.ordnungsamt.kaputt", new String[][] {
            {"broken.json", "{ \"id\": \"ordnungsamt-kaputt\", \"office\": "},
            {"sondernutzung.json", valid("ordnungsamt-sondernutzung", "ordnungsamt")}
        });
        PlatformSnapshot before = PlatformSnapshot.of(context);
        try {
            Files.move(staged, jar, StandardCopyOption.ATOMIC_MOVE);

            await("valid sibling listed").atMost(WITHIN).until(() -> listed("/v1/services/ordnungsamt-sondernutzung"));
            CatalogEntry broken = catalog.entries().stream()
                    .filter(e -> e.status() == CatalogEntry.Status.INVALID)
                    .filter(e -> e.origin().bundle().startsWith("org.amtsgang.offices.ordnungsamt.kaputt"))
                    .findFirst()
                    .orElseThrow();
            assertEquals("broken.json", broken.serviceId());
            assertTrue(broken.problems().toString(), broken.problems().get(0).startsWith("not valid JSON"));
            assertTrue(listed(HUNDESTEUER));
        } finally {
            Files.deleteIfExists(jar);
        }
        await("withdrawn")
                .atMost(WITHIN)
                .until(() -> get("/v1/services/ordnungsamt-sondernutzung").statusCode() == 404);
        await("operator view forgets it").atMost(WITHIN).until(() -> catalog.entries().stream()
                .noneMatch(e -> e.origin().bundle().startsWith("org.amtsgang.offices.ordnungsamt.kaputt")));
        assertEquals(before, PlatformSnapshot.of(context));
    }

    @Test
    public void aJavaOfficeServiceLeavesAndReturnsWithItsBundle() throws Exception {
        Bundle office = java.util.Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.amtsgang.offices.buergeramt.meldebescheinigung"))
                .findFirst()
                .orElseThrow();
        String path = "/v1/services/buergeramt-meldebescheinigung";
        await().atMost(Duration.ofSeconds(60)).until(() -> listed(path));
        PlatformSnapshot before = PlatformSnapshot.of(context);
        try (EndpointPoller poller = new EndpointPoller(List.of(HUNDESTEUER, "/v1/offices"))) {
            office.stop();
            await("withdrawn").atMost(WITHIN).until(() -> get(path).statusCode() == 404);
            office.start();
            await("listed again").atMost(WITHIN).until(() -> listed(path));
            poller.close();
            assertEquals(List.of(), poller.failures());
        } finally {
            office.start();
        }
        assertEquals(before, PlatformSnapshot.of(context));
    }

    private static boolean listed(String path) {
        return get(path).statusCode() == 200;
    }

    // fileinstall must never see half a jar: write beside deploy/, then move in
    private static void dropInto(Path source, Path deployed) throws IOException {
        Path staged = deployed.getParent().getParent().resolve(deployed.getFileName() + ".staged");
        Files.copy(source, staged, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, deployed, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String valid(String id, String office) {
        return "{\"id\":\"" + id + "\",\"office\":\"" + office + "\","
                + "\"title\":{\"de\":\"Sondernutzung\",\"en\":\"Special use\"},"
                + "\"description\":{\"de\":\"Erlaubnis f\u00fcr die Nutzung \u00f6ffentlicher Fl\u00e4chen\"},"
                + "\"trustLevel\":\"BASIS\",\"paymentPolicy\":\"AFTER_DECISION\",\"feeCents\":2500,"
                + "\"processingDeadlineDays\":14,\"ozgMaturityLevel\":2,\"version\":\"1.0.0\","
                + "\"form\":{\"type\":\"object\",\"properties\":{\"ort\":{\"type\":\"string\"}}}}";
    }

    private static void writeDescriptorBundle(Path jar, String symbolicName, String[][] descriptors)
            throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Amtsgang-Service-Descriptors", "OSGI-INF/amtsgang/services/");
        main.putValue(
                "Require-Capability",
                "osgi.extender;filter:=\"(&(osgi.extender=org.amtsgang.catalog)(version>=1.0)(!(version>=2.0)))\"");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (String[] descriptor : descriptors) {
                out.putNextEntry(new JarEntry("OSGI-INF/amtsgang/services/" + descriptor[0]));
                out.write(descriptor[1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    /** Records every lifecycle event of a platform bundle: there should be none. */
    private final class PlatformWatch implements AutoCloseable {
        private final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
        private final BundleListener listener = event -> {
            if (PlatformSnapshot.isPlatform(event.getBundle())) {
                events.add(event.getBundle().getSymbolicName() + " " + type(event.getType()));
            }
        };

        PlatformWatch() {
            context.addBundleListener(listener);
        }

        List<String> events() {
            return List.copyOf(events);
        }

        @Override
        public void close() {
            context.removeBundleListener(listener);
        }

        private String type(int type) {
            return switch (type) {
                case BundleEvent.STARTED -> "STARTED";
                case BundleEvent.STOPPED -> "STOPPED";
                case BundleEvent.UNRESOLVED -> "UNRESOLVED";
                case BundleEvent.RESOLVED -> "RESOLVED";
                case BundleEvent.UPDATED -> "UPDATED";
                default -> "event " + type;
            };
        }
    }
}
