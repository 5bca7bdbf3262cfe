package org.amtsgang.document.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Manifest;
import org.amtsgang.document.api.spi.DocumentIndex;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.slf4j.Logger;
import org.slf4j.impl.SimpleLogger;

/**
 * The bundle as OSGi will see it: what bnd wrote to {@code target/classes} (which the jar is made of)
 * must carry Lucene privately, with its codec services, and import none of it.
 */
public class EmbeddedLuceneTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final Path classes = location(LuceneDocumentIndex.class);

    @Test
    public void theManifestImportsNoLuceneAndExportsNothing() throws Exception {
        Manifest manifest;
        try (InputStream in = Files.newInputStream(classes.resolve("META-INF/MANIFEST.MF"))) {
            manifest = new Manifest(in);
        }
        String imports = manifest.getMainAttributes().getValue("Import-Package");

        assertThat(imports)
                .contains("org.amtsgang.document.api.spi")
                .doesNotContain("org.apache.lucene", "org.tartarus");
        assertThat(manifest.getMainAttributes().getValue("Export-Package")).isNull();
        assertThat(manifest.getMainAttributes().getValue("Multi-Release")).isEqualTo("true");
    }

    @Test
    public void theCodecServicesAreInTheBundle() throws Exception {
        assertThat(classes.resolve("META-INF/services/org.apache.lucene.codecs.Codec"))
                .content()
                .contains("org.apache.lucene.codecs.lucene912.Lucene912Codec");
        assertThat(classes.resolve("META-INF/services/org.apache.lucene.codecs.PostingsFormat"))
                .exists();
        assertThat(classes.resolve("org/apache/lucene/analysis/snowball/german_stop.txt"))
                .exists();
    }

    /**
     * Indexes and searches with nothing but the bundle's content, the API and slf4j on the class
     * path, and a thread context class loader that knows none of them, as in OSGi.
     */
    @Test
    public void indexesAndSearchesWithOnlyTheEmbeddedLucene() throws Exception {
        URL[] path = {
            classes.toUri().toURL(),
            location(DocumentIndex.class).toUri().toURL(),
            location(Logger.class).toUri().toURL(),
            location(SimpleLogger.class).toUri().toURL()
        };
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        try (URLClassLoader bundle = new URLClassLoader(path, ClassLoader.getPlatformClassLoader());
                URLClassLoader stranger = new URLClassLoader(new URL[0], null)) {
            thread.setContextClassLoader(stranger);
            Class<?> component = bundle.loadClass(LuceneDocumentIndex.class.getName());
            Constructor<?> create = component.getDeclaredConstructor(Path.class, double.class);
            create.setAccessible(true);
            Object index = create.newInstance(temp.newFolder("osgi").toPath(), 16.0);

            invoke(index, "apply", List.of(change(bundle)));
            Object hits = invoke(index, "search", query(bundle));
            long size = (Long) invoke(index, "size");
            Method deactivate = component.getDeclaredMethod("deactivate");
            deactivate.setAccessible(true);
            deactivate.invoke(index);

            assertThat(size).isEqualTo(1);
            assertThat((Long) hits.getClass().getMethod("total").invoke(hits)).isEqualTo(1);
            assertThat(location(bundle.loadClass("org.apache.lucene.codecs.Codec")))
                    .isEqualTo(classes);
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    private static Object change(ClassLoader bundle) throws Exception {
        Class<?> entry = bundle.loadClass("org.amtsgang.document.api.spi.IndexEntry");
        Object page = entry.getConstructors()[0].newInstance(
                "d1", 1, 1, "Baugenehmigung", "bescheid", "bauamt", Map.of(), "Wohnhäuser", Set.of("r"));
        return bundle.loadClass("org.amtsgang.document.api.spi.IndexChange")
                .getConstructors()[0]
                .newInstance("d1", List.of(page));
    }

    private static Object query(ClassLoader bundle) throws Exception {
        return bundle.loadClass("org.amtsgang.document.api.spi.IndexQuery")
                .getConstructors()[0]
                .newInstance("wohnhaus", Map.of(), Set.of("r"), 0, 10);
    }

    private static Object invoke(Object target, String name, Object... args) throws Exception {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                return m.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(name);
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
