package io.certfleet.core.discovery;

/** Kinds of endpoint that serve a certificate. */
public enum BindingType {
    /** An HTTPS or TLS listener of an Application or Network Load Balancer (default or SNI certificate). */
    ELBV2_LISTENER,
    /** An HTTPS or SSL listener of a Classic Load Balancer. */
    ELB_LISTENER,
    /** A CloudFront distribution's viewer certificate. */
    CLOUDFRONT,
    /** An API Gateway custom domain name (REST or HTTP API). */
    APIGATEWAY_DOMAIN
}
