package io.certfleet.core.policy;

import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.probe.TlsVersion;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The security policy names certfleet knows, per service, so that a policy file naming an unknown one is refused;
 * and the protocols of CloudFront's and API Gateway's policies, which those services document but do not serve
 * through an API (ELB policies are expanded from DescribeSSLPolicies instead, see {@link SecurityPolicyCatalog}).
 * New AWS policies need a line here; the ELB list is AWS's as of 2025-09 (the PQ policies included).
 */
public final class SecurityPolicies {

    public static final List<String> ELBV2 = List.of(
            "ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-2-2021-06",
            "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
            "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
            "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06", "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06", "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-1-2021-06",
            "ELBSecurityPolicy-TLS13-1-0-2021-06", "ELBSecurityPolicy-TLS13-1-0-PQ-2025-09",
            "ELBSecurityPolicy-TLS-1-2-Ext-2018-06", "ELBSecurityPolicy-TLS-1-2-2017-01",
            "ELBSecurityPolicy-TLS-1-1-2017-01", "ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-2015-05",
            "ELBSecurityPolicy-TLS-1-0-2015-04", "ELBSecurityPolicy-FS-2018-06", "ELBSecurityPolicy-FS-1-1-2019-08",
            "ELBSecurityPolicy-FS-1-2-2019-08", "ELBSecurityPolicy-FS-1-2-Res-2019-08",
            "ELBSecurityPolicy-FS-1-2-Res-2020-10");

    /** CloudFront's {@code MinimumProtocolVersion} values and the viewer protocols each allows. */
    public static final Map<String, Set<TlsVersion>> CLOUDFRONT = Map.of(
            "SSLv3", from(TlsVersion.TLS_1_0), "TLSv1", from(TlsVersion.TLS_1_0),
            "TLSv1_2016", from(TlsVersion.TLS_1_0), "TLSv1.1_2016", from(TlsVersion.TLS_1_1),
            "TLSv1.2_2018", from(TlsVersion.TLS_1_2), "TLSv1.2_2019", from(TlsVersion.TLS_1_2),
            "TLSv1.2_2021", from(TlsVersion.TLS_1_2), "TLSv1.2_2025", from(TlsVersion.TLS_1_2),
            "TLSv1.3_2025", from(TlsVersion.TLS_1_3));

    /**
     * API Gateway's legacy {@code SecurityPolicy} values (its guide, "Choose a security policy": TLS_1_0 accepts TLS
     * 1.0 to 1.3, TLS_1_2 accepts 1.2 and 1.3); the enhanced ones are read from their names.
     */
    public static final Map<String, Set<TlsVersion>> APIGATEWAY = Map.of(
            "TLS_1_0", from(TlsVersion.TLS_1_0),
            "TLS_1_2", from(TlsVersion.TLS_1_2));

    /** {@code SecurityPolicy_TLS13_1_2_2021_06}: TLS 1.3 down to 1.2 (API Gateway's enhanced policies). */
    private static final Pattern APIGATEWAY_ENHANCED = Pattern.compile("SecurityPolicy_TLS13_1_([0-3])(_[A-Za-z0-9]+)+");

    private SecurityPolicies() {
    }

    /** Whether a policy name is one certfleet knows for some service. */
    public static boolean isKnown(String name) {
        return ELBV2.contains(name) || CLOUDFRONT.containsKey(name) || APIGATEWAY.containsKey(name)
                || APIGATEWAY_ENHANCED.matcher(name).matches();
    }

    /** The service a binding's security policy belongs to; empty for Classic ELB (no named policy is recorded). */
    public static Optional<SecurityPolicyService> serviceOf(BindingType type) {
        return switch (type) {
            case ELBV2_LISTENER -> Optional.of(SecurityPolicyService.ELBV2);
            case CLOUDFRONT -> Optional.of(SecurityPolicyService.CLOUDFRONT);
            case APIGATEWAY_DOMAIN -> Optional.of(SecurityPolicyService.APIGATEWAY);
            case ELB_LISTENER -> Optional.empty();
        };
    }

    /** CloudFront's and API Gateway's policies, expanded to their protocols; empty when the name is unknown. */
    public static Optional<SecurityPolicy> documented(SecurityPolicyService service, String name) {
        return switch (service) {
            case CLOUDFRONT -> Optional.ofNullable(CLOUDFRONT.get(name))
                    .map(protocols -> new SecurityPolicy(service, name, protocols, Optional.empty()));
            case APIGATEWAY -> apiGateway(name)
                    .map(protocols -> new SecurityPolicy(service, name, protocols, Optional.empty()));
            case ELBV2 -> Optional.empty();
        };
    }

    private static Optional<Set<TlsVersion>> apiGateway(String name) {
        if (APIGATEWAY.containsKey(name)) {
            return Optional.of(APIGATEWAY.get(name));
        }
        Matcher enhanced = APIGATEWAY_ENHANCED.matcher(name);
        if (!enhanced.matches()) {
            return Optional.empty();
        }
        TlsVersion lowest = switch (enhanced.group(1)) {
            case "3" -> TlsVersion.TLS_1_3;
            case "2" -> TlsVersion.TLS_1_2;
            case "1" -> TlsVersion.TLS_1_1;
            default -> TlsVersion.TLS_1_0;
        };
        return Optional.of(from(lowest));
    }

    private static Set<TlsVersion> from(TlsVersion lowest) {
        return EnumSet.range(lowest, TlsVersion.TLS_1_3);
    }
}
