package io.certfleet.core.rotation;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.rotation.swap.ServedState;
import io.certfleet.core.rotation.swap.SwapTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One binding of a rotation: where it is, how the canary reaches it, what it served before its swap (recorded before
 * the swap is made, so a rollback knows it even if the step that swapped it died), and what came of it.
 *
 * @param index          its place in the plan (waves name bindings by index)
 * @param wave           the wave it belongs to, from 0 (the canary wave)
 * @param host           the endpoint's host name clients connect to; null when it cannot be probed
 * @param serverName     the name the canary asks for (SNI) and checks the certificate against
 * @param findingsBefore the binding's findings at its last probe before the rotation (a canary fails only on new
 *                       serious ones)
 * @param replacementArn the replacement in the binding's account-region; null until issued (or none there)
 * @param before         what it served before the swap; null until the swap step recorded it
 * @param swappedAt      when the swap was made (the canary compares client errors before and after it)
 * @param checks         the canary's checks so far
 * @param canary         the canary's causes (empty when it passed or has not run)
 * @param detail         why it was skipped or failed
 */
public record RotationBinding(int index, int wave, SwapTarget target, String host, Integer port, String serverName,
                              List<Finding> findingsBefore, String replacementArn, ServedState before,
                              Instant swappedAt, List<CanaryObservation> checks, BindingResult result,
                              List<String> canary, String detail) {

    public RotationBinding {
        Objects.requireNonNull(target, "target");
        findingsBefore = List.copyOf(findingsBefore);
        checks = List.copyOf(checks);
        Objects.requireNonNull(result, "result");
        canary = List.copyOf(canary);
    }

    /** A binding as planned: nothing done yet. */
    public static RotationBinding planned(int index, int wave, SwapTarget target, String host, Integer port,
                                          String serverName, List<Finding> findingsBefore) {
        return new RotationBinding(index, wave, target, host, port, serverName, findingsBefore, null, null, null,
                List.of(), BindingResult.PENDING, List.of(), null);
    }

    public RotationBinding withReplacement(String arn) {
        return new RotationBinding(index, wave, target, host, port, serverName, findingsBefore, arn, before,
                swappedAt, checks, result, canary, detail);
    }

    public RotationBinding withBefore(ServedState state) {
        return new RotationBinding(index, wave, target, host, port, serverName, findingsBefore, replacementArn, state,
                swappedAt, checks, result, canary, detail);
    }

    public RotationBinding swapped(Instant at) {
        return new RotationBinding(index, wave, target, host, port, serverName, findingsBefore, replacementArn, before,
                at, List.of(), result, canary, detail);
    }

    public RotationBinding withCheck(CanaryObservation check) {
        List<CanaryObservation> more = new ArrayList<>(checks);
        more.add(check);
        return new RotationBinding(index, wave, target, host, port, serverName, findingsBefore, replacementArn, before,
                swappedAt, more, result, canary, detail);
    }

    public RotationBinding withResult(BindingResult outcome, List<String> causes, String why) {
        return new RotationBinding(index, wave, target, host, port, serverName, findingsBefore, replacementArn, before,
                swappedAt, checks, outcome, causes, why);
    }

    /** Whether the swap may have changed it (its state before was recorded): a rollback puts it back. */
    public boolean touched() {
        return before != null && result != BindingResult.SKIPPED;
    }
}
