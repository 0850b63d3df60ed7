package io.certfleet.core.discovery;

import java.util.Objects;

/** One account and region: the unit of work of a scan. */
public record ScanScope(String accountId, String region) {
    public ScanScope {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
    }

    @Override
    public String toString() {
        return accountId + "/" + region;
    }
}
