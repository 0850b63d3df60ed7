package io.certfleet.core.probe.fleet;

import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.finding.FindingCode;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What probing one account-region found: how many bindings were probed, healthy, with causes, or skipped, and how
 * often each cause was named.
 */
public record ScopeProbeResult(ScanScope scope, int probed, int healthy, int withCauses, int skipped,
                               Map<FindingCode, Integer> causes, Duration duration) {

    public ScopeProbeResult {
        Objects.requireNonNull(scope, "scope");
        causes = Map.copyOf(causes);
    }

    static ScopeProbeResult of(ScanScope scope, List<BindingProbe> probes, Duration duration) {
        Map<FindingCode, Integer> causes = new EnumMap<>(FindingCode.class);
        probes.forEach(probe -> probe.codes().forEach(code -> causes.merge(code, 1, Integer::sum)));
        int probed = (int) probes.stream().filter(BindingProbe::probed).count();
        int healthy = (int) probes.stream().filter(BindingProbe::ok).count();
        return new ScopeProbeResult(scope, probed, healthy, probed - healthy, probes.size() - probed, causes,
                duration);
    }
}
