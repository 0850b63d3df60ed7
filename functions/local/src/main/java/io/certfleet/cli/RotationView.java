package io.certfleet.cli;

import io.certfleet.core.rotation.Rotation;
import io.certfleet.core.rotation.RotationBinding;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/** A rotation as people read it: what, by what, each wave's bindings with their result and canary. */
final class RotationView {

    private RotationView() {
    }

    static void print(PrintWriter out, Rotation rotation, List<RotationBinding> bindings) {
        out.printf("Rotation %s: %s%s%n", rotation.rotationId(), rotation.status(),
                rotation.reason() == null ? "" : " (" + rotation.reason() + ")");
        if (rotation.subject() != null) {
            out.printf("  certificate  %s  sha256 %s  %s%n", rotation.subject(), abbreviate(rotation.sha256()),
                    String.join(", ", rotation.certificateArns()));
            out.printf("  rules        profile %s, mode %s, issuer %s, %d wave(s), canary %d check(s) over %d s%n",
                    rotation.profile(), rotation.mode().name().toLowerCase(), rotation.issuer(), rotation.waves(),
                    rotation.canaryChecks(), rotation.bake().toSeconds());
        }
        if (rotation.drill() != null) {
            out.printf("  drill        %s on %s; the preflight %s%n", rotation.drill().fault(),
                    rotation.drill().binding(), rotation.drill().preflight().isEmpty() ? "had no objection"
                            : "would have refused it: " + String.join("; ", rotation.drill().preflight()));
        }
        if (rotation.replacementArn() != null) {
            out.printf("  replacement  %s%s%n", rotation.replacementArn(), rotation.replacementSha256() == null ? ""
                    : "  sha256 " + abbreviate(rotation.replacementSha256()));
        }
        if (!bindings.isEmpty()) {
            TextTable table = new TextTable("WAVE", "ENDPOINT", "HOST", "RESULT", "CANARY");
            for (RotationBinding binding : bindings) {
                String canary = !binding.canary().isEmpty() ? String.join("; ", binding.canary())
                        : binding.checks().isEmpty() ? (binding.detail() == null ? "-" : binding.detail())
                        : "ok (" + binding.checks().size() + " check(s))";
                table.row(Integer.toString(binding.wave() + 1), binding.target().describe(),
                        binding.host() == null ? "-" : binding.host() + ":" + binding.port(), binding.result().name(),
                        canary);
            }
            table.print(out);
        }
        if (!rotation.events().isEmpty()) {
            out.printf("  events: %s%n", String.join(", ", rotation.events()));
        }
        if (rotation.finishedAt() != null) {
            out.printf("  took %.1f s%n", Duration.between(rotation.startedAt(), rotation.finishedAt()).toMillis()
                    / 1000.0);
        }
    }

    private static String abbreviate(String sha256) {
        return sha256 == null || sha256.length() < 12 ? String.valueOf(sha256) : sha256.substring(0, 12) + "…";
    }
}
