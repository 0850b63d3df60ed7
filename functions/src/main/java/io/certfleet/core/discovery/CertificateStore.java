package io.certfleet.core.discovery;

import java.util.List;

/** Port: a place in one account and region that holds certificates (ACM, IAM, ...). */
public interface CertificateStore {

    /** The account and region this store reads. */
    ScanScope scope();

    /** Every certificate the store holds, with its PEM body and chain. */
    List<StoredCertificate> listCertificates();
}
