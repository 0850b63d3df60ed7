package io.certfleet.core.rotation;

import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.rotation.swap.BindingSwitches;
import io.certfleet.core.rotation.swap.ServedState;
import io.certfleet.core.rotation.swap.SwapException;
import io.certfleet.core.rotation.swap.SwapTarget;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Use case: swaps one binding of a rotation to its replacement, or puts it back. What the binding served is recorded
 * before the swap is made, so that a rollback knows it whatever happens next; both directions may be retried and
 * change nothing the second time. A binding that serves neither the old certificate nor the replacement (someone
 * changed it since the plan) is left alone and reported.
 */
public final class SwapBinding {

    /** What the step did: the binding's result and why. */
    public record Outcome(BindingResult result, String detail) {
    }

    private final RotationStore rotations;
    private final BindingSwitches switches;
    private final Clock clock;

    public SwapBinding(RotationStore rotations, BindingSwitches switches, Clock clock) {
        this.rotations = Objects.requireNonNull(rotations, "rotations");
        this.switches = Objects.requireNonNull(switches, "switches");
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
        return finish(rotationId, binding.withResult(BindingResult.ROLLED_BACK, causes, "put back"));
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
