package org.amtsgang.persistence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.amtsgang.persistence.api.SchemaMigrations;
import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Runs areas' migration scripts on the platform's data source ({@code dataSourceName=amtsgang}). */
@Component(service = SchemaMigrations.class)
public final class SchemaMigrationsComponent implements SchemaMigrations {

    private final Migrator migrator;

    @Activate
    public SchemaMigrationsComponent(@Reference(target = "(dataSourceName=amtsgang)") DataSource dataSource) {
        this.migrator = new Migrator(dataSource);
    }

    @Override
    public int migrate(String area, Bundle bundle) {
        if (area == null || !area.matches("[a-z]+")) {
            throw new IllegalArgumentException("area must be lower-case letters, was '" + area + "'");
        }
        return migrator.migrate(area, scripts(bundle, "db/" + area, migrator.dialect()));
    }

    /** The area's scripts; one in the dialect's folder replaces the generic one of the same name. */
    private static List<Script> scripts(Bundle bundle, String folder, String dialect) {
        Map<String, Script> byName = new LinkedHashMap<>();
        read(bundle, folder).forEach(s -> byName.put(s.name(), s));
        read(bundle, folder + "/" + dialect).forEach(s -> byName.put(s.name(), s));
        return new ArrayList<>(byName.values());
    }

    private static List<Script> read(Bundle bundle, String folder) {
        Enumeration<URL> entries = bundle.findEntries(folder, "V*.sql", false);
        List<Script> scripts = new ArrayList<>();
        for (URL url : entries == null ? List.<URL>of() : Collections.list(entries)) {
            String file = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
            try (InputStream in = url.openStream()) {
                Script script = Script.of(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                if (script != null) {
                    scripts.add(script);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + url, e);
            }
        }
        return scripts;
    }
}
