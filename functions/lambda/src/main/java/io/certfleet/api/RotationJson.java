package io.certfleet.api;

import io.certfleet.core.rotation.Rotation;
import io.certfleet.core.rotation.RotationBinding;
import io.certfleet.core.rotation.RotationEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rotation as {@code certfleet rotate --json} and {@code certfleet rotation show --json} print it: id, status,
 * certificate, replacement, the waves with each binding's result and canary, the events, why it ended, how long it
 * took.
 */
public final class RotationJson {

    private RotationJson() {
    }

    /** A rotation in a list (the API's pages, a certificate's history): who, when, how it ended. */
    public static Map<String, Object> summary(Rotation rotation) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rotationId", rotation.rotationId());
        json.put("status", rotation.status().name());
        json.put("requestedBy", rotation.requestedBy());
        json.put("startedAt", rotation.startedAt().toString());
        json.put("finishedAt", rotation.finishedAt() == null ? null : rotation.finishedAt().toString());
        json.put("replacementArn", rotation.replacementArn());
        json.put("reason", rotation.reason());
        json.put("drill", rotation.drill() == null ? null : rotation.drill().fault().cliName());
        return json;
    }

    public static Map<String, Object> rotation(Rotation rotation, List<RotationBinding> bindings) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rotationId", rotation.rotationId());
        json.put("status", rotation.status().name());
        json.put("certificate", certificate(rotation.certificateArns().isEmpty() ? null
                : rotation.certificateArns().getFirst(), rotation.sha256().isEmpty() ? null : rotation.sha256()));
        json.put("replacement", rotation.replacementArn() == null && rotation.replacementSha256() == null ? null
                : certificate(rotation.replacementArn(), rotation.replacementSha256()));
        json.put("subject", rotation.subject());
        json.put("owner", rotation.owner());
        json.put("profile", rotation.profile());
        json.put("mode", rotation.mode().name().toLowerCase(java.util.Locale.ROOT));
        json.put("requestedBy", rotation.requestedBy());
        json.put("reasons", rotation.reasons());
        List<Map<String, Object>> waves = new ArrayList<>();
        for (int wave = 0; wave < rotation.waves(); wave++) {
            int current = wave;
            waves.add(Map.of("bindings", bindings.stream().filter(binding -> binding.wave() == current)
                    .map(RotationJson::binding).toList()));
        }
        json.put("waves", waves);
        json.put("events", rotation.events());
        if (rotation.drill() != null) {
            json.put("drill", RotationEvents.drill(rotation.drill()));
        }
        json.put("reason", rotation.reason());
        json.put("startedAt", rotation.startedAt().toString());
        json.put("finishedAt", rotation.finishedAt() == null ? null : rotation.finishedAt().toString());
        json.put("durationMs", Duration.between(rotation.startedAt(), rotation.finishedAt() == null
                ? rotation.updatedAt() : rotation.finishedAt()).toMillis());
        return json;
    }

    public static Map<String, Object> binding(RotationBinding binding) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", binding.target().type().name());
        json.put("resourceId", binding.target().resourceId());
        json.put("accountId", binding.target().scope().accountId());
        json.put("region", binding.target().scope().region());
        json.put("dnsName", binding.host());
        json.put("port", binding.port());
        json.put("isDefault", binding.target().isDefault());
        json.put("result", binding.result().name());
        Map<String, Object> canary = new LinkedHashMap<>();
        canary.put("ok", binding.canary().isEmpty() && binding.result() != io.certfleet.core.rotation.BindingResult
                .FAILED);
        canary.put("checks", binding.checks().size());
        canary.put("causes", binding.canary());
        json.put("canary", canary);
        json.put("detail", binding.detail());
        return json;
    }

    private static Map<String, Object> certificate(String arn, String sha256) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("arn", arn);
        json.put("sha256", sha256);
        return json;
    }
}
