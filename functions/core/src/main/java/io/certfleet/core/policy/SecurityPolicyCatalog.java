package io.certfleet.core.policy;

import java.util.Optional;

/**
 * Port: a named security policy expanded to its protocols and suites (ELB: DescribeSSLPolicies in the endpoint's
 * region, cached; CloudFront and API Gateway: {@link SecurityPolicies#documented}). Empty when the name is unknown.
 */
public interface SecurityPolicyCatalog {

    Optional<SecurityPolicy> expand(SecurityPolicyService service, String name, String region);
}
