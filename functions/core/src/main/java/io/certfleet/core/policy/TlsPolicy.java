package io.certfleet.core.policy;

import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.policy.rotation.RotationSettings;
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
 * One profile of the policy: what an endpoint must satisfy on the wire and in its configuration, and what its
 * certificates must be. TLS versions, cipher suites (IANA names), the service security policies allowed (ELB
 * {@code SslPolicy}, CloudFront {@code MinimumProtocolVersion}, API Gateway {@code SecurityPolicy}), key types and
 * minimum sizes, allowed signature algorithms, maximum certificate validity, the expiry warning window (when a probe
 * reports {@code EXPIRING_SOON}), the expiry alert thresholds (when owners are told), OCSP stapling, severity
 * overrides.
 *
 * @param allowedCipherSuites        IANA names of the suites the policy allows (TLS 1.3 suites included)
 * @param weakSignatureHashes        hash algorithms a non-root certificate must not be signed with
 * @param allowedSecurityPolicies    service security policy names a binding may use; empty allows any whose
 *                                   protocols and suites satisfy the profile
 * @param allowedKeyTypes            certificate key algorithms allowed: {@code RSA}, {@code EC}, {@code Ed25519}
 * @param allowedSignatureAlgorithms signature algorithms allowed on leaf certificates ({@code SHA256withRSA}, ...);
 *                                   empty allows any that is not weak
 * @param maxValidity                longest certificate lifetime allowed ({@code notAfter - notBefore})
 * @param rotation                   when and how certificates under this profile are replaced
 */
