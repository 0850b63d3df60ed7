package io.certfleet.core.rotation;

import io.certfleet.core.drill.DrillSpec;
import io.certfleet.core.events.CertfleetEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rotation events on certfleet's bus (schemas in {@code events/schemas/}): every one carries the rotation's id,
 * certificate, owner and status, and the replacement once there is one; each adds what it is about.
 */
public final class RotationEvents {

    public static final String REQUESTED = "RotationRequested";
    public static final String STARTED = "RotationStarted";
    public static final String APPROVAL_REQUESTED = "RotationApprovalRequested";
    public static final String WAVE_COMPLETED = "RotationWaveCompleted";
    public static final String SUCCEEDED = "RotationSucceeded";
    public static final String ROLLED_BACK = "RotationRolledBack";
    public static final String FAILED = "RotationFailed";
    public static final String ROLLBACK_REQUESTED = "RollbackRequested";
    public static final String CIRCUIT_OPENED = "CircuitOpened";
    public static final String CIRCUIT_CLOSED = "CircuitClosed";

    private RotationEvents() {
    }

    public static CertfleetEvent of(String detailType, Rotation rotation, Instant at, Map<String, Object> extra) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("rotationId", rotation.rotationId());
        detail.put("certificateArn", rotation.certificateArns().isEmpty() ? null
                : rotation.certificateArns().getFirst());
        detail.put("sha256", rotation.sha256());
        detail.put("subject", rotation.subject());
        detail.put("owner", rotation.owner());
        detail.put("environment", rotation.environment());
        detail.put("profile", rotation.profile());
        detail.put("status", rotation.status().name());
        detail.put("replacement", rotation.replacementSha256() == null ? null
                : Map.of("arn", rotation.replacementArn(), "sha256", rotation.replacementSha256()));
        detail.put("reason", rotation.reason());
        detail.put("at", at.toString());
        if (rotation.drill() != null) {
            detail.put("drill", drill(rotation.drill()));
        }
        detail.putAll(extra);
        return new CertfleetEvent(detailType, rotation.certificateArns().stream()
                .filter(arn -> arn.startsWith("arn:")).toList(), detail);
    }

    /** A drill as events and the rotation's JSON show it: the fault, the binding, what the preflight said. */
    public static Map<String, Object> drill(DrillSpec drill) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("fault", drill.fault().cliName());
        json.put("binding", drill.binding());
        json.put("preflight", drill.preflight());
        return json;
    }

    /**
     * The attributes owners filter a rotation's messages on ({@code owner}, {@code environment}, {@code severity},
     * {@code code}, {@code certificateArn}, and for a drill {@code drill}: its fault), as the alert topic's
     * subscriptions expect them.
     */
    public static Map<String, String> ownerAttributes(Rotation rotation, String severity, String code) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("owner", rotation.owner() == null ? "unowned" : rotation.owner());
        if (rotation.environment() != null) {
            attributes.put("environment", rotation.environment());
        }
        attributes.put("severity", severity);
        attributes.put("code", code);
        if (!rotation.certificateArns().isEmpty()) {
            attributes.put("certificateArn", rotation.certificateArns().getFirst());
        }
        if (rotation.drill() != null) {
            attributes.put("drill", rotation.drill().fault().cliName());
        }
        return attributes;
    }

    /** The bindings as events show them: type, resource, result, canary causes. */
    public static List<Map<String, Object>> bindings(List<RotationBinding> bindings) {
        return bindings.stream().map(binding -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("type", binding.target().type().name());
            item.put("resourceId", binding.target().resourceId());
            item.put("isDefault", binding.target().isDefault());
            item.put("wave", binding.wave() + 1);
            item.put("result", binding.result().name());
            item.put("causes", binding.canary());
            return item;
        }).toList();
    }
}
