package io.certfleet.core.probe.fleet;

import io.certfleet.core.inventory.BindingRecord;
import java.util.List;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/** Port: where the latest probe of each binding is kept (next to the binding, in the inventory). */
public interface ProbeResults {

    /** Replaces the binding's latest probe. */
    void record(List<BindingProbe> probes);

    /** The latest probes of the bindings of these certificate ARNs. */
    Map<BindingRecord.Key, BindingProbe> latestOf(Set<String> certificateArns);

    /** The latest probes of these bindings (those ever probed): read by key, when the bindings are known. */
    Map<BindingRecord.Key, BindingProbe> latestOfBindings(Collection<BindingRecord.Key> bindings);
}
