package io.certfleet.adapters.aws.elb;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.core.policy.SecurityPolicies;
import io.certfleet.core.policy.SecurityPolicy;
import io.certfleet.core.policy.SecurityPolicyCatalog;
import io.certfleet.core.policy.SecurityPolicyService;
import io.certfleet.core.probe.CipherSuites;
import io.certfleet.core.probe.TlsVersion;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeSslPoliciesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SslPolicy;

/**
 * Security policies expanded: ELB policies from DescribeSSLPolicies in the endpoint's region (all of a region's
 * policies in one paged read, then cached for the life of this catalog: policies are immutable by name), their
 * OpenSSL suite names turned into IANA names; CloudFront and API Gateway policies from what AWS documents.
 * A suite name certfleet cannot map is kept as it is, so a policy check reports it rather than dropping it.
 */
public final class ElbSecurityPolicyCatalog implements SecurityPolicyCatalog {

    private final AwsClients aws;
    private final Map<String, Map<String, SecurityPolicy>> byRegion = new ConcurrentHashMap<>();

    public ElbSecurityPolicyCatalog(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Optional<SecurityPolicy> expand(SecurityPolicyService service, String name, String region) {
        if (service != SecurityPolicyService.ELBV2) {
            return SecurityPolicies.documented(service, name);
        }
        return Optional.ofNullable(byRegion.computeIfAbsent(region, this::describeAll).get(name));
    }

    private Map<String, SecurityPolicy> describeAll(String region) {
        Map<String, SecurityPolicy> policies = new HashMap<>();
        try (AwsClients regional = aws.derive(aws.settings().withRegion(Region.of(region)))) {
            ElasticLoadBalancingV2Client elb = regional.elasticLoadBalancingV2();
            String marker = null;
            do {
                String page = marker;
                DescribeSslPoliciesResponse response = elb.describeSSLPolicies(request -> request.marker(page));
                response.sslPolicies().forEach(policy -> policies.put(policy.name(), expanded(policy)));
                marker = response.nextMarker();
            } while (marker != null && !marker.isEmpty());
        }
        return Map.copyOf(policies);
    }

    static SecurityPolicy expanded(SslPolicy policy) {
        Set<TlsVersion> protocols = EnumSet.noneOf(TlsVersion.class);
        for (String protocol : policy.sslProtocols()) {
            for (TlsVersion version : TlsVersion.values()) {
                if (version.protocolName().equals(protocol)) {
                    protocols.add(version);
                }
            }
        }
        Set<String> suites = new LinkedHashSet<>();
        policy.ciphers().forEach(cipher -> suites.add(CipherSuites.ianaNameOf(cipher.name()).orElse(cipher.name())));
        return new SecurityPolicy(SecurityPolicyService.ELBV2, policy.name(), protocols, Optional.of(suites));
    }
}
