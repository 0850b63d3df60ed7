package io.certfleet.core.certificate;

/** Where a certificate is stored in AWS. */
public enum CertificateSource {
    /** AWS Certificate Manager (issued or imported). */
    ACM,
    /** An IAM server certificate. */
    IAM
}