public record TlsPolicy(String name, TlsVersion minVersion, TlsVersion maxVersion, Set<String> allowedCipherSuites,
                        int minRsaBits, int minEcBits, Set<String> weakSignatureHashes, Duration warningWindow,
                        ExpiryThresholds expiryThresholds, boolean requireOcspStaple,
                        Map<FindingCode, Severity> severityOverrides, Set<String> allowedSecurityPolicies,
                        Set<String> allowedKeyTypes, Set<String> allowedSignatureAlgorithms, Duration maxValidity,
                        RotationSettings rotation) {

    /** Mozilla Server Side TLS "intermediate" (6.0): TLS 1.2 with ECDHE AES-GCM and ChaCha20, and TLS 1.3. */
    public static final Set<String> MOZILLA_INTERMEDIATE = orderedSet(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    /** Mozilla Server Side TLS "modern": TLS 1.3 only. */
    public static final Set<String> MOZILLA_MODERN = orderedSet(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    private static final Set<String> WEAK_HASHES = Set.of("MD2", "MD5", "SHA1");
    public static final Set<String> KEY_TYPES = Set.of("RSA", "EC", "Ed25519");

    /** SHA-2 signatures with RSA (PKCS#1 v1.5 and PSS) and ECDSA: what every current client verifies. */
    private static final Set<String> SHA2_SIGNATURES = orderedSet("SHA256withRSA", "SHA384withRSA", "SHA512withRSA",
            "SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA", "RSASSA-PSS");

    /**
     * ELB, CloudFront and API Gateway policies whose protocols and suites are all within Mozilla intermediate:
     * TLS 1.2 and 1.3 with AEAD suites only. AWS's default {@code ELBSecurityPolicy-TLS13-1-2-2021-06} is not
     * among them: it keeps the CBC suites Mozilla dropped; its {@code -Res-} (restricted) sibling does not.
     */
    private static final Set<String> AEAD_ONLY_POLICIES = orderedSet(
            "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-3-2021-06",
            "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
            "TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025", "TLS_1_2");

    /**
     * Internet-facing sites: Mozilla intermediate (every browser of the last decade connects), RSA 2048 / EC 256,
     * SHA-2 signatures, RSA or EC keys (browsers do not take Ed25519 certificates), at most 200 days of validity
     * (the CA/Browser Forum's limit for public certificates issued from 15 March 2026, ballot SC-081), warned 30
     * days ahead, alerted at 45, 30, 14, 7, 3, 1 days.
     */
    public static final TlsPolicy PUBLIC_WEB = new TlsPolicy("public-web", TlsVersion.TLS_1_2, TlsVersion.TLS_1_3,
            MOZILLA_INTERMEDIATE, 2048, 256, WEAK_HASHES, Duration.ofDays(30), ExpiryThresholds.DEFAULT, false,
            Map.of(), AEAD_ONLY_POLICIES, Set.of("RSA", "EC"), SHA2_SIGNATURES, Duration.ofDays(200),
            RotationSettings.builtIn("public-web"));

    /**
     * Service to service inside the organization: Mozilla "modern", TLS 1.3 only, since both ends are ours and
     * every current runtime speaks it (Java 11+, Go, Node, Python's OpenSSL 1.1.1+); private-CA certificates up to
     * 398 days (a yearly rotation with a month of overlap).
     */
    public static final TlsPolicy INTERNAL_API = PUBLIC_WEB.toBuilder().name("internal-api")
            .minVersion(TlsVersion.TLS_1_3).allowedCipherSuites(MOZILLA_MODERN)
            .allowedSecurityPolicies(orderedSet("ELBSecurityPolicy-TLS13-1-3-2021-06",
                    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
                    "TLSv1.3_2025", "SecurityPolicy_TLS13_1_3_2025_09"))
            .maxValidity(Duration.ofDays(398)).rotation(RotationSettings.builtIn("internal-api")).build();

    /**
     * Partner integrations: the same suites, warned 45 days ahead and alerted from 60 days (partners pin
     * certificates or trust stores and need notice to schedule the change on their side); up to 398 days.
     */
    public static final TlsPolicy PARTNER = PUBLIC_WEB.toBuilder().name("partner").warningWindow(Duration.ofDays(45))
            .expiryThresholds(new ExpiryThresholds(List.of(60, 45, 30, 14, 7, 3, 1)))
            .maxValidity(Duration.ofDays(398)).rotation(RotationSettings.builtIn("partner")).build();

    /**
     * Device fleets: also the AES-CCM suites constrained devices use, so any security policy that keeps TLS 1.2
     * and these is allowed; warned 60 days ahead and alerted from 90 days (devices update slowly, often only with a
     * firmware release); certificates up to 825 days, since every rotation has to reach devices that pin.
     */
    public static final TlsPolicy IOT = PUBLIC_WEB.toBuilder().name("iot")
            .allowedCipherSuites(union(MOZILLA_INTERMEDIATE, orderedSet("TLS_AES_128_CCM_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_CCM")))
            .allowedSecurityPolicies(Set.of())
            .warningWindow(Duration.ofDays(60))
            .expiryThresholds(new ExpiryThresholds(List.of(90, 60, 45, 30, 14, 7, 3, 1)))
            .maxValidity(Duration.ofDays(825)).rotation(RotationSettings.builtIn("iot")).build();

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
        allowedSecurityPolicies = Collections.unmodifiableSet(new LinkedHashSet<>(allowedSecurityPolicies));
        List<String> unknownPolicies = allowedSecurityPolicies.stream().filter(p -> !SecurityPolicies.isKnown(p))
                .toList();
        if (!unknownPolicies.isEmpty()) {
            throw new IllegalArgumentException("policy " + name + ": unknown security policy "
                    + String.join(", ", unknownPolicies) + " (ELB SslPolicy, CloudFront MinimumProtocolVersion or API "
                    + "Gateway SecurityPolicy names, e.g. ELBSecurityPolicy-TLS13-1-2-Res-2021-06, TLSv1.2_2021, "
                    + "TLS_1_2)");
        }
        allowedKeyTypes = Set.copyOf(allowedKeyTypes);
        List<String> unknownKeys = allowedKeyTypes.stream().filter(k -> !KEY_TYPES.contains(k)).sorted().toList();
        if (!unknownKeys.isEmpty() || allowedKeyTypes.isEmpty()) {
            throw new IllegalArgumentException("policy " + name + ": key types must be some of RSA, EC, Ed25519, got "
                    + (allowedKeyTypes.isEmpty() ? "none" : String.join(", ", unknownKeys)));
        }
        allowedSignatureAlgorithms = Collections.unmodifiableSet(new LinkedHashSet<>(allowedSignatureAlgorithms));
        Objects.requireNonNull(maxValidity, "maxValidity");
        if (maxValidity.isNegative() || maxValidity.isZero()) {
            throw new IllegalArgumentException("policy " + name + ": the maximum validity must be positive");
        }
        Objects.requireNonNull(rotation, "rotation");
    }

    /** Whether a leaf's signature algorithm is allowed: in the list (case and dashes aside), or any when empty. */
    public boolean allowsSignature(String signatureAlgorithm) {
        String wanted = normalizedAlgorithm(signatureAlgorithm);
        return allowedSignatureAlgorithms.isEmpty() || allowedSignatureAlgorithms.stream()
                .anyMatch(allowed -> normalizedAlgorithm(allowed).equals(wanted));
    }

    /** Whether a service security policy may be used: in the list, or any when the list is empty. */
    public boolean allowsSecurityPolicy(String name) {
        return allowedSecurityPolicies.isEmpty() || allowedSecurityPolicies.contains(name);
    }

    private static String normalizedAlgorithm(String name) {
        // JDK "RSASSA-PSS", Bouncy Castle "SHA256WITHRSAANDMGF1": both PSS
        String upper = name.toUpperCase(Locale.ROOT).replace("-", "");
        return upper.endsWith("WITHRSAANDMGF1") || upper.equals("RSASSAPSS") ? "RSASSAPSS" : upper;
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
        private Set<String> allowedSecurityPolicies;
        private Set<String> allowedKeyTypes;
        private Set<String> allowedSignatureAlgorithms;
        private Duration maxValidity;
        private RotationSettings rotation;

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
            allowedSecurityPolicies = base.allowedSecurityPolicies;
            allowedKeyTypes = base.allowedKeyTypes;
            allowedSignatureAlgorithms = base.allowedSignatureAlgorithms;
            maxValidity = base.maxValidity;
            rotation = base.rotation;
        }

        public Builder rotation(RotationSettings value) {
            rotation = value;
            return this;
        }

        public Builder allowedSecurityPolicies(Set<String> value) {
            allowedSecurityPolicies = value;
            return this;
        }

        public Builder allowedKeyTypes(Set<String> value) {
            allowedKeyTypes = value;
            return this;
        }

        public Builder allowedSignatureAlgorithms(Set<String> value) {
            allowedSignatureAlgorithms = value;
            return this;
        }

        public Builder maxValidity(Duration value) {
            maxValidity = value;
            return this;
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
                    weakSignatureHashes, warningWindow, expiryThresholds, requireOcspStaple, severityOverrides,
                    allowedSecurityPolicies, allowedKeyTypes, allowedSignatureAlgorithms, maxValidity, rotation);
        }
    }
}
