package org.amtsgang.rest.core.internal;

import java.util.function.BooleanSupplier;
import org.osgi.framework.BundleContext;

/**
 * Whether the platform is still starting: until Karaf has installed its boot features (it then
 * registers its {@code BootFinished} service), an area's resources may simply not be there yet. A
 * payment provider whose notification gets a 404 then may give up on it; a 503 with Retry-After
 * has it try again. Looked up by name, so that rest-core does not depend on Karaf's features API;
 * ten minutes after the start the platform counts as started whatever happened, so that a boot
 * that never finishes cannot turn every unknown address into a 503 for good.
 */
final class BootState implements BooleanSupplier {

    private static final String BOOT_FINISHED = "org.apache.karaf.features.BootFinished";
    private static final long AT_MOST_NANOS = 10L * 60 * 1_000_000_000;

    private final BundleContext context;
    private final long since = System.nanoTime();
    private volatile boolean started;

    BootState(BundleContext context) {
        this.context = context;
    }

    /** True while the platform is starting. */
    @Override
    public boolean getAsBoolean() {
        if (started) {
            return false;
        }
        try {
            if (context.getServiceReference(BOOT_FINISHED) != null || System.nanoTime() - since > AT_MOST_NANOS) {
                started = true;
            }
        } catch (IllegalStateException stopping) {
            started = true; // our bundle is stopping: nothing is starting any more
        }
        return !started;
    }
}
