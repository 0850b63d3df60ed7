package io.certfleet.core.rotation.swap;

import io.certfleet.core.discovery.BindingType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One {@link BindingSwitch} per binding type; a type without one is refused by name. */
public final class BindingSwitches {

    private final Map<BindingType, BindingSwitch> byType = new EnumMap<>(BindingType.class);

    public BindingSwitches(List<BindingSwitch> switches) {
        for (BindingSwitch candidate : switches) {
            if (byType.put(candidate.type(), candidate) != null) {
                throw new IllegalArgumentException("two switches for " + candidate.type());
            }
        }
    }

    public BindingSwitch forTarget(SwapTarget target) {
        BindingSwitch found = byType.get(target.type());
        if (found == null) {
            throw new SwapException("certfleet cannot change the certificate of " + target.describe()
                    + " (no switch for " + target.type() + " bindings)");
        }
        return found;
    }

    public ServedState read(SwapTarget target) {
        return forTarget(target).read(target);
    }

    public ServedState swap(SwapTarget target, String replacementArn) {
        return forTarget(target).swap(target, replacementArn);
    }

    public ServedState restore(SwapTarget target, String replacementArn, ServedState before) {
        return forTarget(target).restore(target, replacementArn, before);
    }

    public boolean settled(SwapTarget target) {
        return forTarget(target).settled(target);
    }
}
