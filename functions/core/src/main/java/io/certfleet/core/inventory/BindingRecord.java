package io.certfleet.core.inventory;

import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.discovery.DiscoveredBinding;
import io.certfleet.core.discovery.ScanScope;
import java.time.Instant;
import java.util.Objects;

/**
 * An edge of the inventory graph: an endpoint serving the certificate at {@link #certificateArn()}.
 *
 * @param scope     the account and region whose scan found the endpoint (and marks it removed when it goes)
 * @param removedAt when a scan found the binding gone; {@code null} while present
 */
public record BindingRecord(
        BindingType type,
        String resourceId,
        String certificateArn,
        boolean isDefault,
        String dnsName,
        String scheme,
        Integer port,
        String sslPolicy,
        ScanScope scope,
        Instant firstSeen,
        Instant lastSeen,
        Instant removedAt) {

    public BindingRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(certificateArn, "certificateArn");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    public static BindingRecord seen(DiscoveredBinding binding, ScanScope scope, Instant seenAt) {
        return new BindingRecord(binding.type(), binding.resourceId(), binding.certificateArn(), binding.isDefault(),
                binding.dnsName(), binding.scheme(), binding.port(), binding.sslPolicy(), scope, seenAt, seenAt, null);
    }

    /** Whether the other binding serves the same way (default or SNI, name, port, policy) from the same scope. */
    public boolean sameAs(BindingRecord other) {
        return key().equals(other.key()) && isDefault == other.isDefault && Objects.equals(dnsName, other.dnsName)
                && Objects.equals(scheme, other.scheme) && Objects.equals(port, other.port) && Objects.equals(sslPolicy, other.sslPolicy)
                && scope.equals(other.scope);
    }

    /** This binding, present, seen at {@code seenAt}. */
    public BindingRecord seenAgain(Instant seenAt) {
        return new BindingRecord(type, resourceId, certificateArn, isDefault, dnsName, scheme, port, sslPolicy,
                scope, firstSeen, seenAt, null);
    }

    public Key key() {
        return new Key(certificateArn, type, resourceId);
    }

    public boolean isActive() {
        return removedAt == null;
    }

    /** Identity of a binding: which certificate ARN, served by which endpoint. */
    public record Key(String certificateArn, BindingType type, String resourceId) {
    }
}
