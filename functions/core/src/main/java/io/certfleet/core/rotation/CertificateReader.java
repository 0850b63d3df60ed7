package io.certfleet.core.rotation;

import io.certfleet.core.discovery.CertificateLocation;
import io.certfleet.core.discovery.ListedCertificate;
import java.util.Optional;

/** Port: reads one certificate (PEM body and chain, status, tags) where it lives; empty when there is none. */
public interface CertificateReader {

    Optional<ListedCertificate.Fetched> read(CertificateLocation location);
}
