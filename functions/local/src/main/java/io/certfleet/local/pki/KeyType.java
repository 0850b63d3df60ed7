package io.certfleet.local.pki;

/** Key types a {@link CertificateBuilder} can make: those ACM imports, plus Ed25519. */
public enum KeyType {
    RSA_1024("RSA", 1024),
    RSA_2048("RSA", 2048),
    RSA_3072("RSA", 3072),
    RSA_4096("RSA", 4096),
    EC_P256("EC", 256),
    EC_P384("EC", 384),
    EC_P521("EC", 521),
    ED25519("Ed25519", 256);

    private final String algorithm;
    private final int size;

    KeyType(String algorithm, int size) {
        this.algorithm = algorithm;
        this.size = size;
    }

    /** JCA key algorithm name. */
    public String algorithm() {
        return algorithm;
    }

    /** Key size in bits (RSA modulus, EC field size). */
    public int size() {
        return size;
    }
}
