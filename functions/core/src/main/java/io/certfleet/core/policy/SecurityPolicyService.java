package io.certfleet.core.policy;

/** The services whose TLS configuration is a named security policy. */
public enum SecurityPolicyService {
    /** Application and Network Load Balancers: a listener's {@code SslPolicy}, expanded by DescribeSSLPolicies. */
    ELBV2,
    /** CloudFront: a distribution's viewer certificate {@code MinimumProtocolVersion}. */
    CLOUDFRONT,
    /** API Gateway: a custom domain's {@code SecurityPolicy}. */
    APIGATEWAY
}
