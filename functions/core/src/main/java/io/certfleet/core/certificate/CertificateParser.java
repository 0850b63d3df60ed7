package io.certfleet.core.certificate;

/** Port: reads {@link CertificateFacts} from PEM text as AWS stores it (certificate body plus optional chain). */
public interface CertificateParser {

    /**
     * @param certificatePem exactly one PEM {@code CERTIFICATE} block
     * @param chainPem       zero or more PEM {@code CERTIFICATE} blocks, or {@code null}
     * @throws MalformedCertificateException with a specific reason when either part cannot be read
     */
    CertificateFacts parse(String certificatePem, String chainPem) throws MalformedCertificateException;
}
