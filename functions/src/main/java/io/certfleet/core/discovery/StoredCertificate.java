package io.certfleet.core.discovery;

import java.util.Objects;

/**
 * A certificate exactly as a store returned it: location plus PEM text, not yet parsed (it may be garbage).
 *
 * @param chainPem the stored chain, or {@code null} when there is none
 */
public record StoredCertificate(CertificateLocation location, String certificatePem, String chainPem) {
    public StoredCertificate {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(certificatePem, "certificatePem");
    }
}
