package io.certfleet.core.rotation.swap;

import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.inventory.BindingRecord;
import java.util.Objects;

/**
 * One binding a rotation changes: where it lives and which certificate it serves before the rotation.
 *
 * @param scope          the account and region the binding was found in (CloudFront: the account's global scope)
 * @param resourceId     as discovery records it: listener ARN, {@code loadbalancer/NAME:PORT}, distribution id,
 *                       custom domain name
 * @param isDefault      a listener's default certificate (else an SNI certificate of the listener)
 * @param certificateArn the certificate it serves before the rotation
 */
public record SwapTarget(BindingType type, ScanScope scope, String resourceId, boolean isDefault,
                         String certificateArn) {

    public SwapTarget {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(certificateArn, "certificateArn");
    }

    public static SwapTarget of(BindingRecord binding) {
        return new SwapTarget(binding.type(), binding.scope(), binding.resourceId(), binding.isDefault(),
                binding.certificateArn());
    }

    /** {@code ELBv2 listener/app/shop/...:443 (SNI)}: for messages. */
    public String describe() {
        return type + " " + resourceId + (type == BindingType.ELBV2_LISTENER && !isDefault ? " (SNI)" : "");
    }
}
