package org.amtsgang.itests;

import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * What must not change when an office service is deployed or removed: every platform bundle's id,
 * state and last modification, and the ids of the services Amtsgang's platform bundles register.
 * Office bundles and the test probe are not part of the platform.
 */
record PlatformSnapshot(Map<Long, String> bundles, Map<Long, String> services) {

    static PlatformSnapshot of(BundleContext context) {
        Map<Long, String> bundles = new TreeMap<>();
        Map<Long, String> services = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (!isPlatform(bundle)) {
                continue;
            }
            bundles.put(
                    bundle.getBundleId(),
                    bundle.getSymbolicName() + " state=" + bundle.getState() + " modified=" + bundle.getLastModified());
            ServiceReference<?>[] registered = bundle.getRegisteredServices();
            if (bundle.getSymbolicName().startsWith("org.amtsgang.") && registered != null) {
                for (ServiceReference<?> reference : registered) {
                    services.put((Long) reference.getProperty("service.id"), String.join(",", (String[])
                            reference.getProperty("objectClass")));
                }
            }
        }
        return new PlatformSnapshot(bundles, services);
    }

    static boolean isPlatform(Bundle bundle) {
        String name = bundle.getSymbolicName();
        return name != null && !name.startsWith("org.amtsgang.offices.") && !name.startsWith("PAXEXAM-PROBE");
    }
}
