package io.certfleet.core.discovery;

import java.util.Map;
import java.util.Objects;

/**
 * One unit of scan work: one account and region.
 *
 * @param includesGlobalSources whether this item also scans the account's global services (IAM server
 *                              certificates, CloudFront): true for exactly one region per account
 * @param accountTags           the account's tags (from AWS Organizations), the ownership chain's third rule
 */
public record WorkItem(String scanId, ScanScope scope, boolean includesGlobalSources, Map<String, String> accountTags) {
    public WorkItem {
        Objects.requireNonNull(scanId, "scanId");
        Objects.requireNonNull(scope, "scope");
        accountTags = Map.copyOf(accountTags);
    }
}
