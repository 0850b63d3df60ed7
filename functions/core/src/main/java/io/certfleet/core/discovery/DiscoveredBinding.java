package io.certfleet.core.discovery;

import java.util.Map;
import java.util.Objects;

/**
 * An endpoint that serves a certificate, as an endpoint source found it.
 *
 * @param resourceId     listener ARN, {@code loadbalancer/<name>:<port>}, distribution id or domain name
 * @param certificateArn the certificate it serves (ACM ARN, or IAM server certificate ARN)
 * @param isDefault      the listener's default certificate (true for single-certificate endpoints), false for SNI
 * @param dnsName        the AWS host name clients connect to (load balancer, distribution, API Gateway domain)
 * @param scheme         {@code internet-facing} or {@code internal} (a load balancer's scheme, a private API)
 * @param sslPolicy      the TLS policy in the service's own terms: ELB security policy, CloudFront minimum protocol
 *                       version, API Gateway security policy; {@code null} when the service names none
 * @param resourceTags   tags of the serving resource, the ownership chain's second rule
 */
public record DiscoveredBinding(BindingType type, String resourceId, String certificateArn, boolean isDefault,
                                String dnsName, String scheme, Integer port, String sslPolicy,
                                Map<String, String> resourceTags) {

    public static final String INTERNET_FACING = "internet-facing";
    public static final String INTERNAL = "internal";

    public DiscoveredBinding {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(certificateArn, "certificateArn");
        resourceTags = Map.copyOf(resourceTags);
    }
}
