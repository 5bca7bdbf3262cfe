package org.amtsgang.rest.core.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import org.amtsgang.rest.api.SharedCache;

/**
 * Which request paths may be answered from the shared cache, and for which area: the GET methods
 * of public resources marked {@link SharedCache}, their JAX-RS path templates as patterns.
 */
final class CacheRoutes {

    static final CacheRoutes NONE = new CacheRoutes(List.of());

    private record Route(Pattern path, String area) {}

    private final List<Route> routes;

    private CacheRoutes(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    static CacheRoutes of(Collection<Class<?>> resources) {
        List<Route> routes = new ArrayList<>();
        for (Class<?> resource : resources) {
            for (Method method : resource.getMethods()) {
                SharedCache cache = method.isAnnotationPresent(SharedCache.class)
                        ? method.getAnnotation(SharedCache.class)
                        : resource.getAnnotation(SharedCache.class);
                // only what anyone may read can be shared between callers
                if (cache == null
                        || !method.isAnnotationPresent(GET.class)
                        || !AccessRules.of(method).open()) {
                    continue;
                }
                String template =
                        "/" + join(raw(resource.getAnnotation(Path.class)), raw(method.getAnnotation(Path.class)));
                routes.add(new Route(Pattern.compile(regex(template)), cache.value()));
            }
        }
        return new CacheRoutes(routes);
    }

    /** The area whose revision governs this path (relative to the API servlet), or null. */
    String areaOf(String path) {
        for (Route route : routes) {
            if (route.path().matcher(path).matches()) {
                return route.area();
            }
        }
        return null;
    }

    boolean isEmpty() {
        return routes.isEmpty();
    }

    /** A path template as a pattern: {@code {id}} matches one segment, {@code {id: regex}} its regex. */
    static String regex(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher variable =
                Pattern.compile("\\{\\s*[^}:\\s]+\\s*(?::\\s*([^}]*))?}").matcher(template);
        int last = 0;
        while (variable.find()) {
            regex.append(Pattern.quote(template.substring(last, variable.start())));
            regex.append('(')
                    .append(
                            variable.group(1) == null
                                    ? "[^/]+"
                                    : variable.group(1).trim())
                    .append(')');
            last = variable.end();
        }
        regex.append(Pattern.quote(template.substring(last))).append("/?");
        return regex.toString();
    }

    private static String raw(Path path) {
        return path == null ? "" : path.value().replaceAll("^/+|/+$", "");
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "/" + b;
    }
}
