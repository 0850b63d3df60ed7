package io.certfleet.core.compliance;

import java.util.Objects;
import java.util.Optional;

/** Which part of the fleet the KPIs describe: an owner's, an environment's, an account's; empty: all of it. */
public record KpiFilter(Optional<String> owner, Optional<String> environment, Optional<String> account) {

    public static final KpiFilter FLEET = new KpiFilter(Optional.empty(), Optional.empty(), Optional.empty());

    public KpiFilter {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(account, "account");
    }

    CertificateFilter certificates() {
        return new CertificateFilter(owner, environment, account, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}
