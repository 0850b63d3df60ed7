package io.certfleet.local.drill;

import io.certfleet.core.drill.DrillFault;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Makes the deliberately broken certificates of drills (Bouncy Castle): the names of the certificate the drilled
 * endpoint serves, from an issuer the endpoint's clients trust when one is given (a staging CA), with exactly one
 * thing wrong. Without an issuer, a CA made for the drill signs it (then the canary also sees an untrusted root).
 */
public final class BrokenCertificates {

    /** The name a {@link DrillFault#WRONG_HOST} certificate covers instead of the endpoint's. */
    public static final String WRONG_NAME = "wrong-host.certfleet-drill.invalid";

    private BrokenCertificates() {
    }

    /**
     * @param commonName   the served certificate's common name
     * @param dnsNames     the served certificate's DNS names
     * @param outlive      the served certificate's end: the broken one ends later (a replacement must), unless its
     *                     fault is to expire
     * @param issuer       the CA that signs it (its chain is imported with it, except for an incomplete chain)
     * @param expiresAfter for {@link DrillFault#EXPIRED}: how long after now it expires (ACM imports nothing expired)
     */
    public static IssuedCertificate make(DrillFault fault, String commonName, List<String> dnsNames, Instant outlive,
                                         IssuedCertificate issuer, Duration expiresAfter, Clock clock) {
        Instant now = clock.instant();
        List<String> names = new ArrayList<>(dnsNames.isEmpty() ? List.of(commonName) : dnsNames);
        String subject = commonName;
        KeyType key = KeyType.EC_P256;
        Instant notBefore = now.minus(Duration.ofHours(1));
        Instant notAfter = now.plus(Duration.ofDays(30));
        if (outlive != null && outlive.isAfter(notAfter.minus(Duration.ofHours(1)))) {
            notAfter = outlive.plus(Duration.ofHours(1));
        }
        switch (fault) {
            case EXPIRED -> {
                notBefore = now.minus(Duration.ofDays(90));
                notAfter = now.plus(expiresAfter);
            }
            case WRONG_HOST -> {
                names = List.of(WRONG_NAME);
                subject = WRONG_NAME;
            }
            case WEAK_KEY -> key = KeyType.RSA_1024;
            case INCOMPLETE_CHAIN -> {
                // the same certificate; it is imported without its chain
            }
        }
        IssuedCertificate made = CertificateBuilder.certificate(subject).organization("certfleet drill")
                .dnsNames(names.toArray(String[]::new)).keyType(key).issuedBy(issuer).validity(notBefore, notAfter)
                .build();
        return fault == DrillFault.INCOMPLETE_CHAIN ? new IssuedCertificate(made.certificate(), made.keyPair(),
                List.of()) : made;
    }

    /** A CA made for one drill (its key is thrown away): used when no issuer the endpoint's clients trust is given. */
    public static IssuedCertificate drillCa(Clock clock) {
        Instant now = clock.instant();
        IssuedCertificate root = CertificateBuilder.certificate("certfleet drill root " + now.getEpochSecond())
                .organization("certfleet drill").keyType(KeyType.EC_P256).certificateAuthority()
                .validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(3650))).build();
        return CertificateBuilder.certificate("certfleet drill CA " + now.getEpochSecond())
                .organization("certfleet drill").keyType(KeyType.EC_P256).certificateAuthority().issuedBy(root)
                .validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(3650))).build();
    }

    /**
     * An issuing CA from PEM files: its certificate (then, optionally, its own chain up to the root) and its
     * private key (PKCS#8 or traditional). A key that does not match the certificate is refused.
     */
    public static IssuedCertificate loadCa(Path certificateFile, Path keyFile) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser pem = new PEMParser(new StringReader(Files.readString(certificateFile)))) {
            for (Object read = pem.readObject(); read != null; read = pem.readObject()) {
                if (read instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (java.security.cert.CertificateException e) {
            throw new IOException(certificateFile + ": not a PEM certificate (" + e.getMessage() + ")", e);
        }
        if (certificates.isEmpty()) {
            throw new IOException(certificateFile + ": no PEM certificate in it");
        }
        PrivateKey key;
        try (PEMParser pem = new PEMParser(new StringReader(Files.readString(keyFile)))) {
            Object read = pem.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (read instanceof PEMKeyPair pair) {
                key = converter.getPrivateKey(pair.getPrivateKeyInfo());
            } else if (read instanceof PrivateKeyInfo info) {
                key = converter.getPrivateKey(info);
            } else {
                throw new IOException(keyFile + ": no unencrypted PEM private key in it");
            }
        }
        X509Certificate ca = certificates.getFirst();
        PublicKey publicKey = ca.getPublicKey();
        if (!matches(publicKey, key)) {
            throw new IOException(keyFile + ": this key does not belong to the certificate in " + certificateFile);
        }
        return new IssuedCertificate(ca, new KeyPair(publicKey, key), certificates.subList(1, certificates.size()));
    }

    private static boolean matches(PublicKey publicKey, PrivateKey privateKey) {
        try {
            String algorithm = publicKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            java.security.Signature signer = java.security.Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            byte[] probe = "certfleet drill".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            signer.update(probe);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
