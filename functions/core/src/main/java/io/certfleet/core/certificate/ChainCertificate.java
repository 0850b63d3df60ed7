package io.certfleet.core.certificate;

import java.time.Instant;
import java.util.Objects;

/** One certificate of a chain, as served or as imported: enough to tell what it is and when it ends. */
public record ChainCertificate(String subject, String issuer, String sha256, Instant notAfter) {
    public ChainCertificate {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(notAfter, "notAfter");
    }
}
