package io.certfleet.core.certificate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
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

/** Reads {@link CertificateFacts} from a decoded {@link X509Certificate}, with the JDK's own API. */
public final class X509Facts {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private X509Facts() {
    }

    public static CertificateFacts of(X509Certificate certificate, List<ChainCertificate> chain)
            throws MalformedCertificateException {
        PublicKey key = certificate.getPublicKey();
        return new CertificateFacts(
                subject(certificate),
                subjectAlternativeNames(certificate),
                issuer(certificate),
                certificate.getSerialNumber().toString(16),
                sha256(certificate),
                certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(),
                keyAlgorithm(key),
                keySize(key),
                certificate.getSigAlgName(),
                chain);
    }

    public static ChainCertificate chainEntry(X509Certificate certificate) throws MalformedCertificateException {
        return new ChainCertificate(subject(certificate), issuer(certificate), sha256(certificate),
                certificate.getNotAfter().toInstant());
    }

    public static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    public static String issuer(X509Certificate certificate) {
        return certificate.getIssuerX500Principal().getName(X500Principal.RFC2253);
    }

    /** DNS names and IP addresses of the subjectAltName extension, in certificate order. */
    public static List<String> subjectAlternativeNames(X509Certificate certificate)
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
            throw new MalformedCertificateException("subjectAltName extension is malformed: " + e.getMessage(), e);
        }
    }

    public static String keyAlgorithm(PublicKey key) {
        if (key instanceof EdECPublicKey edwards) {
            return edwards.getParams().getName(); // Ed25519 or Ed448 (the JDK calls both "EdDSA")
        }
        return switch (key.getAlgorithm()) {
            case "ECDSA", "EC" -> "EC";
            default -> key.getAlgorithm();
        };
    }

    /** Key size in bits: RSA modulus, EC field size, the Edwards curves' security size, else the encoded key's. */
    public static int keySize(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        return switch (keyAlgorithm(key)) {
            case "Ed25519" -> 256;
            case "Ed448" -> 456;
            default -> key.getEncoded().length * 8;
        };
    }

    public static String sha256(X509Certificate certificate) throws MalformedCertificateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new MalformedCertificateException("certificate cannot be re-encoded: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
