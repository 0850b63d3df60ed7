package io.certfleet.core.discovery;

import java.util.Map;
import java.util.Objects;

/**
 * A certificate as a store listed it: either read in full, or recognised as unchanged from what the inventory
 * already holds (same store version), in which case the store skipped reading it.
 */
public sealed interface ListedCertificate permits ListedCertificate.Fetched, ListedCertificate.Unchanged {

    CertificateLocation location();

    /** The store's status of the certificate, e.g. ACM's {@code ISSUED} or {@code EXPIRED}. */
    String status();

    /** A store-specific marker that changes whenever the certificate at this location changes. */
    String version();

    /** The certificate's own tags. */
    Map<String, String> tags();

    /** Read in full: PEM body and chain as the store holds them (possibly garbage). */
    record Fetched(CertificateLocation location, String status, String version, Map<String, String> tags,
                   String certificatePem, String chainPem) implements ListedCertificate {
        public Fetched {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(version, "version");
            tags = Map.copyOf(tags);
            Objects.requireNonNull(certificatePem, "certificatePem");
        }
    }

    /** Same version as the inventory's record at this location: not read again. */
    record Unchanged(CertificateLocation location, String status, String version, Map<String, String> tags)
            implements ListedCertificate {
        public Unchanged {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(version, "version");
            tags = Map.copyOf(tags);
        }
    }
}
