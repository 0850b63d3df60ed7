package io.certfleet.core.policy;

import io.certfleet.core.probe.TlsVersion;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A service's named TLS configuration, expanded: an ELB {@code SslPolicy}, a CloudFront
 * {@code MinimumProtocolVersion}, an API Gateway {@code SecurityPolicy}, and the protocols and cipher suites (IANA
 * names) it enables. The suites are known for ELB policies (DescribeSSLPolicies lists them); CloudFront and API
 * Gateway publish theirs only in prose, so their policies carry protocols only.
 *
 * @param cipherSuites IANA names; empty when the service does not list them
 */
public record SecurityPolicy(SecurityPolicyService service, String name, Set<TlsVersion> protocols,
                             Optional<Set<String>> cipherSuites) {

    public SecurityPolicy {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(name, "name");
        protocols = protocols.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(protocols));
        cipherSuites = cipherSuites.map(suites -> Collections.unmodifiableSet(new LinkedHashSet<>(suites)));
    }
}
