package io.certfleet.core.discovery;

import java.util.Objects;

/**
 * One account and region: the unit of work of a scan. Global services (IAM server certificates, CloudFront) live
 * in the account's {@link #GLOBAL_REGION} scope.
 */
public record ScanScope(String accountId, String region) {

    /** Pseudo-region of an account's global services. */
    public static final String GLOBAL_REGION = "global";

    public ScanScope {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
    }

    /** The same account's global scope. */
    public ScanScope global() {
        return new ScanScope(accountId, GLOBAL_REGION);
    }

    @Override
    public String toString() {
        return accountId + "/" + region;
    }
}
