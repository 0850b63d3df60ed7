package io.certfleet.adapters.x509;

import io.certfleet.core.rotation.issuer.KeySpec;
import java.io.IOException;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A fresh key pair and its certificate signing request (Bouncy Castle), made in memory for one issuance. The private
 * key's PEM goes to ACM's ImportCertificate and nowhere else: {@link #toString()} never shows it.
 */
public final class KeyAndCsr {

    private final KeyPair keys;
    private final String csrPem;

    private KeyAndCsr(KeyPair keys, String csrPem) {
        this.keys = keys;
        this.csrPem = csrPem;
    }

    /** A new key of that spec, and a CSR for CN={@code commonName} with the DNS names as subjectAltName. */
    public static KeyAndCsr generate(KeySpec spec, String commonName, List<String> dnsNames) {
        try {
            KeyPairGenerator generator;
            String signature;
            if (spec.type().equals("EC")) {
                generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec(spec.bits() == 384 ? "secp384r1" : "secp256r1"));
                signature = spec.bits() == 384 ? "SHA384withECDSA" : "SHA256withECDSA";
            } else {
                generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(spec.bits());
                signature = "SHA256withRSA";
            }
            KeyPair keys = generator.generateKeyPair();
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            List<String> names = dnsNames.isEmpty() ? List.of(commonName) : dnsNames;
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.stream()
                    .map(name -> new GeneralName(GeneralName.dNSName, name)).toArray(GeneralName[]::new)));
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(new X500NameBuilder(
                    BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build(), keys.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(new JcaContentSignerBuilder(signature).build(keys.getPrivate()));
            return new KeyAndCsr(keys, pem(request));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a " + spec + " key and CSR for " + commonName + ": "
                    + e.getMessage(), e);
        }
    }

    public String csrPem() {
        return csrPem;
    }

    /** PKCS#8 PEM of the private key, for ACM's ImportCertificate only. */
    public String privateKeyPem() {
        try {
            return pem(keys.getPrivate());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the private key", e);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object instanceof java.security.PrivateKey key
                    ? new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", key.getEncoded()) : object);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "KeyAndCsr[" + keys.getPublic().getAlgorithm() + ", private key not shown]";
    }
}
