package org.amtsgang.rest.core.internal;

import java.time.Duration;
import java.util.Dictionary;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.servlet.Servlet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.http.runtime.HttpServiceRuntime;
import org.osgi.service.http.runtime.dto.RuntimeDTO;
import org.osgi.service.http.runtime.dto.ServletContextDTO;
import org.osgi.service.http.runtime.dto.ServletDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whiteboard servlet whose registration is watched until the HTTP runtime serves it. Pax Web 8
 * can miss a servlet registered while its default context is being set up at boot: seen once after
 * a kill -9 restart, logged as "No matching target context(s) for Whiteboard element ...
 * amtsgang-api", after which every request under /api got Jetty's own 404 for as long as the
 * platform ran. If the runtime does not list the servlet in one of its contexts some time after
 * the registration, the registration is withdrawn and made again.
 */
final class ServletWatch {

    private final Logger logger = LoggerFactory.getLogger(ServletWatch.class);
    private final BundleContext context;
    private final Servlet servlet;
    private final Dictionary<String, Object> properties;
    private final String name;
    private final ScheduledExecutorService timer;
    private final Duration patience;
    private final int maxRegistrations;

    private ServiceRegistration<Servlet> registration;
    private int registrations;
    private boolean closed;

    /**
     * @param properties the whiteboard properties, with {@code osgi.http.whiteboard.servlet.name}
     * @param patience how long after a registration the runtime must serve the servlet
     * @param maxRegistrations registrations at most (the first included); then an error is logged
     */
    ServletWatch(
            BundleContext context,
            Servlet servlet,
            Dictionary<String, Object> properties,
            ScheduledExecutorService timer,
            Duration patience,
            int maxRegistrations) {
        this.context = context;
        this.servlet = servlet;
        this.properties = properties;
        this.name = String.valueOf(properties.get("osgi.http.whiteboard.servlet.name"));
        this.timer = timer;
        this.patience = patience;
        this.maxRegistrations = maxRegistrations;
    }

    synchronized void register() {
        registration = context.registerService(Servlet.class, servlet, properties);
        registrations++;
        timer.schedule(this::check, patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void check() {
        if (closed) {
            return;
        }
        if (served()) {
            logger.debug("The HTTP runtime serves servlet {}", name);
            return;
        }
        if (registrations >= maxRegistrations) {
            logger.error(
                    "The HTTP runtime does not serve servlet {} after {} registrations; restart the platform",
                    name,
                    registrations);
            return;
        }
        logger.warn(
                "The HTTP runtime does not serve servlet {} {} s after its registration; registering it again",
                name,
                patience.toSeconds());
        unregister();
        register();
    }

    /** Whether a context of the HTTP runtime lists the servlet (a runtime that cannot say counts as yes). */
    private boolean served() {
        ServiceReference<HttpServiceRuntime> reference = context.getServiceReference(HttpServiceRuntime.class);
        if (reference == null) {
            return false; // no HTTP runtime (yet): nothing serves the servlet
        }
        HttpServiceRuntime runtime = context.getService(reference);
        try {
            if (runtime == null) {
                return false;
            }
            RuntimeDTO dto = runtime.getRuntimeDTO();
            if (dto == null || dto.servletContextDTOs == null) {
                return true;
            }
            for (ServletContextDTO c : dto.servletContextDTOs) {
                if (c.servletDTOs != null) {
                    for (ServletDTO s : c.servletDTOs) {
                        if (name.equals(s.name)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (RuntimeException e) {
            logger.debug("The HTTP runtime could not describe itself", e);
            return true;
        } finally {
            context.ungetService(reference);
        }
    }

    synchronized void close() {
        closed = true;
        unregister();
    }

    private void unregister() {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // unregistered already (the bundle stops)
        }
    }
}
