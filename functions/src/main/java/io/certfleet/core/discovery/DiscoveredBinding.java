package io.certfleet.core.discovery;

import java.util.Map;
import java.util.Objects;

/**
 * An endpoint that serves a certificate, as an endpoint source found it.
 *
 * @param resourceId     listener ARN, {@code loadbalancer/<name>:<port>}, distribution id or domain name
 * @param certificateArn the certificate it serves (ACM ARN, or IAM server certificate ARN)
 * @param isDefault      the listener's default certificate (true for single-certificate endpoints), false for SNI
 * @param dnsName        the name clients connect to (load balancer or distribution DNS name, custom domain)
 * @param sslPolicy      the TLS policy in the service's own terms: ELB security policy, CloudFront minimum protocol
 *                       version, API Gateway security policy; {@code null} when the service names none
 * @param resourceTags   tags of the serving resource, the ownership chain's second rule
 */
public record DiscoveredBinding(BindingType type, String resourceId, String certificateArn, boolean isDefault,
                                String dnsName, Integer port, String sslPolicy, Map<String, String> resourceTags) {
    public DiscoveredBinding {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(certificateArn, "certificateArn");
        resourceTags = Map.copyOf(resourceTags);
    }
}
