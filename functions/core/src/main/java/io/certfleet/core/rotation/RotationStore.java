package io.certfleet.core.rotation;

import java.util.List;
import java.util.Optional;

/**
 * Port: where rotations are kept. The rotation and each of its bindings are written apart, so that the bindings of
 * a wave, swapped in parallel, never overwrite each other.
 */
public interface RotationStore {

    /** Stores a new rotation with its bindings; false when one with this id exists (a retried plan step). */
    boolean create(Rotation rotation, List<RotationBinding> bindings);

    Optional<Rotation> find(String rotationId);

    /** The rotation, or a clear error naming the id. */
    default Rotation load(String rotationId) {
        return find(rotationId).orElseThrow(() -> new IllegalArgumentException("no rotation " + rotationId));
    }

    void save(Rotation rotation);

    List<RotationBinding> bindings(String rotationId);

    default RotationBinding binding(String rotationId, int index) {
        return bindings(rotationId).stream().filter(binding -> binding.index() == index).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("rotation " + rotationId + " has no binding "
                        + index));
    }

    void saveBinding(String rotationId, RotationBinding binding);

    /** Rotations, newest first. */
    List<Rotation> list(int limit);
}
