package org.amtsgang.rest.core.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.amtsgang.identity.api.Authenticator;
import org.amtsgang.rest.api.ContentRevision;
import org.amtsgang.rest.api.RestResource;
import org.apache.cxf.Bus;
import org.apache.cxf.bus.extension.ExtensionManagerBus;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's one HTTP API endpoint: every {@link RestResource} that platform areas register,
 * served by one CXF server, on an API servlet of its own at {@code /api}.
 *
 * <p>One server rather than one per area, because areas share URL space ({@code /v1/offices} of the
 * catalogue and {@code /v1/offices/{office}/cases} of case handling). The server is rebuilt only
 * when a platform resource arrives or leaves — at boot and when an operator updates a platform
 * bundle — never when an office service is deployed: office bundles register no resources.
 * Arrivals close together are coalesced into one rebuild.
 */
@Component(immediate = true, configurationPid = RestConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RestConfig.class)
public final class PlatformEndpoint {

    /** How long a rebuild waits for the requests inside (a long download may take longer). */
    private static final java.time.Duration DRAIN = java.time.Duration.ofSeconds(10);

    /** How soon after its registration the HTTP runtime serves the API servlet (about 3 s at a boot). */
    private static final java.time.Duration SERVED_WITHIN = java.time.Duration.ofSeconds(20);

    private final Logger logger = LoggerFactory.getLogger(PlatformEndpoint.class);

    /** Resources ordered by service id, so that a rebuild is deterministic. */
    private final Map<Long, Object> resources = new ConcurrentSkipListMap<>(Comparator.naturalOrder());

    private final RestConfig config;
    private final String version;
    private final Bus bus;
    private final ScheduledExecutorService rebuilder;
    private ScheduledFuture<?> pendingRebuild;
    private EndpointServer server;
    /** Requests pass while the endpoint is built; a rebuild first waits for those inside. */
    private final RequestGate gate = new RequestGate();

    private final ResponseCache cache = new ResponseCache();
    /** The OpenAPI document changes only when the endpoint is rebuilt: its revision is the build count. */
    private final java.util.concurrent.atomic.AtomicLong builds = new java.util.concurrent.atomic.AtomicLong();

    /** The API servlet's whiteboard registration, made again if the HTTP runtime missed it. */
    private final ServletWatch servlet;

    /** Optional: without identity, the public API still answers and everything else gets 401/503. */
    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    private volatile Authenticator authenticator;

    private boolean active = true;

    /** While the platform starts, an address no resource answers yet gets 503, not 404. */
    private final BootState boot;

    @Activate
    public PlatformEndpoint(RestConfig config, BundleContext context) {
        this.config = config;
        this.version = context.getBundle().getVersion().toString();
        this.boot = new BootState(context);
        // our own bus, not the JVM-wide default: it lives and dies with this component
        this.bus = new ExtensionManagerBus();
        // Without a class loader of its own, CXF's servlet looks one up through the bundle's
        // resources on every request: measured as a third of the CPU of a catalogue read.
        bus.setExtension(PlatformEndpoint.class.getClassLoader(), ClassLoader.class);
        this.rebuilder = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "amtsgang-rest-rebuild");
            thread.setDaemon(true);
            return thread;
        });
        cache.addRevision(new ContentRevision() {
            @Override
            public String area() {
                return OpenApiResource.AREA;
            }

            @Override
            public long revision() {
                return builds.get();
            }
        });
        this.servlet = new ServletWatch(
                context, new ApiServlet(bus, cache, gate), servletProperties(config), rebuilder, SERVED_WITHIN, 5);
        servlet.register();
        scheduleRebuild();
    }

    private static java.util.Dictionary<String, Object> servletProperties(RestConfig config) {
        java.util.Hashtable<String, Object> properties = new java.util.Hashtable<>();
        properties.put("osgi.http.whiteboard.servlet.pattern", config.path().replaceAll("/+$", "") + "/*");
        properties.put("osgi.http.whiteboard.servlet.name", "amtsgang-api");
        // every path under /api belongs to the platform, /api/v1/services too: no CXF service list
        properties.put("servlet.init.hide-service-list-page", "true");
        return properties;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRevision(ContentRevision revision) {
        cache.addRevision(revision);
    }

    void removeRevision(ContentRevision revision) {
        cache.removeRevision(revision);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addResource(RestResource resource, Map<String, Object> properties) {
        resources.put((Long) properties.get(Constants.SERVICE_ID), resource);
        scheduleRebuild();
    }

    void removeResource(RestResource resource, Map<String, Object> properties) {
        resources.remove((Long) properties.get(Constants.SERVICE_ID));
        scheduleRebuild();
    }

    @Deactivate
    void deactivate() {
        // first, outside the lock: a rebuild waiting for requests to finish is interrupted
        rebuilder.shutdownNow();
        synchronized (this) {
            active = false;
            servlet.close();
            closeServer();
            bus.shutdown(true);
        }
    }

    private synchronized void scheduleRebuild() {
        // the constructor runs before DS binds the dynamic references, which then schedule again
        if (!active || rebuilder == null) {
            return;
        }
        if (pendingRebuild != null) {
            pendingRebuild.cancel(false);
        }
        pendingRebuild = rebuilder.schedule(this::rebuild, config.rebuildDelayMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs on the one rebuilder thread only. */
    private void rebuild() {
        // the wait for requests happens outside the lock: DS binding a resource meanwhile must not block
        try {
            if (!gate.close(DRAIN)) {
                logger.warn(
                        "Rebuilding the platform API while {} requests still run (waited {} s)",
                        gate.inside(),
                        DRAIN.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // deactivating
        }
        build();
    }

    private synchronized void build() {
        if (!active) {
            return;
        }
        List<Object> current = List.copyOf(resources.values());
        closeServer();
        try {
            server = new EndpointServer(
                    bus, config.address(), config.maxBodyBytes(), current, version, () -> authenticator, boot);
            cache.routes(CacheRoutes.of(classesWithOpenApi(current)));
            builds.incrementAndGet();
            gate.open();
            logger.info(
                    "Platform API serves {} resources: {}",
                    current.size(),
                    current.stream().map(r -> r.getClass().getSimpleName()).toList());
        } catch (RuntimeException e) {
            logger.error("Could not build the platform API endpoint", e);
        }
    }

    private static List<Class<?>> classesWithOpenApi(List<Object> resources) {
        List<Class<?>> classes = new java.util.ArrayList<>(
                resources.stream().<Class<?>>map(Object::getClass).toList());
        classes.add(OpenApiResource.class);
        return classes;
    }

    private void closeServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
