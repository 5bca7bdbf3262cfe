package org.amtsgang.rest.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import javax.servlet.GenericServlet;
import javax.servlet.Servlet;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import org.junit.After;
import org.junit.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.http.runtime.HttpServiceRuntime;
import org.osgi.service.http.runtime.dto.RuntimeDTO;
import org.osgi.service.http.runtime.dto.ServletContextDTO;
import org.osgi.service.http.runtime.dto.ServletDTO;

/** The watch against a framework and an HTTP runtime written for the test. */
public class ServletWatchTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    /** Registrations of the servlet, and whether each is still registered. */
    private final List<boolean[]> registrations = new ArrayList<>();
    /** From which registration (1-based) on the runtime serves the servlet; 0: never. */
    private final AtomicInteger servedFrom = new AtomicInteger(1);

    private final Servlet servlet = new GenericServlet() {
        @Override
        public void service(ServletRequest request, ServletResponse response) {}
    };

    @After
    public void stop() {
        timer.shutdownNow();
    }

    @Test
    public void aServletTheRuntimeServesIsRegisteredOnce() throws InterruptedException {
        ServletWatch watch = watch(5);
        watch.register();
        Thread.sleep(400);
        assertThat(registrations).hasSize(1);
        assertThat(registrations.get(0)[0]).isTrue();
        watch.close();
        assertThat(registrations.get(0)[0]).as("unregistered when closed").isFalse();
    }

    @Test
    public void aServletTheRuntimeMissedIsRegisteredAgain() throws InterruptedException {
        servedFrom.set(2);
        ServletWatch watch = watch(5);
        watch.register();
        Thread.sleep(500);
        assertThat(registrations).hasSize(2);
        assertThat(registrations.get(0)[0]).as("the first withdrawn").isFalse();
        assertThat(registrations.get(1)[0]).isTrue();
        watch.close();
    }

    @Test
    public void theWatchGivesUpAfterItsLimitAndStopsWhenClosed() throws InterruptedException {
        servedFrom.set(0);
        ServletWatch watch = watch(3);
        watch.register();
        Thread.sleep(600);
        assertThat(registrations).hasSize(3);
        assertThat(registrations.stream().filter(r -> r[0]).count()).isEqualTo(1);

        servedFrom.set(0);
        registrations.clear();
        ServletWatch closed = watch(5);
        closed.register();
        closed.close();
        Thread.sleep(300);
        assertThat(registrations).hasSize(1);
        watch.close();
    }

    private ServletWatch watch(int max) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.http.whiteboard.servlet.name", "amtsgang-api");
        return new ServletWatch(context(), servlet, properties, timer, Duration.ofMillis(100), max);
    }

    private BundleContext context() {
        ServiceReference<?> runtimeReference = proxy(ServiceReference.class, (name, args) -> null);
        HttpServiceRuntime runtime = proxy(HttpServiceRuntime.class, (name, args) -> {
            if (!name.equals("getRuntimeDTO")) {
                return null;
            }
            RuntimeDTO dto = new RuntimeDTO();
            ServletContextDTO context = new ServletContextDTO();
            int from = servedFrom.get();
            if (from > 0 && registrations.size() >= from && registrations.get(registrations.size() - 1)[0]) {
                ServletDTO served = new ServletDTO();
                served.name = "amtsgang-api";
                context.servletDTOs = new ServletDTO[] {served};
            } else {
                context.servletDTOs = new ServletDTO[0];
            }
            dto.servletContextDTOs = new ServletContextDTO[] {context};
            return dto;
        });
        return proxy(BundleContext.class, (name, args) -> switch (name) {
            case "registerService" -> {
                boolean[] live = {true};
                registrations.add(live);
                yield proxy(ServiceRegistration.class, (n, a) -> {
                    if (n.equals("unregister")) {
                        if (!live[0]) {
                            throw new IllegalStateException("unregistered already");
                        }
                        live[0] = false;
                    }
                    return null;
                });
            }
            case "getServiceReference" -> runtimeReference;
            case "getService" -> runtime;
            case "ungetService" -> true;
            default -> null;
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(
                ServletWatchTest.class.getClassLoader(),
                new Class<?>[] {type},
                (self, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    case "toString" -> type.getSimpleName();
                    default -> answer.answer(method.getName(), args);
                });
    }
}
