package org.amtsgang.rest.core.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import org.amtsgang.rest.api.ApiOperation;

/**
 * Builds an OpenAPI 3.0 document from the JAX-RS annotations of the resources that are being
 * served right now, so that the document can never describe an endpoint that is not there.
 */
final class OpenApiDocument {

    private final Map<String, Object> schemas = new TreeMap<>();

    static Map<String, Object> of(Collection<Class<?>> resourceClasses, String version) {
        return new OpenApiDocument().build(resourceClasses, version);
    }

    private Map<String, Object> build(Collection<Class<?>> resourceClasses, String version) {
        Map<String, Object> paths = new TreeMap<>();
        for (Class<?> resource : resourceClasses) {
            String base = pathOf(resource.getAnnotation(Path.class));
            for (Method method : sorted(resource.getMethods())) {
                String httpMethod = httpMethod(method);
                if (httpMethod == null) {
                    continue;
                }
                String path = "/" + join(base, pathOf(method.getAnnotation(Path.class)));
                @SuppressWarnings("unchecked")
                Map<String, Object> item =
                        (Map<String, Object>) paths.computeIfAbsent(path, p -> new TreeMap<String, Object>());
                item.put(httpMethod.toLowerCase(Locale.ROOT), operation(resource, method));
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put(
                "info",
                Map.of(
                        "title", "Amtsgang API",
                        "version", version,
                        "description", "The city's online services. Errors are application/problem+json (RFC 9457)."));
        doc.put("servers", List.of(Map.of("url", "/api")));
        doc.put("paths", paths);
        schemas.put("Problem", problemSchema());
        doc.put(
                "components",
                Map.of(
                        "schemas",
                        schemas,
                        "securitySchemes",
                        Map.of("bearer", Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT"))));
        return doc;
    }

    private Map<String, Object> operation(Class<?> resource, Method method) {
        Map<String, Object> operation = new LinkedHashMap<>();
        ApiOperation doc = method.getAnnotation(ApiOperation.class);
        operation.put("operationId", resource.getSimpleName() + "." + method.getName());
        if (doc != null) {
            operation.put("summary", doc.summary());
        }
        // who may call it: the access matrix test reads this to cover every endpoint
        List<String> access = AccessFeature.labels(method).orElse(List.of("none"));
        operation.put("x-amtsgang-access", access);
        if (!access.contains("public")) {
            operation.put("security", List.of(Map.of("bearer", List.of())));
        }
        List<Map<String, Object>> parameters = new java.util.ArrayList<>();
        Type body = null;
        for (Parameter parameter : method.getParameters()) {
            Map<String, Object> described = parameter(parameter);
            if (described != null) {
                parameters.add(described);
            } else if (parameter.getAnnotations().length == 0) {
                body = parameter.getParameterizedType();
            }
        }
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        if (body != null) {
            operation.put(
                    "requestBody",
                    Map.of("required", true, "content", Map.of("application/json", Map.of("schema", schema(body)))));
        }
        Type returned = doc != null && doc.returns() != Void.class ? doc.returns() : method.getGenericReturnType();
        Map<String, Object> responses = new LinkedHashMap<>();
        if (returned == void.class || returned == Void.class) {
            responses.put("204", Map.of("description", "Done"));
        } else if (returned == javax.ws.rs.core.Response.class) {
            responses.put("200", Map.of("description", "OK"));
        } else {
            responses.put(
                    "200",
                    Map.of(
                            "description",
                            "OK",
                            "content",
                            Map.of("application/json", Map.of("schema", schema(returned)))));
        }
        responses.put(
                "default",
                Map.of(
                        "description",
                        "An error",
                        "content",
                        Map.of("application/problem+json", Map.of("schema", ref("Problem")))));
        operation.put("responses", responses);
        return operation;
    }

    private Map<String, Object> parameter(Parameter parameter) {
        String in;
        String name;
        if (parameter.isAnnotationPresent(PathParam.class)) {
            in = "path";
            name = parameter.getAnnotation(PathParam.class).value();
        } else if (parameter.isAnnotationPresent(QueryParam.class)) {
            in = "query";
            name = parameter.getAnnotation(QueryParam.class).value();
        } else if (parameter.isAnnotationPresent(HeaderParam.class)) {
            in = "header";
            name = parameter.getAnnotation(HeaderParam.class).value();
        } else {
            return null;
        }
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("name", name);
        described.put("in", in);
        described.put("required", "path".equals(in));
        described.put("schema", schema(parameter.getParameterizedType()));
        return described;
    }

    private Map<String, Object> schema(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return Map.of("type", "array", "items", schema(arguments[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("type", "object", "additionalProperties", schema(arguments[1]));
            }
            return schema(raw);
        }
        if (!(type instanceof Class<?> cls)) {
            return Map.of("type", "object");
        }
        if (cls == String.class || cls == java.net.URI.class) {
            return Map.of("type", "string");
        }
        if (cls == int.class || cls == Integer.class) {
            return Map.of("type", "integer", "format", "int32");
        }
        if (cls == long.class || cls == Long.class) {
            return Map.of("type", "integer", "format", "int64");
        }
        if (cls == boolean.class || cls == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (cls == double.class || cls == Double.class || cls == float.class || cls == Float.class) {
            return Map.of("type", "number");
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(cls)) {
            return Map.of("type", "string", "format", "date-time");
        }
        if (cls.isEnum()) {
            return Map.of(
                    "type",
                    "string",
                    "enum",
                    java.util.Arrays.stream(cls.getEnumConstants())
                            .map(Object::toString)
                            .toList());
        }
        if (cls.isRecord()) {
            if (!schemas.containsKey(cls.getSimpleName())) {
                schemas.put(cls.getSimpleName(), Map.of()); // placeholder against recursion
                Map<String, Object> properties = new LinkedHashMap<>();
                addProperties(cls, properties);
                schemas.put(cls.getSimpleName(), Map.of("type", "object", "properties", properties));
            }
            return ref(cls.getSimpleName());
        }
        return Map.of("type", "object");
    }

    // A component Jackson unwraps contributes its own properties, as the JSON shows them.
    private void addProperties(Class<?> record, Map<String, Object> properties) {
        for (RecordComponent component : record.getRecordComponents()) {
            if (annotated(component, "JsonUnwrapped") && component.getType().isRecord()) {
                addProperties(component.getType(), properties);
            } else {
                properties.put(component.getName(), componentSchema(component));
            }
        }
    }

    private static boolean annotated(RecordComponent component, String simpleName) {
        for (Annotation annotation : component.getAccessor().getAnnotations()) {
            if (annotation.annotationType().getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        for (Annotation annotation : component.getAnnotations()) {
            if (annotation.annotationType().getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        return false;
    }

    // A component serialized raw (a JSON document held as text) is any JSON value, not a string.
    private Map<String, Object> componentSchema(RecordComponent component) {
        return annotated(component, "JsonRawValue") ? Map.of("type", "object") : schema(component.getGenericType());
    }

    private static Map<String, Object> problemSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("type", Map.of("type", "string"));
        properties.put("title", Map.of("type", "string"));
        properties.put("status", Map.of("type", "integer"));
        properties.put("detail", Map.of("type", "string"));
        properties.put("instance", Map.of("type", "string"));
        return Map.of("type", "object", "properties", properties);
    }

    private static Map<String, Object> ref(String name) {
        return Map.of("$ref", "#/components/schemas/" + name);
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** A JAX-RS path without its regular expressions: {@code {id: [a-z]+}} becomes {@code {id}}. */
    static String pathOf(Path path) {
        if (path == null) {
            return "";
        }
        return path.value().replaceAll("\\{\\s*([^}:\\s]+)\\s*:[^}]*}", "{$1}").replaceAll("^/+|/+$", "");
    }

    private static String join(String a, String b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : a + "/" + b;
    }

    private static List<Method> sorted(Method[] methods) {
        return java.util.Arrays.stream(methods)
                .filter(m -> !m.isAnnotationPresent(Context.class))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
    }
}
