package io.certfleet.core.certificate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a certificate says about itself, read from its encoding (never from list metadata).
 *
 * @param subject            subject DN (RFC 2253)
 * @param sans               DNS names and IP addresses of the subjectAltName extension, in certificate order
 * @param issuer             issuer DN (RFC 2253)
 * @param serial             serial number, lower-case hex
 * @param sha256             SHA-256 fingerprint of the DER encoding, lower-case hex: the certificate's identity
 * @param keyAlgorithm       {@code RSA}, {@code EC}, {@code Ed25519}, ...
 * @param keySize            key size in bits (RSA modulus, EC field size)
 * @param signatureAlgorithm e.g. {@code SHA256withRSA}
 * @param chain              the chain stored with the certificate (may be empty), leaf excluded
 */
public record CertificateFacts(
        String subject,
        List<String> sans,
        String issuer,
        String serial,
        String sha256,
        Instant notBefore,
        Instant notAfter,
        String keyAlgorithm,
        int keySize,
        String signatureAlgorithm,
        List<ChainCertificate> chain) {

    public CertificateFacts {
        Objects.requireNonNull(subject, "subject");
        sans = List.copyOf(sans);
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
        chain = List.copyOf(chain);
    }

    /** Whole days from now until {@code notAfter}, rounded down: negative once expired, 0 on its last day. */
    public long daysToExpiry(Clock clock) {
        return Math.floorDiv(notAfter.getEpochSecond() - clock.instant().getEpochSecond(), 86_400L);
    }

    /** {@code RSA-2048}, {@code EC-256}: the short form tables print. */
    public String keyDescription() {
        return keyAlgorithm + "-" + keySize;
    }

    /** The subject's common name, if it has one. */
    public Optional<String> commonName() {
        return commonNameOf(subject);
    }

    /** The {@code CN} of a distinguished name ({@code CN=shop.example,O=Example}), if it has one. */
    public static Optional<String> commonNameOf(String distinguishedName) {
        if (distinguishedName == null) {
            return Optional.empty();
        }
        for (String part : distinguishedName.split(",")) {
            String trimmed = part.strip();
            if (trimmed.regionMatches(true, 0, "CN=", 0, 3)) {
                return Optional.of(trimmed.substring(3));
            }
        }
        return Optional.empty();
    }
}
