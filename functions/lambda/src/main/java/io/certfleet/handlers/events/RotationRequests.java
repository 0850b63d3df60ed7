package io.certfleet.handlers.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.certfleet.core.drill.DrillFault;
import io.certfleet.core.drill.DrillSpec;
import io.certfleet.core.policy.rotation.IssuerChoice;
import io.certfleet.core.policy.rotation.WaveSize;
import io.certfleet.core.rotation.ApproveRotation;
import io.certfleet.core.rotation.FinishRotation;
import io.certfleet.core.rotation.Rotation;
import io.certfleet.core.rotation.RotationBinding;
import io.certfleet.core.rotation.RotationRequest;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The inputs and outputs of the rotation workflow's steps: a rotation request (the workflow's input: from
 * {@code certfleet rotate}, a {@code RotationRequested} event or the policy), and the small
 * {@code {"rotationId", "index"}} items the steps pass on. Each bad input gets a specific reason.
 */
public final class RotationRequests {

    private static final Pattern ROTATION_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    private static final int MAX_CANARY_CHECKS = 100;

    private RotationRequests() {
    }

    /**
     * A request to rotate, whether only the plan is wanted, and whether the run ends rather than waits for a change
     * window (a local run).
     */
    public record Start(RotationRequest request, boolean dryRun, boolean detach, long approvalPollSeconds) {
    }

    /** How often a waiting rotation asks whether it was approved (the deployed workflow's Wait). */
    public static final long APPROVAL_POLL_SECONDS = 300;

    /** A workflow input, or a {@code RotationRequested} event (its detail is the same request). */
    public static Start readStart(InputStream input) {
        JsonNode node = EventJson.readObject(input);
        if (node.has("detail-type") || node.has("detail")) {
            JsonNode type = node.path("detail-type");
            if (!type.isTextual() || !type.asText().equals("RotationRequested")) {
                throw new InvalidEventException("expected a RotationRequested event ('detail-type'), got "
                        + (type.isMissingNode() ? "none" : type.toString()));
            }
            return inDetail(() -> startOf(detail(node)));
        }
        return startOf(node);
    }

    /** The {@code detail} object of an EventBridge event, or a refusal naming it. */
    private static JsonNode detail(JsonNode event) {
        JsonNode detail = event.path("detail");
        if (!detail.isObject()) {
            throw new InvalidEventException("event field 'detail' must be an object, got "
                    + (detail.isMissingNode() ? "none" : detail.getNodeType().toString()));
        }
        return detail;
    }

