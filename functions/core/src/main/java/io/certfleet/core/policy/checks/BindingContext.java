package io.certfleet.core.policy.checks;

import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.policy.SecurityPolicy;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.fleet.BindingProbe;
import java.util.Optional;

/**
 * An endpoint binding, its configured security policy expanded (empty when it has none, e.g. Classic ELB, or the
 * name is unknown), its latest probe (empty when never probed), and the profile it is judged under.
 */
public record BindingContext(BindingRecord binding, TlsPolicy policy, Optional<SecurityPolicy> configured,
                             Optional<BindingProbe> probe) {

    public Optional<String> securityPolicyName() {
        return Optional.ofNullable(binding.sslPolicy()).filter(name -> !name.isBlank());
    }
}
