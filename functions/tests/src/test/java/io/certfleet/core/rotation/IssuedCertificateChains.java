package io.certfleet.core.rotation;

import io.certfleet.local.pki.IssuedCertificate;
import java.util.Base64;
import java.security.cert.CertificateEncodingException;

/** The chain a certificate is imported with: its intermediates, without the root (as CAs hand them out). */
final class IssuedCertificateChains {

    private IssuedCertificateChains() {
    }

    static String intermediateOnly(IssuedCertificate certificate) {
        StringBuilder pem = new StringBuilder();
        for (var issuer : certificate.chain()) {
            if (issuer.getSubjectX500Principal().equals(issuer.getIssuerX500Principal())) {
                continue;
            }
            try {
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(issuer.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return pem.isEmpty() ? null : pem.toString();
    }
}