    /** Reads fields of an event's detail: a refusal says they are the detail's. */
    private static <T> T inDetail(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidEventException e) {
            throw new InvalidEventException("event field 'detail': " + e.getMessage());
        }
    }

    private static Start startOf(JsonNode node) {
        boolean resume = node.path("resume").asBoolean(false);
        if (resume && optional(node, "rotationId") == null) {
            throw new InvalidEventException("'resume' needs the 'rotationId' to resume");
        }
        String certificate = resume && optional(node, "certificate") == null ? "" : text(node, "certificate");
        String requestedBy = text(node, "requestedBy");
        String to = optional(node, "to");
        IssuerChoice issuer = null;
        if (optional(node, "issuer") != null) {
            try {
                issuer = IssuerChoice.parse(optional(node, "issuer"));
            } catch (IllegalArgumentException e) {
                throw new InvalidEventException("'issuer': " + e.getMessage());
            }
        }
        List<WaveSize> waves = null;
        if (node.hasNonNull("waves")) {
            try {
                waves = WaveSize.parse(texts(node, "waves"));
            } catch (IllegalArgumentException e) {
                throw new InvalidEventException("'waves': " + e.getMessage());
            }
        }
        Duration bake = node.hasNonNull("bakeSeconds") ? Duration.ofSeconds(number(node, "bakeSeconds", 0, 86_400))
                : null;
        Integer checks = node.hasNonNull("canaryChecks") ? (int) number(node, "canaryChecks", 1, MAX_CANARY_CHECKS)
                : null;
        String reason = optional(node, "reason");
        String rotationId = optional(node, "rotationId");
        if (rotationId != null && !ROTATION_ID.matcher(rotationId).matches()) {
            throw new InvalidEventException("'rotationId' must be 1-100 of A-Z a-z 0-9 _ . : -, got '" + rotationId
                    + "'");
        }
        boolean dryRun = node.path("dryRun").asBoolean(false);
        boolean detach = node.path("detach").asBoolean(false);
        long poll = node.hasNonNull("approvalPollSeconds") ? number(node, "approvalPollSeconds", 1, 86_400)
                : APPROVAL_POLL_SECONDS;
        DrillSpec drill = node.hasNonNull("drill") ? drill(node.get("drill")) : null;
        if (drill != null && to == null) {
            throw new InvalidEventException("'drill' needs 'to': the broken certificate to rotate in");
        }
        return new Start(new RotationRequest(certificate, to, issuer, waves, bake, checks, requestedBy,
                reason == null ? List.of() : List.of(reason), rotationId, drill), dryRun, detach, poll);
    }

    /** {@code {"fault": "wrong-host", "binding": "TYPE:RESOURCE_ID"}}. */
    private static DrillSpec drill(JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidEventException("'drill' must be an object {\"fault\", \"binding\"}, got "
                    + node.getNodeType());
        }
        try {
            DrillFault fault = DrillFault.parse(text(node, "fault"));
            return DrillSpec.of(fault, DrillSpec.Binding.parse(text(node, "binding")));
        } catch (InvalidEventException e) {
            throw new InvalidEventException("'drill': " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("'drill': " + e.getMessage());
        }
    }

    /** A signal to a running rotation: a rollback asked for, or an alarm naming the resources it watches. */
    public sealed interface Signal permits RollbackSignal, AlarmSignal {
    }

    public record RollbackSignal(String rotationId, String reason, String requestedBy) implements Signal {
    }

    /** {@code dimensions}: every dimension value of the alarm's metrics (load balancers, distributions). */
    public record AlarmSignal(String alarmName, boolean alarm, List<String> dimensions) implements Signal {
    }

    /** A {@code RollbackRequested} event, or CloudWatch's {@code CloudWatch Alarm State Change}. */
    public static Signal readSignal(InputStream input) {
        JsonNode event = EventJson.readObject(input);
        String type = event.path("detail-type").asText();
        if (!type.equals("RollbackRequested") && !type.equals("CloudWatch Alarm State Change")) {
            throw new InvalidEventException("expected a RollbackRequested or CloudWatch Alarm State Change event "
                    + "('detail-type'), got " + (event.has("detail-type") ? event.get("detail-type").toString()
                    : "none"));
        }
        JsonNode detail = detail(event);
        return inDetail(() -> signalOf(type, detail));
    }

    private static Signal signalOf(String type, JsonNode detail) {
        switch (type) {
            case "RollbackRequested" -> {
                String rotationId = text(detail, "rotationId");
                if (!ROTATION_ID.matcher(rotationId).matches()) {
                    throw new InvalidEventException("'rotationId' must be 1-100 of A-Z a-z 0-9 _ . : -, got '"
                            + rotationId + "'");
                }
                return new RollbackSignal(rotationId, text(detail, "reason"), text(detail, "requestedBy"));
            }
            case "CloudWatch Alarm State Change" -> {
                List<String> dimensions = new ArrayList<>();
                detail.path("configuration").path("metrics").forEach(metric -> metric.path("metricStat")
                        .path("metric").path("dimensions").fields().forEachRemaining(dimension ->
                                dimensions.add(dimension.getValue().asText())));
                return new AlarmSignal(text(detail, "alarmName"),
                        "ALARM".equals(detail.path("state").path("value").asText()), dimensions);
            }
            default -> throw new InvalidEventException("expected a RollbackRequested or CloudWatch Alarm State "
                    + "Change event, got detail-type '" + type + "'");
        }
    }

    /**
     * A step's input: the rotation, a binding's index (or a wave's) for the per-binding steps, the action, and for a
     * failure its cause (a string, or a caught error's {@code {"Error", "Cause"}}).
     */
    public record Step(String rotationId, int index, String action, String cause) {
    }

    public static Step readStep(InputStream input) {
        JsonNode node = EventJson.readObject(input);
        String rotationId = text(node, "rotationId");
        if (!ROTATION_ID.matcher(rotationId).matches()) {
            throw new InvalidEventException("'rotationId' must be 1-100 of A-Z a-z 0-9 _ . : -, got '" + rotationId
                    + "'");
        }
        int index = node.has("index") ? (int) number(node, "index", 0, 100_000) : -1;
        return new Step(rotationId, index, node.path("action").asText(""), cause(node.path("cause")));
    }

    /** A caught error as Step Functions hands it on ({@code {"Error": ..., "Cause": ...}}), or a plain string. */
    private static String cause(JsonNode cause) {
        if (cause.isTextual()) {
            return cause.asText();
        }
        if (cause.isObject()) {
            String error = cause.path("Error").asText("");
            String detail = cause.path("Cause").asText("");
            try {
                JsonNode nested = EventJson.readObject(new java.io.ByteArrayInputStream(detail.getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)));
                detail = nested.path("errorMessage").asText(detail);
            } catch (RuntimeException notJson) {
                // a plain message
            }
            return (error.isEmpty() ? "" : error + ": ") + detail;
        }
        return "a step failed";
    }

    /** The start step's output: what the workflow's choices read. */
    public static Map<String, Object> started(Rotation rotation, List<RotationBinding> bindings, Start start) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rotationId", rotation.rotationId());
        out.put("status", rotation.status().name());
        out.put("dryRun", start.dryRun());
        out.put("detach", start.detach());
        out.put("mode", rotation.mode().name());
        List<List<Integer>> waves = new ArrayList<>();
        for (int wave = 0; wave < rotation.waves(); wave++) {
            int current = wave;
            waves.add(bindings.stream().filter(binding -> binding.wave() == current).map(RotationBinding::index)
                    .toList());
        }
        out.put("waves", waves);
        out.put("ended", rotation.status().finished());
        out.put("waitForApproval", rotation.status() == io.certfleet.core.rotation.RotationStatus.WAITING_APPROVAL);
        out.put("approvalPollSeconds", start.approvalPollSeconds());
        out.put("waitForWindow", rotation.notBefore() != null);
        out.put("notBefore", rotation.notBefore() == null ? null : rotation.notBefore().toString());
        out.put("reason", rotation.reason());
        return out;
    }

    public static Map<String, Object> wave(FinishRotation.WaveResult result) {
        return Map.of("ok", result.ok(), "last", result.last(), "causes", result.causes());
    }

    /** The approval check's output: the decision, and the rotation as it stands. */
    public static Map<String, Object> approval(ApproveRotation.Decision decision, Rotation rotation) {
        Map<String, Object> out = new LinkedHashMap<>(ended(rotation));
        out.put("decision", decision.name());
        return out;
    }

    public static Map<String, Object> ended(Rotation rotation) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rotationId", rotation.rotationId());
        out.put("status", rotation.status().name());
        out.put("reason", rotation.reason());
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidEventException("'" + field + "' is required (a non-empty string)");
        }
        return value.asText().strip();
    }

    private static String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidEventException("'" + field + "' must be a string");
        }
        return value.asText().isBlank() ? null : value.asText().strip();
    }

    private static List<String> texts(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            throw new InvalidEventException("'" + field + "' must be a list, e.g. [\"1\", \"50%\", \"100%\"]");
        }
        List<String> texts = new ArrayList<>();
        value.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static long number(JsonNode node, String field, long min, long max) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new InvalidEventException("'" + field + "' must be a whole number");
        }
        long number = value.asLong();
        if (number < min || number > max) {
            throw new InvalidEventException("'" + field + "' must be " + min + "-" + max + ", got " + number);
        }
        return number;
    }
}
