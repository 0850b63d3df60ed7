package io.certfleet.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The inventory API's OpenAPI document ({@code openapi.yaml} beside this class), read once: the routes (path
 * templates and methods) and each operation's parameters with their schemas. The handler routes and checks every
 * request by it, so the document and the API cannot drift apart.
 */
public final class ApiSpec {

    /** Where the document is, in the jar and in the repository. */
    public static final String RESOURCE = "openapi.yaml";

    /** One parameter: where it goes and what it accepts (the subset of JSON Schema the document uses). */
    public record Parameter(String name, String in, boolean required, String type, List<String> values,
                            Long minimum, Long maximum, Integer minLength, Integer maxLength, Pattern pattern,
                            Object defaultValue) {
    }

    /** One operation: its id and parameters by name. */
    public record Operation(String id, String method, String pathTemplate, Map<String, Parameter> parameters) {
    }

    /** A path matched to a template: the operations there by method, and the path parameters decoded. */
    public record Route(Map<String, Operation> methods, Map<String, String> pathParameters) {
    }

    private final Map<String, Map<String, Operation>> byPath; // path template -> method -> operation

    private ApiSpec(Map<String, Map<String, Operation>> byPath) {
        this.byPath = byPath;
    }

    /** The document shipped with certfleet. */
    public static ApiSpec load() {
        try (InputStream in = ApiSpec.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from certfleet's jar");
            }
            return parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static ApiSpec parse(Object document) {
        Map<String, Object> root = (Map<String, Object>) document;
        Map<String, Object> components = (Map<String, Object>) root.getOrDefault("components", Map.of());
        Map<String, Object> sharedParameters = (Map<String, Object>) components.getOrDefault("parameters", Map.of());
        Map<String, Object> schemas = (Map<String, Object>) components.getOrDefault("schemas", Map.of());
        Map<String, Map<String, Operation>> byPath = new LinkedHashMap<>();
        ((Map<String, Object>) root.get("paths")).forEach((path, item) -> {
            Map<String, Operation> methods = new LinkedHashMap<>();
            ((Map<String, Object>) item).forEach((method, value) -> {
                Map<String, Object> operation = (Map<String, Object>) value;
                Map<String, Parameter> parameters = new LinkedHashMap<>();
                for (Object entry : (List<Object>) operation.getOrDefault("parameters", List.of())) {
                    Map<String, Object> parameter = (Map<String, Object>) entry;
                    if (parameter.containsKey("$ref")) {
                        String ref = (String) parameter.get("$ref");
                        parameter = (Map<String, Object>) sharedParameters.get(ref.substring(ref.lastIndexOf('/') + 1));
                    }
                    Parameter parsed = parameter(parameter, schemas);
                    parameters.put(parsed.name(), parsed);
                }
                String upper = method.toUpperCase(Locale.ROOT);
                methods.put(upper, new Operation((String) operation.get("operationId"), upper, path, parameters));
            });
            byPath.put(path, methods);
        });
        return new ApiSpec(byPath);
    }

    @SuppressWarnings("unchecked")
    private static Parameter parameter(Map<String, Object> parameter, Map<String, Object> schemas) {
        Map<String, Object> schema = (Map<String, Object>) parameter.getOrDefault("schema", Map.of());
        if (schema.get("$ref") instanceof String ref) {
            schema = (Map<String, Object>) schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return new Parameter((String) parameter.get("name"), (String) parameter.get("in"),
                Boolean.TRUE.equals(parameter.get("required")), (String) schema.getOrDefault("type", "string"),
                schema.containsKey("enum") ? ((List<Object>) schema.get("enum")).stream().map(String::valueOf)
                        .toList() : List.of(),
                number(schema.get("minimum")), number(schema.get("maximum")),
                schema.containsKey("minLength") ? ((Number) schema.get("minLength")).intValue() : null,
                schema.containsKey("maxLength") ? ((Number) schema.get("maxLength")).intValue() : null,
                schema.containsKey("pattern") ? Pattern.compile((String) schema.get("pattern")) : null,
                schema.get("default"));
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    /** The route of a raw (still URL-encoded) path; empty when no path template matches. */
    public Optional<Route> route(String rawPath) {
        String[] all = rawPath.split("/", -1);
        for (Map.Entry<String, Map<String, Operation>> candidate : byPath.entrySet()) {
            String[] template = candidate.getKey().split("/", -1);
            String[] segments = all;
            boolean lastIsParameter = template[template.length - 1].startsWith("{");
            if (lastIsParameter && all.length > template.length) {
                // A last path parameter keeps its slashes: an id holds an ARN ("certificate/..."), and API Gateway
                // may hand over %2F decoded.
                segments = java.util.Arrays.copyOf(all, template.length);
                segments[template.length - 1] = String.join("/", java.util.Arrays.copyOfRange(all,
                        template.length - 1, all.length));
            }
            if (template.length != segments.length) {
                continue;
            }
            Map<String, String> found = new LinkedHashMap<>();
            boolean matches = true;
            for (int i = 0; i < template.length && matches; i++) {
                if (template[i].startsWith("{") && template[i].endsWith("}")) {
                    String value = URLDecoder.decode(segments[i], StandardCharsets.UTF_8);
                    matches = !value.isEmpty();
                    found.put(template[i].substring(1, template[i].length() - 1), value);
                } else {
                    matches = template[i].equals(segments[i]);
                }
            }
            if (matches) {
                return Optional.of(new Route(candidate.getValue(), found));
            }
        }
        return Optional.empty();
    }

    /** Every operation, for tests and documentation. */
    public List<Operation> operations() {
        List<Operation> all = new ArrayList<>();
        byPath.values().forEach(methods -> all.addAll(methods.values()));
        return all;
    }
}
