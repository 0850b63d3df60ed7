package io.certfleet.local.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemGenerationException;

/**
 * A certificate with its key pair and the chain above it (issuer first, root last; empty when self-signed).
 * The private key leaves this object only through {@link #privateKeyPem()}, for importing into a store.
 */
public record IssuedCertificate(X509Certificate certificate, KeyPair keyPair, List<X509Certificate> chain) {

    public IssuedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(keyPair, "keyPair");
        chain = List.copyOf(chain);
    }

    public String certificatePem() {
        return certificatesPem(List.of(certificate));
    }

    /** The chain as PEM (issuer first), or {@code null} when there is none. */
    public String chainPem() {
        return chain.isEmpty() ? null : certificatesPem(chain);
    }

    /** PKCS#8 PEM ({@code PRIVATE KEY}) of the private key. */
    public String privateKeyPem() {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(keyPair.getPrivate(), null));
        } catch (PemGenerationException e) {
            throw new IllegalStateException("cannot encode the private key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write PEM", e);
        }
        return text.toString();
    }

    /** This certificate followed by its chain: what a server sends. */
    public List<X509Certificate> certificateAndChain() {
        return Stream.concat(Stream.of(certificate), chain.stream()).toList();
    }

    static String certificatesPem(List<X509Certificate> certificates) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write PEM", e);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "IssuedCertificate[" + certificate.getSubjectX500Principal().getName() + "]"; // never the key
    }
}
