package org.amtsgang.catalog.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.amtsgang.catalog.api.OfficeService;
import org.amtsgang.catalog.api.dto.CatalogEntry.Kind;
import org.amtsgang.catalog.api.dto.CatalogEntry.Origin;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.util.tracker.BundleTracker;

/**
 * The extender for descriptor-only office bundles: when a bundle carrying the {@value
 * OfficeService#DESCRIPTOR_HEADER} header becomes active, its descriptors enter the catalogue;
 * when it stops, they leave. A broken descriptor is refused on its own; it affects nothing else.
 */
final class DescriptorExtender extends BundleTracker<Long> {

    private final CatalogState state;
    private final DescriptorReader reader;

    DescriptorExtender(BundleContext context, CatalogState state, DescriptorReader reader) {
        super(context, Bundle.ACTIVE, null);
        this.state = state;
        this.reader = reader;
    }

    @Override
    public Long addingBundle(Bundle bundle, BundleEvent event) {
        String header = bundle.getHeaders("").get(OfficeService.DESCRIPTOR_HEADER);
        if (header == null) {
            return null; // not an office bundle of ours: not tracked
        }
        for (String path : header.split(",")) {
            for (URL descriptor : descriptorsAt(bundle, path.trim())) {
                state.put(read(bundle, descriptor));
            }
            if (path.isBlank()) {
                continue;
            }
            if (!path.trim().endsWith("/") && bundle.getEntry(path.trim()) == null) {
                state.put(missing(bundle, path.trim()));
            }
        }
        return bundle.getBundleId();
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, Long bundleId) {
        state.removeBundle(bundleId);
    }

    private static List<URL> descriptorsAt(Bundle bundle, String path) {
        if (path.isEmpty()) {
            return List.of();
        }
        if (path.endsWith("/")) {
            // findEntries looks in the bundle and its fragments, never through imports
            var found = bundle.findEntries(path, "*.json", false);
            List<URL> urls = found == null ? new ArrayList<>() : Collections.list(found);
            urls.sort(java.util.Comparator.comparing(URL::getPath));
            return urls;
        }
        URL entry = bundle.getEntry(path);
        return entry == null ? List.of() : List.of(entry);
    }

    private Contribution read(Bundle bundle, URL url) {
        String resource = url.getPath();
        Contribution.Key key = new Contribution.Key(bundle.getBundleId(), resource);
        Origin origin = origin(bundle, resource);
        byte[] content;
        try (InputStream in = url.openStream()) {
            content = in.readNBytes(DescriptorReader.MAX_BYTES + 1);
        } catch (IOException e) {
            return Contribution.invalid(key, fileName(resource), origin, List.of("could not be read: " + e));
        }
        DescriptorReader.Result result = reader.read(content);
        if (result.valid()) {
            return Contribution.valid(key, origin, result.descriptor());
        }
        String claimed = result.claimedId() != null ? result.claimedId() : fileName(resource);
        return Contribution.invalid(key, claimed, origin, result.problems());
    }

    private static Contribution missing(Bundle bundle, String path) {
        return Contribution.invalid(
                new Contribution.Key(bundle.getBundleId(), path),
                fileName(path),
                origin(bundle, path),
                List.of("the bundle has no file " + path + " named in its " + OfficeService.DESCRIPTOR_HEADER
                        + " header"));
    }

    private static Origin origin(Bundle bundle, String resource) {
        return new Origin(
                Kind.DESCRIPTOR, bundle.getBundleId(), bundle.getSymbolicName() + " " + bundle.getVersion(), resource);
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
