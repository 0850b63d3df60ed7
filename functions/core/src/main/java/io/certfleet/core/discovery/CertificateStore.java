package io.certfleet.core.discovery;

import io.certfleet.core.certificate.CertificateSource;
import java.util.List;
import java.util.Map;

/** Port: a place in one account and region that holds certificates (ACM, IAM). */
public interface CertificateStore {

    /** Short name for errors and API-call counts, e.g. {@code acm}. */
    String name();

    CertificateSource source();

    /**
     * Every certificate the store holds.
     *
     * @param knownVersions the inventory's store version per ARN; a certificate whose listing shows the same version
     *                      may come back {@link ListedCertificate.Unchanged}, without being read again
     * @throws SourceException when the store cannot be listed
     */
    List<ListedCertificate> list(Map<String, String> knownVersions);
}
