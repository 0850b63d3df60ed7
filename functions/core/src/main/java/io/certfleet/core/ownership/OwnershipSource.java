package io.certfleet.core.ownership;

/** The fallback chain, in order: the first rule that finds a value wins. */
public enum OwnershipSource {
    /** A tag on the certificate itself (ACM, IAM). */
    CERTIFICATE_TAG,
    /** A tag on a resource that serves the certificate (load balancer, distribution, API domain). */
    RESOURCE_TAG,
    /** A tag on the AWS account (AWS Organizations). */
    ACCOUNT_TAG,
    /** The configured default. */
    DEFAULT
}
