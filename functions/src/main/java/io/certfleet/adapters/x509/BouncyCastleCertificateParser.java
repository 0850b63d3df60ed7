package io.certfleet.adapters.x509;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.certificate.CertificateParser;
import io.certfleet.core.certificate.ChainCertificate;
import io.certfleet.core.certificate.MalformedCertificateException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/** Reads certificates with Bouncy Castle, with a specific reason for every malformed input. */
public final class BouncyCastleCertificateParser implements CertificateParser {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    /** Bouncy Castle decodes the DER; the JDK's provider builds the certificate, for JCA-standard algorithm names
     * ({@code SHA256withRSA}, as the TLS stack reports them). */
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
                chain.add(chainEntry(decode(chainBlocks.get(i), "certificate chain entry " + (i + 1))));
            }
        }
        return facts(leaf, chain);
    }

    /** Facts of a certificate that is already decoded. */
    public CertificateFacts facts(X509Certificate leaf, List<ChainCertificate> chain)
            throws MalformedCertificateException {
        PublicKey key = leaf.getPublicKey();
        return new CertificateFacts(
                rfc2253(leaf.getSubjectX500Principal()),
                subjectAlternativeNames(leaf),
                rfc2253(leaf.getIssuerX500Principal()),
                leaf.getSerialNumber().toString(16),
                sha256(leaf),
                leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(),
                keyAlgorithm(key),
                keySize(key),
                leaf.getSigAlgName(),
                chain);
    }

    public ChainCertificate chainEntry(X509Certificate certificate) throws MalformedCertificateException {
        return new ChainCertificate(
                rfc2253(certificate.getSubjectX500Principal()),
                rfc2253(certificate.getIssuerX500Principal()),
                sha256(certificate),
                certificate.getNotAfter().toInstant());
    }

    private X509Certificate decode(byte[] der, String what) throws MalformedCertificateException {
        try {
            return converter.getCertificate(new X509CertificateHolder(der));
        } catch (java.io.IOException | RuntimeException e) {
            throw new MalformedCertificateException(what + " is not a DER-encoded X.509 certificate: " + reason(e), e);
        } catch (CertificateException e) {
            throw new MalformedCertificateException(what + " cannot be converted to an X.509 certificate: "
                    + reason(e), e);
        }
    }

    private static List<String> subjectAlternativeNames(X509Certificate certificate)
            throws MalformedCertificateException {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            List<String> sans = new ArrayList<>();
            for (List<?> name : names) {
                int type = (Integer) name.get(0);
                if (type == SAN_DNS || type == SAN_IP) {
                    sans.add(String.valueOf(name.get(1)));
                }
            }
            return sans;
        } catch (CertificateParsingException e) {
            throw new MalformedCertificateException("subjectAltName extension is malformed: " + reason(e), e);
        }
    }

    private static String keyAlgorithm(PublicKey key) {
        if (key instanceof EdECPublicKey edwards) {
            return edwards.getParams().getName(); // Ed25519 or Ed448 (the JDK calls both "EdDSA")
        }
        return switch (key.getAlgorithm()) {
            case "ECDSA", "EC" -> "EC";
            default -> key.getAlgorithm();
        };
    }

    private static int keySize(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        return switch (keyAlgorithm(key)) {
            case "Ed25519" -> 256;
            case "Ed448" -> 456;
            default -> SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getBytes().length * 8;
        };
    }

    private static String sha256(X509Certificate certificate) throws MalformedCertificateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new MalformedCertificateException("certificate cannot be re-encoded: " + reason(e), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String rfc2253(X500Principal principal) {
        return principal.getName(X500Principal.RFC2253);
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
