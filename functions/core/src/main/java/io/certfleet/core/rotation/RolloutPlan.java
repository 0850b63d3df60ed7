package io.certfleet.core.rotation;

import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.policy.rotation.WaveSize;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The bindings of a rotation in the order they are swapped: waves, the first of them the canary. Every binding is
 * in exactly one wave; a wave that would add no binding (a share that rounds to what is already covered) is left
 * out, so no wave is ever empty.
 */
public record RolloutPlan(List<List<BindingRecord>> waves) {

    /**
     * The canary comes first and is the binding whose failure hurts the fewest clients: an SNI certificate before a
     * listener's default (clients without SNI get the default), then by type and resource, so the same bindings
     * always make the same plan.
     */
    static final Comparator<BindingRecord> LEAST_EXPOSED_FIRST = Comparator
            .comparing(BindingRecord::isDefault)
            .thenComparing(binding -> binding.type().name())
            .thenComparing(BindingRecord::resourceId);

    public RolloutPlan {
        waves = waves.stream().map(List::copyOf).toList();
        if (waves.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("a wave without bindings");
        }
    }

    /** Orders the active bindings into waves; an empty list of bindings makes an empty plan (nothing to swap). */
    public static RolloutPlan of(List<BindingRecord> bindings, List<WaveSize> waves) {
        List<BindingRecord> ordered = bindings.stream().filter(BindingRecord::isActive)
                .sorted(LEAST_EXPOSED_FIRST).toList();
        List<List<BindingRecord>> planned = new ArrayList<>();
        int covered = 0;
        for (WaveSize wave : waves) {
            int reach = wave.reach(ordered.size());
            if (reach > covered) {
                planned.add(ordered.subList(covered, reach));
                covered = reach;
            }
        }
        if (covered < ordered.size()) {
            planned.add(ordered.subList(covered, ordered.size()));
        }
        return new RolloutPlan(planned);
    }

    public int bindings() {
        return waves.stream().mapToInt(List::size).sum();
    }

    /** The first wave's bindings: the canary. */
    public List<BindingRecord> canary() {
        return waves.isEmpty() ? List.of() : waves.getFirst();
    }
}
