package org.amtsgang.rest.core.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.amtsgang.identity.api.Authenticator;
import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;

/**
 * One running CXF JAX-RS server: the given resources behind the platform's shared providers. Built
 * whole and destroyed whole; never changed while it runs.
 */
final class EndpointServer implements AutoCloseable {

    private final Server server;

    EndpointServer(
            Bus bus,
            String address,
            long maxBodyBytes,
            List<Object> resources,
            String version,
            Supplier<Authenticator> authenticator,
            java.util.function.BooleanSupplier starting) {
        List<Object> all = new ArrayList<>(resources);
        all.add(new OpenApiResource(
                () -> resources.stream().<Class<?>>map(Object::getClass).toList(), version));

        ObjectMapper mapper = JsonSupport.objectMapper();
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress(address);
        factory.setResourceClasses(all.stream().<Class<?>>map(Object::getClass).toList());
        for (Object resource : all) {
            factory.setResourceProvider(resource.getClass(), new SingletonResourceProvider(resource, true));
        }
        AccessFeature access = new AccessFeature(authenticator);
        factory.setProviders(List.of(
                JsonSupport.provider(mapper),
                new ProblemMapper(starting),
                new BodyLimitFilter(maxBodyBytes),
                new AuthenticationFilter(authenticator),
                access,
                access.filter(),
                new SecurityHeadersFilter()));
        this.server = withClassLoader(EndpointServer.class.getClassLoader(), factory::create);
    }

    @Override
    public void close() {
        server.destroy();
    }

    // CXF looks some of its parts up through the context class loader; ours sees them all.
    private static <T> T withClassLoader(ClassLoader loader, java.util.function.Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
