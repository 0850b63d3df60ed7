package io.certfleet.local.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes real X.509 certificates with Bouncy Castle: leaves, intermediates and roots, any key type, any validity
 * (past and future included), any signature algorithm (weak ones included, for tests). Used by the demo fleet and
 * by test fixtures.
 *
 * <pre>{@code
 * IssuedCertificate root = CertificateBuilder.certificate("Demo Root").certificateAuthority().build();
 * IssuedCertificate leaf = CertificateBuilder.certificate("api.example.test")
 *         .dnsNames("api.example.test").keyType(KeyType.EC_P256).issuedBy(root).build();
 * }</pre>
 */
public final class CertificateBuilder {

    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String commonName;
    private String organization;
    private final List<GeneralName> subjectAltNames = new ArrayList<>();
    private KeyType keyType = KeyType.EC_P256;
    private KeyPair keyPair;
    private Instant notBefore;
    private Instant notAfter;
    private String signatureAlgorithm;
    private IssuedCertificate issuer;
    private boolean certificateAuthority;
    private String caIssuersUrl;
    private SecureRandom random = RANDOM;

    private CertificateBuilder(String commonName) {
        this.commonName = Objects.requireNonNull(commonName, "commonName");
    }

    /** A certificate whose subject is {@code CN=commonName}; valid from an hour ago for 90 days by default. */
    public static CertificateBuilder certificate(String commonName) {
        return new CertificateBuilder(commonName);
    }

    public CertificateBuilder organization(String organizationName) {
        this.organization = organizationName;
        return this;
    }

    public CertificateBuilder dnsNames(String... names) {
        for (String name : names) {
            subjectAltNames.add(new GeneralName(GeneralName.dNSName, name));
        }
        return this;
    }

    public CertificateBuilder ipAddresses(String... addresses) {
        for (String address : addresses) {
            subjectAltNames.add(new GeneralName(GeneralName.iPAddress, address));
        }
        return this;
    }

    public CertificateBuilder keyType(KeyType type) {
        this.keyType = Objects.requireNonNull(type, "type");
        return this;
    }

    /** Reuses an existing key pair (its type must match {@link #keyType}); e.g. to re-issue for the same key. */
    public CertificateBuilder keyPair(KeyPair pair) {
        this.keyPair = Objects.requireNonNull(pair, "pair");
        return this;
    }

    public CertificateBuilder validity(Instant from, Instant until) {
        this.notBefore = Objects.requireNonNull(from, "from");
        this.notAfter = Objects.requireNonNull(until, "until");
        return this;
    }

    /** Valid from one hour before {@code now} until {@code lifetime} after it. */
    public CertificateBuilder validFor(Instant now, Duration lifetime) {
        return validity(now.minus(Duration.ofHours(1)), now.plus(lifetime));
    }

    /** Overrides the issuer's default signature algorithm, e.g. {@code SHA1withRSA} for a weak-signature test. */
    public CertificateBuilder signatureAlgorithm(String algorithm) {
        this.signatureAlgorithm = Objects.requireNonNull(algorithm, "algorithm");
        return this;
    }

    /** Signed by {@code issuingCa}; without it the certificate is self-signed. */
    public CertificateBuilder issuedBy(IssuedCertificate issuingCa) {
        this.issuer = Objects.requireNonNull(issuingCa, "issuingCa");
        return this;
    }

    /** A CA certificate (basicConstraints CA, keyCertSign) rather than a TLS server leaf. */
    public CertificateBuilder certificateAuthority() {
        this.certificateAuthority = true;
        return this;
    }

    /** An Authority Information Access extension whose caIssuers URL points at the issuer's certificate. */
    public CertificateBuilder caIssuersUrl(String url) {
        this.caIssuersUrl = Objects.requireNonNull(url, "url");
        return this;
    }

    /**
     * Derives the key pair, serial number and signature from {@code seed} instead of fresh randomness: the same
     * seed, names, validity and issuer give the same certificate, byte for byte (the demo's fleet is stable across
     * runs this way, so a re-run finds the certificates it already alerted on). Never for real keys.
     */
    public CertificateBuilder deterministic(String seed) {
        try {
            SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
            seeded.setSeed(Objects.requireNonNull(seed, "seed").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            this.random = seeded;
            return this;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA1PRNG in this JDK: " + e.getMessage(), e);
        }
    }

    public IssuedCertificate build() {
        KeyPair subjectKeys = keyPair != null ? keyPair : generateKeyPair(keyType, random);
        Instant from = notBefore != null ? notBefore : Instant.now().minus(Duration.ofHours(1));
        Instant until = notAfter != null ? notAfter : from.plus(Duration.ofDays(90));
        X500Principal subject = new X500Principal(organization == null
                ? "CN=" + commonName
                : "CN=" + commonName + ", O=" + organization);
        X500Principal issuerName = issuer == null ? subject : issuer.certificate().getSubjectX500Principal();
        PrivateKey signingKey = issuer == null ? subjectKeys.getPrivate() : issuer.keyPair().getPrivate();
        String algorithm = signatureAlgorithm != null ? signatureAlgorithm : defaultSignatureAlgorithm(signingKey);
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    new BigInteger(127, random).add(BigInteger.ONE), Date.from(from), Date.from(until), subject,
                    subjectKeys.getPublic());
            addExtensions(builder, subjectKeys);
            X509Certificate certificate = new JcaX509CertificateConverter().setProvider(PROVIDER).getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).setProvider(PROVIDER).setSecureRandom(random)
                            .build(signingKey)));
            return new IssuedCertificate(certificate, subjectKeys, chainAbove());
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot build certificate CN=" + commonName + ": " + e.getMessage(), e);
        }
    }

    /** A fresh key pair of the given type. */
    public static KeyPair generateKeyPair(KeyType type) {
        return generateKeyPair(type, RANDOM);
    }

    private static KeyPair generateKeyPair(KeyType type, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(type.algorithm());
            switch (type) {
                case EC_P256 -> generator.initialize(new ECGenParameterSpec("secp256r1"), random);
                case EC_P384 -> generator.initialize(new ECGenParameterSpec("secp384r1"), random);
                case EC_P521 -> generator.initialize(new ECGenParameterSpec("secp521r1"), random);
                case ED25519 -> generator.initialize(255, random);
                default -> generator.initialize(type.size(), random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + type + " key pair: " + e.getMessage(), e);
        }
    }

    private void addExtensions(X509v3CertificateBuilder builder, KeyPair subjectKeys)
            throws CertIOException, GeneralSecurityException {
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                extensions.createSubjectKeyIdentifier(subjectKeys.getPublic()));
        builder.addExtension(Extension.authorityKeyIdentifier, false, issuer == null
                ? extensions.createAuthorityKeyIdentifier(subjectKeys.getPublic())
                : extensions.createAuthorityKeyIdentifier(issuer.certificate()));
        if (certificateAuthority) {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        } else {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            int usage = "RSA".equals(keyType.algorithm())
                    ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                    : KeyUsage.digitalSignature;
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        }
        if (caIssuersUrl != null) {
            builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                    AccessDescription.id_ad_caIssuers, new GeneralName(GeneralName.uniformResourceIdentifier,
                    caIssuersUrl)));
        }
        if (!subjectAltNames.isEmpty()) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(subjectAltNames.toArray(GeneralName[]::new)));
        }
    }

    private List<X509Certificate> chainAbove() {
        if (issuer == null) {
            return List.of();
        }
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(issuer.certificate());
        chain.addAll(issuer.chain());
        return chain;
    }

    private static String defaultSignatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519" -> "Ed25519";
            default -> key.getAlgorithm(); // Ed448
        };
    }
}
