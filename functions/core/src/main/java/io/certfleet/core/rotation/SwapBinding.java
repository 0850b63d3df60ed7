package io.certfleet.core.rotation;

import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.rotation.swap.BindingSwitches;
import io.certfleet.core.rotation.swap.ServedState;
import io.certfleet.core.rotation.swap.SwapException;
import io.certfleet.core.rotation.swap.SwapTarget;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Use case: swaps one binding of a rotation to its replacement, or puts it back. What the binding served is recorded
 * before the swap is made, so that a rollback knows it whatever happens next; both directions may be retried and
 * change nothing the second time. A binding that serves neither the old certificate nor the replacement (someone
 * changed it since the plan) is left alone and reported. A replacement taken back out is tagged
 * {@code certfleet:status=rejected} where it lives and kept for inspection.
 */
public final class SwapBinding {

    /** What the step did: the binding's result and why. */
    public record Outcome(BindingResult result, String detail) {
    }

    /** The tag a rolled-back replacement gets (kept in ACM for inspection, never swapped in again by itself). */
    public static final Map<String, String> REJECTED = Map.of("certfleet:status", "rejected");

    private final RotationStore rotations;
    private final BindingSwitches switches;
    private final CertificateTagger tagger;
    private final Clock clock;

    public SwapBinding(RotationStore rotations, BindingSwitches switches, CertificateTagger tagger, Clock clock) {
        this.rotations = Objects.requireNonNull(rotations, "rotations");
        this.switches = Objects.requireNonNull(switches, "switches");
        this.tagger = Objects.requireNonNull(tagger, "tagger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Outcome swap(String rotationId, int index) {
        RotationBinding binding = rotations.binding(rotationId, index);
        if (binding.result() == BindingResult.SKIPPED || binding.result() == BindingResult.FAILED) {
            return new Outcome(binding.result(), binding.detail());
        }
        if (binding.replacementArn() == null) {
            return finish(rotationId, binding.withResult(BindingResult.SKIPPED, List.of(), "no replacement issued"));
        }
        SwapTarget target = binding.target();
        if (binding.before() == null) {
            ServedState now;
            try {
                now = switches.read(target);
            } catch (SwapException failure) {
                if (failure.retryable()) {
                    throw failure;
                }
                return finish(rotationId, binding.withResult(BindingResult.FAILED, List.of(), failure.getMessage()));
            }
            if (!serves(target, now, target.certificateArn()) && !serves(target, now, binding.replacementArn())) {
                return finish(rotationId, binding.withResult(BindingResult.FAILED, List.of(), target.describe()
                        + " serves " + now.certificate() + " now, neither the old certificate nor the replacement: "
                        + "left alone"));
            }
            binding = binding.withBefore(now);
            rotations.saveBinding(rotationId, binding); // the intent, before the change
        }
        ServedState after;
        try {
            after = switches.swap(target, binding.replacementArn());
        } catch (SwapException failure) {
            if (failure.retryable()) {
                throw failure; // the workflow retries the step
            }
            return finish(rotationId, binding.withResult(BindingResult.FAILED, List.of(), failure.getMessage()));
        }
        if (!serves(target, after, binding.replacementArn())) {
            return finish(rotationId, binding.withResult(BindingResult.FAILED, List.of(), target.describe()
                    + " does not serve the replacement after the swap (serves " + after.certificate() + ")"));
        }
        if (binding.swappedAt() == null) {
            binding = binding.swapped(clock.instant());
        }
        rotations.saveBinding(rotationId, binding);
        return new Outcome(BindingResult.PENDING, "swapped: the canary decides");
    }

    /** Puts a touched binding back as it was; an untouched one needs nothing. */
    public Outcome restore(String rotationId, int index) {
        RotationBinding binding = rotations.binding(rotationId, index);
        if (!binding.touched()) {
            return new Outcome(binding.result(), "not swapped: nothing to put back");
        }
        SwapTarget target = binding.target();
        List<String> causes = binding.canary();
        try {
            ServedState after = switches.restore(target, binding.replacementArn(), binding.before());
            if (!serves(target, after, target.certificateArn())) {
                return finish(rotationId, binding.withResult(BindingResult.FAILED, causes, "restore did not take: "
                        + target.describe() + " serves " + after.certificate()));
            }
        } catch (SwapException failure) {
            if (failure.retryable()) {
                throw failure;
            }
            return finish(rotationId, binding.withResult(BindingResult.FAILED, causes, "restore failed: "
                    + failure.getMessage()));
        }
        return finish(rotationId, binding.withResult(BindingResult.ROLLED_BACK, causes, "put back"
                + (tagsTheReplacement(rotationId, binding) ? markRejected(binding.replacementArn(), rotationId) : "")));
    }

    /** One binding per replacement copy tags it (the touched one with the lowest index): one ACM write, not 50. */
    private boolean tagsTheReplacement(String rotationId, RotationBinding binding) {
        return rotations.bindings(rotationId).stream()
                .filter(other -> other.touched() && binding.replacementArn().equals(other.replacementArn()))
                .mapToInt(RotationBinding::index).min().orElse(binding.index()) == binding.index();
    }

    /** Tags the replacement rejected; a failure to tag is said, never undoes a restore. */
    private String markRejected(String replacementArn, String rotationId) {
        Map<String, String> tags = new java.util.TreeMap<>(REJECTED);
        tags.put("certfleet:rejected-by", rotationId);
        try {
            tagger.tag(replacementArn, tags);
            return "; the replacement is tagged certfleet:status=rejected";
        } catch (RuntimeException failure) {
            return "; could not tag the replacement rejected: " + failure.getMessage();
        }
    }

    private Outcome finish(String rotationId, RotationBinding binding) {
        rotations.saveBinding(rotationId, binding);
        return new Outcome(binding.result(), binding.detail());
    }

    /** Whether the binding answers with {@code arn}: a listener's SNI binding by its list, the others by the one. */
    static boolean serves(SwapTarget target, ServedState state, String arn) {
        if (target.type() == BindingType.ELBV2_LISTENER && !target.isDefault()) {
            return state.sniCertificates().contains(arn);
        }
        return state.certificate().equals(arn);
    }
}
