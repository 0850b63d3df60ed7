package io.certfleet.api;

import io.certfleet.core.compliance.CertificateFilter;
import io.certfleet.core.compliance.Compliance;
import io.certfleet.core.compliance.EndpointFilter;
import io.certfleet.core.compliance.ExportSpill;
import io.certfleet.core.compliance.KpiFilter;
import io.certfleet.core.compliance.ListCertificates;
import io.certfleet.core.compliance.ListEndpoints;
import io.certfleet.core.compliance.Paged;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryEntry;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.policy.FindingHistory;
import io.certfleet.core.policy.FindingQuery;
import io.certfleet.core.probe.fleet.BindingProbe;
import io.certfleet.core.rotation.Rotation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The inventory API: routes each request by the OpenAPI document ({@link ApiSpec}), checks every parameter against
 * it (an unknown parameter, a bad number, an unknown enum value, a value out of range: 400 naming the parameter; an
 * unknown route or id: 404; another method: 405), and answers from the use cases. Nothing from the request is ever
 * evaluated: parameters become typed filter values, never expressions.
 */
public final class InventoryApi {

    /** How long an export's download URL lives. */
    static final Duration EXPORT_URL_VALIDITY = Duration.ofMinutes(15);

    /**
     * Where exports go: answered inline up to {@code inlineBytes}; beyond, to the spill (when there is none, a 413).
     */
    public record Exports(long inlineBytes, Optional<ExportSpill> spill) {
        public Exports {
            Objects.requireNonNull(spill, "spill");
        }
    }

    private final ApiSpec spec;
    private final Compliance compliance;
    private final PageCursor cursors;
    private final Exports exports;

