package io.certfleet.adapters.x509;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.certificate.CertificateParser;
import io.certfleet.core.certificate.ChainCertificate;
import io.certfleet.core.certificate.MalformedCertificateException;
import io.certfleet.core.certificate.X509Facts;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/**
 * Reads certificates from PEM as AWS stores them: Bouncy Castle decodes the DER, with a specific reason for every
 * malformed input; the facts are read from the decoded certificate ({@link X509Facts}).
 */
public final class BouncyCastleCertificateParser implements CertificateParser {

    /** The JDK's provider builds the certificate, for JCA-standard algorithm names ({@code SHA256withRSA}). */
    private final JcaX509CertificateConverter converter = new JcaX509CertificateConverter();

    @Override
    public CertificateFacts parse(String certificatePem, String chainPem) throws MalformedCertificateException {
        List<byte[]> leafBlocks = PemBlocks.certificates(certificatePem, "certificate body");
        if (leafBlocks.size() != 1) {
            throw new MalformedCertificateException(
                    "certificate body holds " + leafBlocks.size() + " CERTIFICATE blocks, expected exactly 1");
        }
        X509Certificate leaf = decode(leafBlocks.getFirst(), "certificate body");
        List<ChainCertificate> chain = new ArrayList<>();
        if (chainPem != null && !chainPem.isBlank()) {
            List<byte[]> chainBlocks = PemBlocks.certificates(chainPem, "certificate chain");
            for (int i = 0; i < chainBlocks.size(); i++) {
                chain.add(X509Facts.chainEntry(decode(chainBlocks.get(i), "certificate chain entry " + (i + 1))));
            }
        }
        return X509Facts.of(leaf, chain);
    }

    /** Every CERTIFICATE block of PEM text, decoded (e.g. a CA bundle). */
    public List<X509Certificate> certificates(String pem, String what) throws MalformedCertificateException {
        List<X509Certificate> certificates = new ArrayList<>();
        List<byte[]> blocks = PemBlocks.certificates(pem, what);
        for (int i = 0; i < blocks.size(); i++) {
            certificates.add(decode(blocks.get(i), what + " entry " + (i + 1)));
        }
        return certificates;
    }

    private X509Certificate decode(byte[] der, String what) throws MalformedCertificateException {
        try {
            return converter.getCertificate(new X509CertificateHolder(der));
        } catch (IOException | RuntimeException e) {
            throw new MalformedCertificateException(what + " is not a DER-encoded X.509 certificate: " + reason(e), e);
        } catch (CertificateException e) {
            throw new MalformedCertificateException(what + " cannot be converted to an X.509 certificate: "
                    + reason(e), e);
        }
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
