package io.certfleet.core.rotation.issuer;

import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.policy.rotation.IssuerChoice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a replacement must be: the old certificate's names, the profile's key, the owner's tags plus
 * {@code certfleet:replaces} and {@code certfleet:rotation}, in each account-region with a binding to swap
 * (CloudFront's: us-east-1).
 *
 * @param locations    where the replacement must be in ACM; the first is where it is requested or issued
 * @param tags         the owner's tags and certfleet's, the same everywhere
 * @param replacing    per location, the old certificate there (its {@code certfleet:replaces} tag)
 * @param validity     the lifetime to ask for (a private CA's; ACM public certificates have their own)
 * @param requestedArn what an earlier call requested and is pending (asked about again, not requested anew); null
 */
public record IssueOrder(String rotationId, IssuerChoice issuer, String commonName, List<String> dnsNames,
                         KeySpec key, List<ScanScope> locations, Map<String, String> tags,
                         Map<ScanScope, String> replacing, Duration validity, String requestedArn) {

    /** The tag naming the certificate a replacement replaces. */
    public static final String REPLACES_TAG = "certfleet:replaces";

    public IssueOrder {
        Objects.requireNonNull(rotationId, "rotationId");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(commonName, "commonName");
        dnsNames = List.copyOf(dnsNames);
        Objects.requireNonNull(key, "key");
        locations = List.copyOf(locations);
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("a replacement is issued somewhere");
        }
        tags = Map.copyOf(tags);
        replacing = Map.copyOf(replacing);
        Objects.requireNonNull(validity, "validity");
    }

    /** The tags of the replacement in one location: the common ones and which certificate it replaces there. */
    public Map<String, String> tagsIn(ScanScope location) {
        Map<String, String> all = new java.util.TreeMap<>(tags);
        String old = replacing.get(location);
        if (old != null) {
            all.put(REPLACES_TAG, old);
        }
        return all;
    }

    /** Where it is requested or issued first. */
    public ScanScope home() {
        return locations.getFirst();
    }
}
