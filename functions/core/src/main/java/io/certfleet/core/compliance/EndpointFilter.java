package io.certfleet.core.compliance;

import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.probe.fleet.BindingProbe;
import java.util.Objects;
import java.util.Optional;

/**
 * The filters of an endpoint listing (the inventory API's {@code GET /endpoints}): empty fields do not filter.
 * {@code ok=true} selects endpoints whose latest probe passed; {@code ok=false} every other one (failed, skipped,
 * never probed).
 */
public record EndpointFilter(Optional<String> owner, Optional<String> account, Optional<String> region,
                             Optional<BindingType> type, Optional<Boolean> ok) {

    public static final EndpointFilter NONE = new EndpointFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public EndpointFilter {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(ok, "ok");
    }

    /** Whether a binding of this certificate passes, given its latest probe. */
    public boolean matches(InventoryRecord certificate, BindingRecord binding, Optional<BindingProbe> probe) {
        return owner.map(certificate.ownership().owner()::equals).orElse(true)
                && account.map(binding.scope().accountId()::equals).orElse(true)
                && region.map(binding.scope().region()::equals).orElse(true)
                && type.map(binding.type()::equals).orElse(true)
                && ok.map(wanted -> probe.map(BindingProbe::ok).orElse(false) == wanted).orElse(true);
    }
}
