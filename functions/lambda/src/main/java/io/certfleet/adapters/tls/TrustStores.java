package io.certfleet.adapters.tls;

import io.certfleet.adapters.x509.BouncyCastleCertificateParser;
import io.certfleet.core.certificate.MalformedCertificateException;
import io.certfleet.core.probe.TrustMaterial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Where trust comes from: the JDK's {@code cacerts}, or PEM files that replace it for one run. */
public final class TrustStores {

    /** A CA bundle is a few hundred certificates; refuse what cannot be one. */
    private static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private TrustStores() {
    }

    /** The JDK's default trusted roots, no known intermediates. */
    public static TrustMaterial jdkDefaults() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return new TrustMaterial(List.of(x509.getAcceptedIssuers()), List.of());
                }
            }
            throw new IllegalStateException("the JDK's trust manager factory has no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the JDK's trusted roots: " + e.getMessage(), e);
        }
    }

    /**
     * The certificates of PEM files: self-signed ones become the trusted roots, the others known intermediates (an
     * issuer found only among them was not served: the chain is incomplete).
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static TrustMaterial fromPemFiles(List<Path> files) {
        List<X509Certificate> anchors = new ArrayList<>();
        List<X509Certificate> intermediates = new ArrayList<>();
        BouncyCastleCertificateParser parser = new BouncyCastleCertificateParser();
        for (Path file : files) {
            for (X509Certificate certificate : read(parser, file)) {
                (isSelfSigned(certificate) ? anchors : intermediates).add(certificate);
            }
        }
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", files.stream().map(Path::toString).toList())
                    + ": no self-signed (root) certificate, so nothing would be trusted");
        }
        return new TrustMaterial(anchors, intermediates);
    }

    private static List<X509Certificate> read(BouncyCastleCertificateParser parser, Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(file + ": larger than " + MAX_FILE_BYTES / (1024 * 1024)
                        + " MiB, not a CA bundle");
            }
            List<X509Certificate> certificates = parser.certificates(Files.readString(file,
                    StandardCharsets.ISO_8859_1), file.toString());
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(file + ": no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
            }
            return certificates;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage());
        } catch (MalformedCertificateException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static boolean isSelfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
