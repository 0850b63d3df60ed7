package io.certfleet.core.policy;

import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.probe.CipherSuites;
import io.certfleet.core.probe.TlsVersion;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an endpoint must satisfy on the wire and in its certificates: TLS versions, cipher suites (IANA names),
 * key sizes, acceptable signature hashes, the expiry warning window (when a probe reports {@code EXPIRING_SOON}),
 * the expiry alert thresholds (when owners are told), OCSP stapling, severity overrides.
 *
 * @param allowedCipherSuites IANA names of the suites the policy allows (TLS 1.3 suites included)
 * @param weakSignatureHashes hash algorithms a non-root certificate must not be signed with
 */
public record TlsPolicy(String name, TlsVersion minVersion, TlsVersion maxVersion, Set<String> allowedCipherSuites,
                        int minRsaBits, int minEcBits, Set<String> weakSignatureHashes, Duration warningWindow,
                        ExpiryThresholds expiryThresholds, boolean requireOcspStaple,
                        Map<FindingCode, Severity> severityOverrides) {

    /** Mozilla Server Side TLS "intermediate" (6.0): TLS 1.2 with ECDHE AES-GCM and ChaCha20, and TLS 1.3. */
    public static final Set<String> MOZILLA_INTERMEDIATE = orderedSet(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private static final Set<String> WEAK_HASHES = Set.of("MD2", "MD5", "SHA1");

    /** Internet-facing sites: Mozilla intermediate, RSA 2048 / EC 256, warned 30 days ahead. */
    public static final TlsPolicy PUBLIC_WEB = new TlsPolicy("public-web", TlsVersion.TLS_1_2, TlsVersion.TLS_1_3,
            MOZILLA_INTERMEDIATE, 2048, 256, WEAK_HASHES, Duration.ofDays(30), ExpiryThresholds.DEFAULT, false,
            Map.of());

    /** Service to service inside the organization: the same suites; both ends are ours, so no leeway. */
    public static final TlsPolicy INTERNAL_API = new TlsPolicy("internal-api", TlsVersion.TLS_1_2,
            TlsVersion.TLS_1_3, MOZILLA_INTERMEDIATE, 2048, 256, WEAK_HASHES, Duration.ofDays(30), ExpiryThresholds.DEFAULT, false,
            Map.of());

    /**
     * Partner integrations: the same suites, warned 45 days ahead and alerted from 60 days (partners pin
     * certificates or trust stores and need notice to schedule the change on their side).
     */
    public static final TlsPolicy PARTNER = new TlsPolicy("partner", TlsVersion.TLS_1_2, TlsVersion.TLS_1_3,
            MOZILLA_INTERMEDIATE, 2048, 256, WEAK_HASHES, Duration.ofDays(45),
            new ExpiryThresholds(List.of(60, 45, 30, 14, 7, 3, 1)), false, Map.of());

    /**
     * Device fleets: also the AES-CCM suites constrained devices use, warned 60 days ahead and alerted from 90 days
     * (devices update slowly, often only with a firmware release).
     */
    public static final TlsPolicy IOT = new TlsPolicy("iot", TlsVersion.TLS_1_2, TlsVersion.TLS_1_3,
            union(MOZILLA_INTERMEDIATE, orderedSet("TLS_AES_128_CCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CCM")),
            2048, 256, WEAK_HASHES, Duration.ofDays(60), new ExpiryThresholds(List.of(90, 60, 45, 30, 14, 7, 3, 1)),
            false, Map.of());

    public static final List<TlsPolicy> BUILT_IN = List.of(PUBLIC_WEB, INTERNAL_API, PARTNER, IOT);

    public TlsPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(minVersion, "minVersion");
        Objects.requireNonNull(maxVersion, "maxVersion");
        if (minVersion.compareTo(maxVersion) > 0) {
            throw new IllegalArgumentException("policy " + name + ": minimum version " + minVersion.protocolName()
                    + " is above maximum " + maxVersion.protocolName());
        }
        allowedCipherSuites = Collections.unmodifiableSet(new LinkedHashSet<>(allowedCipherSuites));
        List<String> unknown = CipherSuites.unknown(allowedCipherSuites);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("policy " + name + ": unknown cipher suite " + String.join(", ", unknown)
                    + " (IANA names, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
        }
        if (allowedCipherSuites.isEmpty()) {
            throw new IllegalArgumentException("policy " + name + ": no cipher suite is allowed");
        }
        if (minRsaBits < 512 || minEcBits < 160) {
            throw new IllegalArgumentException("policy " + name + ": minimum key sizes must be at least 512 (RSA) and "
                    + "160 (EC) bits, got " + minRsaBits + " and " + minEcBits);
        }
        weakSignatureHashes = weakSignatureHashes.stream().map(hash -> hash.toUpperCase(Locale.ROOT).replace("-", ""))
                .collect(Collectors.toUnmodifiableSet());
        Objects.requireNonNull(warningWindow, "warningWindow");
        if (warningWindow.isNegative()) {
            throw new IllegalArgumentException("policy " + name + ": the warning window must not be negative");
        }
        Objects.requireNonNull(expiryThresholds, "expiryThresholds");
        severityOverrides = Map.copyOf(severityOverrides);
    }

    /** A built-in policy by name ({@code public-web}, {@code internal-api}, {@code partner}, {@code iot}). */
    public static Optional<TlsPolicy> builtIn(String name) {
        return BUILT_IN.stream().filter(policy -> policy.name().equals(name)).findFirst();
    }

    public boolean allows(TlsVersion version) {
        return version.compareTo(minVersion) >= 0 && version.compareTo(maxVersion) <= 0;
    }

    public boolean allowsCipher(String ianaName) {
        return allowedCipherSuites.contains(ianaName);
    }

    /**
     * The severity of a finding under this policy: the override if any, else the contract's default, where
     * {@code EXPIRING_SOON} is high within 7 days.
     */
    public Severity severityOf(FindingCode code, long daysLeft) {
        Severity override = severityOverrides.get(code);
        if (override != null) {
            return override;
        }
        if (code == FindingCode.EXPIRING_SOON && daysLeft <= 7) {
            return Severity.HIGH;
        }
        return code.defaultSeverity();
    }

    /** Whether a signature algorithm ({@code SHA1withRSA}, {@code SHA256withECDSA}) uses a weak hash. */
    public boolean isWeakSignature(String signatureAlgorithm) {
        String upper = signatureAlgorithm.toUpperCase(Locale.ROOT);
        return weakSignatureHashes.stream().anyMatch(hash -> upper.startsWith(hash + "WITH")
                || upper.startsWith(hash.replace("SHA", "SHA-") + "WITH"));
    }

    private static Set<String> orderedSet(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> union = new LinkedHashSet<>(first);
        union.addAll(second);
        return union;
    }

    /** Severity overrides as a mutable map, for building policies. */
    public static Map<FindingCode, Severity> overrides() {
        return new EnumMap<>(FindingCode.class);
    }

    /** A builder starting from this policy's values, for deriving profiles. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Derives a policy from another one field by field; {@link #build()} validates the result. */
    public static final class Builder {
        private String name;
        private TlsVersion minVersion;
        private TlsVersion maxVersion;
        private Set<String> allowedCipherSuites;
        private int minRsaBits;
        private int minEcBits;
        private Set<String> weakSignatureHashes;
        private Duration warningWindow;
        private ExpiryThresholds expiryThresholds;
        private boolean requireOcspStaple;
        private Map<FindingCode, Severity> severityOverrides;

        private Builder(TlsPolicy base) {
            name = base.name;
            minVersion = base.minVersion;
            maxVersion = base.maxVersion;
            allowedCipherSuites = base.allowedCipherSuites;
            minRsaBits = base.minRsaBits;
            minEcBits = base.minEcBits;
            weakSignatureHashes = base.weakSignatureHashes;
            warningWindow = base.warningWindow;
            expiryThresholds = base.expiryThresholds;
            requireOcspStaple = base.requireOcspStaple;
            severityOverrides = base.severityOverrides;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder minVersion(TlsVersion value) {
            minVersion = value;
            return this;
        }

        public Builder maxVersion(TlsVersion value) {
            maxVersion = value;
            return this;
        }

        public Builder allowedCipherSuites(Set<String> value) {
            allowedCipherSuites = value;
            return this;
        }

        public Builder minRsaBits(int value) {
            minRsaBits = value;
            return this;
        }

        public Builder minEcBits(int value) {
            minEcBits = value;
            return this;
        }

        public Builder weakSignatureHashes(Set<String> value) {
            weakSignatureHashes = value;
            return this;
        }

        public Builder warningWindow(Duration value) {
            warningWindow = value;
            return this;
        }

        public Builder expiryThresholds(ExpiryThresholds value) {
            expiryThresholds = value;
            return this;
        }

        public Builder requireOcspStaple(boolean value) {
            requireOcspStaple = value;
            return this;
        }

        public Builder severityOverrides(Map<FindingCode, Severity> value) {
            severityOverrides = value;
            return this;
        }

        public TlsPolicy build() {
            return new TlsPolicy(name, minVersion, maxVersion, allowedCipherSuites, minRsaBits, minEcBits,
                    weakSignatureHashes, warningWindow, expiryThresholds, requireOcspStaple, severityOverrides);
        }
    }
}
