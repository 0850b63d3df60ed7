package io.certfleet.testing;

import io.certfleet.core.rotation.Rotation;
import io.certfleet.core.rotation.RotationBinding;
import io.certfleet.core.rotation.RotationStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A rotation store in memory, for unit tests of use cases behind the {@link RotationStore} port. */
public final class InMemoryRotationStore implements RotationStore {

    private final Map<String, Rotation> rotations = new LinkedHashMap<>();
    private final Map<String, Map<Integer, RotationBinding>> bindings = new LinkedHashMap<>();

    @Override
    public synchronized boolean create(Rotation rotation, List<RotationBinding> of) {
        if (rotations.putIfAbsent(rotation.rotationId(), rotation) != null) {
            return false;
        }
        Map<Integer, RotationBinding> stored = new LinkedHashMap<>();
        of.forEach(binding -> stored.put(binding.index(), binding));
        bindings.put(rotation.rotationId(), stored);
        return true;
    }

    @Override
    public synchronized Optional<Rotation> find(String rotationId) {
        return Optional.ofNullable(rotations.get(rotationId));
    }

    @Override
    public synchronized void save(Rotation rotation) {
        if (!rotations.containsKey(rotation.rotationId())) {
            throw new IllegalArgumentException("no rotation " + rotation.rotationId());
        }
        rotations.put(rotation.rotationId(), rotation);
    }

    @Override
    public synchronized List<RotationBinding> bindings(String rotationId) {
        return new ArrayList<>(bindings.getOrDefault(rotationId, Map.of()).values());
    }

    @Override
    public synchronized void saveBinding(String rotationId, RotationBinding binding) {
        bindings.computeIfAbsent(rotationId, id -> new LinkedHashMap<>()).put(binding.index(), binding);
    }

    @Override
    public synchronized List<Rotation> list(int limit) {
        return rotations.values().stream().sorted(Comparator.comparing(Rotation::startedAt).reversed())
                .limit(limit).toList();
    }
}
