package io.certfleet.core.rotation.issuer;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.policy.TlsPolicy;
import java.util.List;
import java.util.Locale;

/**
 * The key a replacement gets: the old certificate's type and size when the profile allows them, else an upgrade to
 * what the profile asks (EC P-256 first: smaller, faster handshakes; RSA where only RSA is allowed). Only what ACM
 * holds: RSA 2048, 3072, 4096 and EC P-256, P-384.
 *
 * @param type {@code RSA} or {@code EC}
 * @param bits RSA modulus or EC field size
 */
public record KeySpec(String type, int bits) {

    private static final List<Integer> RSA_SIZES = List.of(2048, 3072, 4096);
    private static final List<Integer> EC_SIZES = List.of(256, 384);

    public KeySpec {
        List<Integer> sizes = switch (type) {
            case "RSA" -> RSA_SIZES;
            case "EC" -> EC_SIZES;
            default -> throw new IllegalArgumentException("ACM holds RSA and EC keys, not " + type);
        };
        if (!sizes.contains(bits)) {
            throw new IllegalArgumentException(type + " " + bits + " is not a key size ACM holds (" + sizes + ")");
        }
    }

    /** The replacement's key for a certificate under a profile; refused when the profile allows nothing ACM holds. */
    public static KeySpec forReplacement(CertificateFacts old, TlsPolicy profile) {
        String oldType = typeOf(old);
        if (profile.allowedKeyTypes().contains(oldType) && (oldType.equals("RSA") || oldType.equals("EC"))) {
            KeySpec same = sized(oldType, Math.max(old.keySize(), minimum(oldType, profile)));
            if (same != null) {
                return same;
            }
        }
        for (String type : List.of("EC", "RSA")) {
            if (profile.allowedKeyTypes().contains(type)) {
                KeySpec upgrade = sized(type, minimum(type, profile));
                if (upgrade != null) {
                    return upgrade;
                }
            }
        }
        throw new IllegalArgumentException("profile " + profile.name() + " allows no key ACM can hold (keyTypes "
                + profile.allowedKeyTypes().stream().sorted().toList() + ", minRsaBits " + profile.minRsaBits()
                + ", minEcBits " + profile.minEcBits() + "; ACM holds RSA " + RSA_SIZES + ", EC " + EC_SIZES + ")");
    }

    /** True when the old certificate's key differs (a weak or disallowed key replaced by a sound one). */
    public boolean upgrades(CertificateFacts old) {
        return !type.equals(typeOf(old)) || bits != old.keySize();
    }

    /** {@code RSA}, {@code EC} (ECDSA too), or the algorithm's name as the certificate gives it. */
    private static String typeOf(CertificateFacts facts) {
        String upper = facts.keyAlgorithm().toUpperCase(Locale.ROOT);
        return upper.startsWith("EC") ? "EC" : upper;
    }

    private static int minimum(String type, TlsPolicy profile) {
        return type.equals("RSA") ? profile.minRsaBits() : profile.minEcBits();
    }

    private static KeySpec sized(String type, int atLeast) {
        return (type.equals("RSA") ? RSA_SIZES : EC_SIZES).stream().filter(size -> size >= atLeast).findFirst()
                .map(size -> new KeySpec(type, size)).orElse(null);
    }

    @Override
    public String toString() {
        return type.equals("EC") ? "EC P-" + bits : "RSA " + bits;
    }
}
