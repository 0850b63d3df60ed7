package io.certfleet.core.discovery;

import io.certfleet.core.certificate.CertificateSource;
import java.util.Objects;

/** Where one copy of a certificate lives: its store, ARN, account and region. */
public record CertificateLocation(CertificateSource source, String arn, String accountId, String region) {
    public CertificateLocation {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
    }

    public ScanScope scope() {
        return new ScanScope(accountId, region);
    }
}
