package io.certfleet.core.finding;

/**
 * The causes certfleet names, with the exact codes of the product contract (shared/contracts/finding-codes.md) and
 * their default severities. Policies may raise or lower a severity.
 */
public enum FindingCode {
    EXPIRED(Severity.CRITICAL, "the certificate (or one in its path) has expired"),
    NOT_YET_VALID(Severity.CRITICAL, "the certificate is not valid yet"),
    EXPIRING_SOON(Severity.MEDIUM, "the certificate expires within the policy's warning window"),
    HOSTNAME_MISMATCH(Severity.CRITICAL, "the certificate does not cover the requested name"),
    SELF_SIGNED(Severity.CRITICAL, "the certificate is self-signed and not trusted"),
    UNTRUSTED_ROOT(Severity.CRITICAL, "the chain ends at a root that is not trusted"),
    INCOMPLETE_CHAIN(Severity.CRITICAL, "an intermediate certificate was not served"),
    CHAIN_ORDER(Severity.MEDIUM, "served certificates are out of order, duplicated or unrelated"),
    WEAK_KEY(Severity.HIGH, "a key is shorter than the policy allows"),
    WEAK_SIGNATURE(Severity.HIGH, "a certificate is signed with a weak algorithm"),
    REVOKED(Severity.CRITICAL, "OCSP says the certificate is revoked"),
    OCSP_STAPLE_MISSING(Severity.MEDIUM, "the policy requires a stapled OCSP response and none was served"),
    PROTOCOL_MISMATCH(Severity.CRITICAL, "no TLS version the policy allows is accepted"),
    CIPHER_MISMATCH(Severity.CRITICAL, "no cipher suite the policy allows is accepted"),
    LEGACY_PROTOCOL_ENABLED(Severity.HIGH, "a TLS version below the policy's minimum is accepted"),
    WEAK_CIPHER_ENABLED(Severity.MEDIUM, "a cipher suite outside the policy is accepted"),
    SNI_REQUIRED(Severity.MEDIUM, "without SNI the handshake fails or serves another certificate"),
    WRONG_CERTIFICATE(Severity.CRITICAL, "the served certificate is not the one expected here"),
    NOT_TLS(Severity.CRITICAL, "the peer answered, but not with TLS"),
    CONNECTION_REFUSED(Severity.CRITICAL, "the TCP connection was refused"),
    TIMEOUT(Severity.CRITICAL, "connecting or the handshake timed out"),
    DNS_FAILURE(Severity.CRITICAL, "the host name did not resolve"),

    // Policy-only codes (certfleet's, not the contract's): configuration and certificate rules of a profile.
    SECURITY_POLICY_NOT_ALLOWED(Severity.MEDIUM, "the endpoint's security policy is not one the profile allows", true),
    UNKNOWN_SECURITY_POLICY(Severity.MEDIUM, "the endpoint's security policy cannot be expanded to protocols", true),
    CONFIG_WIRE_MISMATCH(Severity.HIGH, "what the endpoint serves differs from what its configuration says", true),
    KEY_TYPE_NOT_ALLOWED(Severity.MEDIUM, "the certificate's key type is not one the profile allows", true),
    SIGNATURE_NOT_ALLOWED(Severity.MEDIUM, "the certificate's signature algorithm is not one the profile allows",
            true),
    VALIDITY_TOO_LONG(Severity.MEDIUM, "the certificate's lifetime exceeds the profile's maximum", true),
    MALFORMED_CERTIFICATE(Severity.HIGH, "the stored certificate or its chain cannot be parsed", true),
    ROTATION_FAILED(Severity.HIGH, "the certificate's last rotation failed or was rolled back: it still serves the "
            + "certificate it was to replace", true);

    private final Severity defaultSeverity;
    private final String meaning;
    private final boolean policyOnly;

    FindingCode(Severity defaultSeverity, String meaning) {
        this(defaultSeverity, meaning, false);
    }

    FindingCode(Severity defaultSeverity, String meaning, boolean policyOnly) {
        this.defaultSeverity = defaultSeverity;
        this.meaning = meaning;
        this.policyOnly = policyOnly;
    }

    /** A code of certfleet's policy engine, documented in the README, not in the product contract. */
    public boolean policyOnly() {
        return policyOnly;
    }

    /** Whether the code means a client's handshake fails (or reaches the wrong certificate). */
    public boolean breaksHandshakes() {
        return switch (this) {
            case EXPIRED, NOT_YET_VALID, HOSTNAME_MISMATCH, SELF_SIGNED, UNTRUSTED_ROOT, INCOMPLETE_CHAIN, REVOKED,
                 PROTOCOL_MISMATCH, CIPHER_MISMATCH, WRONG_CERTIFICATE, NOT_TLS, CONNECTION_REFUSED, TIMEOUT,
                 DNS_FAILURE -> true;
            default -> false;
        };
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** One line in words, for people. */
    public String meaning() {
        return meaning;
    }
}
