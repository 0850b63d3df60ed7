package io.certfleet.core.rotation;

import io.certfleet.core.policy.PolicySet;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.ProbeTarget;
import io.certfleet.core.rotation.swap.BindingSwitches;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: the canary of a swapped binding. Each {@link #check} waits for the service to finish applying the swap,
 * then probes the binding's real endpoint (its host, port and server name) expecting the replacement, and says when
 * to check again: {@code canaryChecks} checks spread over {@code bakeSeconds}, the first right away. {@link #judge}
 * then decides (every check saw the replacement, nothing serious is new, no spike of failed client negotiations, no
 * rollback asked for), and {@link #verifyRestored} proves a rollback on the wire.
 */
public final class CanaryCheck {

    /** How long a service may take to apply a change (CloudFront deploys for minutes) before the canary gives up. */
    public static final Duration SETTLE_LIMIT = Duration.ofMinutes(30);
    /** How often a canary asks whether the change is applied. */
    public static final long SETTLE_POLL_SECONDS = 30;

    /** What the workflow does next: check again after {@code waitSeconds}, or judge. */
    public record Next(boolean done, long waitSeconds) {
    }

    /** The canary's verdict on one binding. */
    public record Verdict(boolean passed, List<String> causes) {
        public Verdict {
            causes = List.copyOf(causes);
        }
    }

    private final RotationStore rotations;
    private final BindingSwitches switches;
    private final CanaryProber prober;
    private final PolicySet policies;
    private final NegotiationMetrics metrics;
    private final Clock clock;

    public CanaryCheck(RotationStore rotations, BindingSwitches switches, CanaryProber prober, PolicySet policies,
                       NegotiationMetrics metrics, Clock clock) {
        this.rotations = Objects.requireNonNull(rotations, "rotations");
        this.switches = Objects.requireNonNull(switches, "switches");
        this.prober = Objects.requireNonNull(prober, "prober");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Next check(String rotationId, int index) {
        Rotation rotation = rotations.load(rotationId);
        RotationBinding binding = rotations.binding(rotationId, index);
        if (binding.result() != BindingResult.PENDING || binding.swappedAt() == null
                || rotation.rollbackRequested() != null || binding.host() == null
                || binding.checks().size() >= rotation.canaryChecks()) {
            return new Next(true, 0);
        }
        Instant now = clock.instant();
        if (!switches.settled(binding.target())) {
            if (Duration.between(binding.swappedAt(), now).compareTo(SETTLE_LIMIT) > 0) {
                rotations.saveBinding(rotationId, binding.withCheck(new CanaryObservation(now, null, List.of(),
                        binding.target().describe() + " did not finish applying the change within "
                                + SETTLE_LIMIT.toMinutes() + " minutes")));
                return new Next(true, 0);
            }
            return new Next(false, SETTLE_POLL_SECONDS);
        }
        CanaryObservation observation = CanaryObservation.of(prober.probe(target(binding), profile(rotation),
                rotation.replacementSha256()), now);
        RotationBinding checked = binding.withCheck(observation);
        rotations.saveBinding(rotationId, checked);
        boolean done = checked.checks().size() >= rotation.canaryChecks();
        long interval = rotation.canaryChecks() <= 1 ? 0
                : rotation.bake().toSeconds() / (rotation.canaryChecks() - 1);
        return new Next(done, done ? 0 : interval);
    }

    public Verdict judge(String rotationId, int index) {
        Rotation rotation = rotations.load(rotationId);
        RotationBinding binding = rotations.binding(rotationId, index);
        if (binding.result() != BindingResult.PENDING) {
            return new Verdict(binding.result() == BindingResult.SWAPPED || binding.result() == BindingResult.SKIPPED,
                    binding.result() == BindingResult.FAILED && binding.canary().isEmpty()
                            ? List.of(binding.detail()) : binding.canary());
        }
        List<String> causes = new ArrayList<>();
        if (rotation.rollbackRequested() != null) {
            causes.add("rollback requested: " + rotation.rollbackRequested());
        }
        if (binding.host() != null) {
            if (binding.checks().isEmpty()) {
                causes.add("no canary check was made");
            } else {
                Optional<CanaryVerdict.NegotiationErrors> errors = metrics.around(binding.target(),
                        binding.swappedAt(), clock.instant());
                causes.addAll(CanaryVerdict.judgeObserved(rotation.replacementSha256(), binding.findingsBefore(),
                        binding.checks(), errors.orElse(null), rotation.spike()).causes());
            }
        }
        boolean passed = causes.isEmpty();
        rotations.saveBinding(rotationId, binding.withResult(passed ? BindingResult.SWAPPED : BindingResult.FAILED,
                causes, passed ? binding.detail() : "the canary failed"));
        return new Verdict(passed, causes);
    }

    /** After a restore: one probe expecting the old certificate; the binding's detail says what it saw. */
    public Verdict verifyRestored(String rotationId, int index) {
        Rotation rotation = rotations.load(rotationId);
        RotationBinding binding = rotations.binding(rotationId, index);
        if (binding.result() != BindingResult.ROLLED_BACK || binding.host() == null) {
            return new Verdict(binding.result() == BindingResult.ROLLED_BACK, List.of());
        }
        CanaryObservation seen = CanaryObservation.of(prober.probe(target(binding), profile(rotation),
                rotation.sha256()), clock.instant());
        boolean old = rotation.sha256().equalsIgnoreCase(String.valueOf(seen.servedSha256()));
        String detail = old ? "put back, and the old certificate is served again"
                : "put back, but the endpoint serves " + (seen.servedSha256() == null ? "nothing ("
                + seen.error() + ")" : seen.servedSha256()) + ", not the old certificate";
        rotations.saveBinding(rotationId, binding.withResult(BindingResult.ROLLED_BACK, binding.canary(), detail));
        return new Verdict(old, old ? List.of() : List.of(detail));
    }

    private static ProbeTarget target(RotationBinding binding) {
        return new ProbeTarget(binding.host(), binding.port() == null ? 443 : binding.port(),
                Optional.ofNullable(binding.serverName()));
    }

    private TlsPolicy profile(Rotation rotation) {
        return rotation.profile() == null ? policies.defaultPolicy()
                : policies.profile(rotation.profile()).orElse(policies.defaultPolicy());
    }
}