    public InventoryApi(ApiSpec spec, Compliance compliance, PageCursor cursors, Exports exports) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.compliance = Objects.requireNonNull(compliance, "compliance");
        this.cursors = Objects.requireNonNull(cursors, "cursors");
        this.exports = Objects.requireNonNull(exports, "exports");
    }

    /** A request that cannot be answered as asked: its status, error code and the parameter at fault. */
    static final class Refusal extends RuntimeException {
        private final int status;
        private final String code;
        private final String parameter;

        Refusal(int status, String code, String message, String parameter) {
            super(message);
            this.status = status;
            this.code = code;
            this.parameter = parameter;
        }
    }

    public ApiResponse handle(ApiRequest request) {
        try {
            ApiSpec.Route route = spec.route(request.rawPath())
                    .orElseThrow(() -> new Refusal(404, "NotFound", "no route " + request.rawPath(), null));
            Map<String, ApiSpec.Operation> methods = route.methods();
            ApiSpec.Operation operation = methods.get(request.method().toUpperCase(Locale.ROOT));
            if (operation == null) {
                return withAllow(ApiResponse.error(405, "MethodNotAllowed", request.method() + " is not allowed on "
                        + request.rawPath() + " (allowed: " + String.join(", ", methods.keySet()) + ")", null),
                        methods.keySet());
            }
            Optional<String> repeated = request.repeated().stream().sorted().findFirst();
            if (repeated.isPresent()) {
                throw new Refusal(400, "BadRequest", "'" + repeated.get() + "' is given more than once",
                        repeated.get());
            }
            Map<String, Object> parameters = parameters(operation, route.pathParameters(), request.query());
            return switch (operation.id()) {
                case "listCertificates" -> listCertificates(parameters);
                case "getCertificate" -> getCertificate((String) parameters.get("id"));
                case "listEndpoints" -> listEndpoints(parameters);
                case "listFindings" -> listFindings(parameters);
                case "listRotations" -> listRotations(parameters);
                case "getRotation" -> getRotation((String) parameters.get("id"));
                case "exportCertificates" -> export(parameters);
                case "getMetrics" -> ApiResponse.json(200, KpiJson.kpis(compliance.kpis().compute(new KpiFilter(
                        text(parameters, "owner"), text(parameters, "environment"), text(parameters, "account")))));
                default -> throw new IllegalStateException("the document names an operation the handler does not "
                        + "have: " + operation.id());
            };
        } catch (Refusal refusal) {
            return ApiResponse.error(refusal.status, refusal.code, refusal.getMessage(), refusal.parameter);
        } catch (PageCursor.InvalidCursorException invalid) {
            return ApiResponse.error(400, "BadRequest", invalid.getMessage(), "cursor");
        }
    }

    private static ApiResponse withAllow(ApiResponse response, java.util.Set<String> methods) {
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put("Allow", String.join(", ", methods));
        return new ApiResponse(response.status(), headers, response.body());
    }

    /** Each parameter checked against its schema and typed; defaults filled in; unknown ones refused. */
    private static Map<String, Object> parameters(ApiSpec.Operation operation, Map<String, String> path,
                                                  Map<String, String> query) {
        for (String name : new TreeMap<>(query).keySet()) {
            ApiSpec.Parameter known = operation.parameters().get(name);
            if (known == null || !known.in().equals("query")) {
                throw new Refusal(400, "BadRequest", "unknown parameter '" + name + "' (known: " + operation
                        .parameters().values().stream().filter(p -> p.in().equals("query"))
                        .map(ApiSpec.Parameter::name).collect(Collectors.joining(", ")) + ")", name);
            }
        }
        Map<String, Object> typed = new LinkedHashMap<>();
        for (ApiSpec.Parameter parameter : operation.parameters().values()) {
            String raw = parameter.in().equals("path") ? path.get(parameter.name()) : query.get(parameter.name());
            if (raw == null) {
                if (parameter.required()) {
                    throw new Refusal(400, "BadRequest", "'" + parameter.name() + "' is required", parameter.name());
                }
                if (parameter.defaultValue() != null) {
                    typed.put(parameter.name(), parameter.defaultValue() instanceof Number number ? number.longValue()
                            : parameter.defaultValue());
                }
                continue;
            }
            typed.put(parameter.name(), value(parameter, raw));
        }
        return typed;
    }

    private static Object value(ApiSpec.Parameter parameter, String raw) {
        String name = parameter.name();
        if (parameter.type().equals("integer")) {
            long number;
            try {
                number = Long.parseLong(raw.strip());
            } catch (NumberFormatException e) {
                throw new Refusal(400, "BadRequest", "'" + name + "' is a whole number, not '" + shown(raw) + "'",
                        name);
            }
            if (parameter.minimum() != null && number < parameter.minimum()
                    || parameter.maximum() != null && number > parameter.maximum()) {
                throw new Refusal(400, "BadRequest", "'" + name + "' is from " + parameter.minimum() + " to "
                        + parameter.maximum() + ", not " + number, name);
            }
            return number;
        }
        if (parameter.type().equals("boolean")) {
            return switch (raw) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new Refusal(400, "BadRequest", "'" + name + "' is true or false, not '"
                        + shown(raw) + "'", name);
            };
        }
        if (!parameter.values().isEmpty() && !parameter.values().contains(raw)) {
            throw new Refusal(400, "BadRequest", "'" + name + "' is one of " + String.join(", ", parameter.values())
                    + ", not '" + shown(raw) + "'", name);
        }
        if (parameter.minLength() != null && raw.length() < parameter.minLength()
                || parameter.maxLength() != null && raw.length() > parameter.maxLength()) {
            throw new Refusal(400, "BadRequest", "'" + name + "' has " + parameter.minLength() + " to "
                    + parameter.maxLength() + " characters", name);
        }
        if (parameter.pattern() != null && !parameter.pattern().matcher(raw).find()) {
            throw new Refusal(400, "BadRequest", "'" + name + "' must match " + parameter.pattern().pattern()
                    + ", not '" + shown(raw) + "'", name);
        }
        return raw;
    }

    /** A caller's value in an error message: cut short, never evaluated. */
    private static String shown(String raw) {
        return raw.length() > 64 ? raw.substring(0, 64) + "..." : raw;
    }

    private static CertificateFilter certificateFilter(Map<String, Object> parameters) {
        return new CertificateFilter(text(parameters, "owner"), text(parameters, "environment"),
                text(parameters, "account"), text(parameters, "region"), text(parameters, "status"),
                Optional.ofNullable((Long) parameters.get("expiringWithinDays")),
                text(parameters, "code").map(FindingCode::valueOf),
                text(parameters, "severity").map(label -> Severity.valueOf(label.toUpperCase(Locale.ROOT))));
    }

    /**
     * The whole selection as CSV or JSON, streamed: rows go to memory while they fit in one response, then to the
     * spill part by part (answered 303 with a short-lived URL), so memory holds one part whatever the size.
     */
    private ApiResponse export(Map<String, Object> parameters) {
        ExportFormat format = ExportFormat.of((String) parameters.get("format"));
        String name = "certfleet-certificates." + format.extension;
        SpillingOutput output = new SpillingOutput(exports.inlineBytes(), exports.spill(), name, format.contentType);
        long rows;
        try {
            ExportFormat.Writer writer = format.writer(output);
            writer.begin();
            rows = compliance.export().export(certificateFilter(parameters), exported -> writer.write(
                    ExportFormat.row(exported)));
            writer.end();
        } catch (SpillingOutput.TooLargeException tooLarge) {
            return ApiResponse.error(413, "PayloadTooLarge", tooLarge.getMessage(), null);
        } catch (RuntimeException failure) {
            output.abort();
            throw failure;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Certfleet-Rows", Long.toString(rows));
        if (!output.spilled()) {
            headers.put("Content-Type", format.contentType);
            headers.put("Content-Disposition", "attachment; filename=\"" + name + "\"");
            return new ApiResponse(200, headers, new String(output.inline(), StandardCharsets.UTF_8));
        }
        java.net.URI location = output.finish(EXPORT_URL_VALIDITY);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("location", location.toString());
        body.put("rows", rows);
        body.put("bytes", output.bytes());
        body.put("expiresInSeconds", EXPORT_URL_VALIDITY.toSeconds());
        headers.put("Location", location.toString());
        headers.put("Content-Type", "application/json");
        return new ApiResponse(303, headers, Json.compact(body));
    }

    private ApiResponse listCertificates(Map<String, Object> parameters) {
        CertificateFilter filter = certificateFilter(parameters);
        Page page = page(parameters);
        Paged<InventoryEntry> found = compliance.certificates().page(filter, page.after(), page.limit());
        Map<BindingRecord.Key, BindingProbe> latest = latestProbes(found.items()); // one read for the page
        return page.answer(found, entry -> InventoryJson.entry(entry, latest));
    }

    private ApiResponse getCertificate(String id) {
        ListCertificates.Listed listed = compliance.certificates().find(id).orElseThrow(() -> new Refusal(404,
                "NotFound", "no certificate " + id + " in the inventory", "id"));
        Map<String, Object> body = new LinkedHashMap<>(InventoryJson.entry(listed.entry(),
                latestProbes(List.of(listed.entry()))));
        body.put("findings", listed.findings().stream().map(InventoryApi::finding).toList());
        body.put("rotations", compliance.rotations().of(listed.entry().record().location().arn()).stream()
                .map(RotationJson::summary).toList());
        return ApiResponse.json(200, body);
    }

    private ApiResponse listEndpoints(Map<String, Object> parameters) {
        EndpointFilter filter = new EndpointFilter(text(parameters, "owner"), text(parameters, "account"),
                text(parameters, "region"), text(parameters, "type").map(BindingType::valueOf),
                Optional.ofNullable((Boolean) parameters.get("ok")));
        Page page = page(parameters);
        return page.answer(compliance.endpoints().page(filter, page.after(), page.limit()), InventoryApi::endpoint);
    }

    private ApiResponse listFindings(Map<String, Object> parameters) {
        FindingQuery query = new FindingQuery(text(parameters, "owner"), text(parameters, "account"),
                text(parameters, "code"), text(parameters, "severity").map(label -> Severity.valueOf(label.toUpperCase(Locale.ROOT))),
                FindingQuery.State.valueOf(((String) parameters.get("state")).toUpperCase(Locale.ROOT)));
        Page page = page(parameters);
        return page.answer(compliance.findings().page(query, page.after(), page.limit()), PolicyJson::history);
    }

    private ApiResponse listRotations(Map<String, Object> parameters) {
        Page page = page(parameters);
        return page.answer(compliance.rotations().page(text(parameters, "status"), text(parameters, "owner"),
                page.after(), page.limit()), rotation -> {
                    Map<String, Object> json = RotationJson.summary(rotation);
                    json.put("certificateArns", rotation.certificateArns());
                    json.put("subject", rotation.subject());
                    json.put("owner", rotation.owner());
                    json.put("profile", rotation.profile());
                    return json;
                });
    }

    private ApiResponse getRotation(String id) {
        Rotation rotation = compliance.rotationStore().find(id).orElseThrow(() -> new Refusal(404, "NotFound",
                "no rotation " + id, "id"));
        return ApiResponse.json(200, RotationJson.rotation(rotation, compliance.rotationStore().bindings(id)));
    }

    /** A page's size and position (from its signed cursor), and how to answer it. */
    private record Page(int limit, String after, String query, PageCursor cursors) {
        <T> ApiResponse answer(Paged<T> found, Function<T, Map<String, Object>> json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", found.items().stream().map(json).toList());
            body.put("nextCursor", found.continueAfter().map(position -> cursors.encode(position, query)).orElse(null));
            return ApiResponse.json(200, body);
        }
    }

    private Page page(Map<String, Object> parameters) {
        String query = canonical(parameters);
        return new Page(((Long) parameters.get("limit")).intValue(), text(parameters, "cursor")
                .map(cursor -> cursors.decode(cursor, query)).orElse(null), query, cursors);
    }

    private static Map<String, Object> endpoint(ListEndpoints.Endpoint endpoint) {
        Map<String, Object> json = InventoryJson.binding(endpoint.binding(), endpoint.probe());
        InventoryRecord record = endpoint.certificate();
        Map<String, Object> certificate = new LinkedHashMap<>();
        certificate.put("id", ListCertificates.idOf(record));
        certificate.put("arn", record.location().arn());
        certificate.put("sha256", record.isReadable() ? record.facts().sha256() : null);
        certificate.put("subject", record.isReadable() ? record.facts().subject() : null);
        certificate.put("owner", record.ownership().owner());
        certificate.put("environment", record.ownership().environment());
        certificate.put("notAfter", record.isReadable() ? record.facts().notAfter().toString() : null);
        certificate.put("daysToExpiry", endpoint.daysToExpiry());
        json.put("certificate", certificate);
        return json;
    }

    private Map<BindingRecord.Key, BindingProbe> latestProbes(List<InventoryEntry> entries) {
        return compliance.probes().latestOfBindings(entries.stream().flatMap(entry -> entry.bindings().stream())
                .map(BindingRecord::key).toList());
    }

    private static Map<String, Object> finding(FindingHistory history) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", history.finding().code().name());
        json.put("severity", history.finding().severity().label());
        json.put("side", history.finding().side().name());
        json.put("detail", history.finding().detail());
        json.put("profile", history.finding().profile());
        json.put("firstSeen", history.firstSeen().toString());
        json.put("lastSeen", history.lastSeen().toString());
        json.put("resolvedAt", history.resolvedAt().map(Object::toString).orElse(null));
        json.put("open", history.open());
        return json;
    }


    private static Optional<String> text(Map<String, Object> parameters, String name) {
        return Optional.ofNullable((String) parameters.get(name));
    }

    /** The filters (not the page size or position), in a fixed order: what a cursor is bound to. */
    private static String canonical(Map<String, Object> parameters) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(parameters).forEach((name, value) -> {
            if (!name.equals("cursor") && !name.equals("limit")) {
                parts.add(name + "=" + value);
            }
        });
        return String.join("&", parts);
    }
}
