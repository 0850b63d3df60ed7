package io.certfleet.adapters.policyfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.policy.InvalidPolicyException;
import io.certfleet.core.policy.PolicySet;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.TlsVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlPolicyFileTest {

    @Test
    void aCompleteProfileIsReadFieldByField() {
        PolicySet policies = YamlPolicyFile.parse("p.yaml", """
                version: 1
                profiles:
                  strict:
                    minProtocol: TLSv1.3
                    maxProtocol: "1.3"
                    cipherSuites: [TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256]
                    minRsaBits: 3072
                    minEcBits: 384
                    weakSignatureHashes: [SHA-1, md5]
                    expiryWarningDays: 21
                    expiryAlertDays: [21, 7, 2]
                    requireOcspStapling: yes
                    securityPolicies: [ELBSecurityPolicy-TLS13-1-3-2021-06, TLSv1.3_2025]
                    keyTypes: [EC]
                    signatureAlgorithms: [SHA384withECDSA]
                    maxValidityDays: 90
                    severity:
                      EXPIRING_SOON: critical
                """);

        TlsPolicy strict = policies.defaultPolicy();
        assertThat(policies.defaultProfile()).isEqualTo("strict");
        assertThat(strict.minVersion()).isEqualTo(TlsVersion.TLS_1_3);
        assertThat(strict.maxVersion()).isEqualTo(TlsVersion.TLS_1_3);
        assertThat(strict.allowedCipherSuites()).containsExactly("TLS_AES_256_GCM_SHA384",
                "TLS_CHACHA20_POLY1305_SHA256");
        assertThat(strict.minRsaBits()).isEqualTo(3072);
        assertThat(strict.minEcBits()).isEqualTo(384);
        assertThat(strict.isWeakSignature("SHA1withRSA")).isTrue();
        assertThat(strict.isWeakSignature("MD5withRSA")).isTrue();
        assertThat(strict.isWeakSignature("SHA256withRSA")).isFalse();
        assertThat(strict.warningWindow()).isEqualTo(Duration.ofDays(21));
        assertThat(strict.expiryThresholds().days()).containsExactly(21, 7, 2);
        assertThat(strict.requireOcspStaple()).isTrue();
        assertThat(strict.allowedSecurityPolicies()).containsExactly("ELBSecurityPolicy-TLS13-1-3-2021-06",
                "TLSv1.3_2025");
        assertThat(strict.allowsSecurityPolicy("ELBSecurityPolicy-TLS13-1-2-2021-06")).isFalse();
        assertThat(strict.allowedKeyTypes()).containsExactly("EC");
        assertThat(strict.allowsSignature("sha384withecdsa")).isTrue();
        assertThat(strict.allowsSignature("SHA256withECDSA")).isFalse();
        assertThat(strict.maxValidity()).isEqualTo(Duration.ofDays(90));
        assertThat(strict.severityOf(FindingCode.EXPIRING_SOON, 20)).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aProfileExtendingABuiltInOneChangesOnlyWhatItSays() {
        PolicySet policies = YamlPolicyFile.parse("p.yaml", """
                version: 1
                default: web
                profiles:
                  web:
                    extends: public-web
                    expiryWarningDays: 45
                  devices:
                    extends: iot
                    severity: {WEAK_CIPHER_ENABLED: low}
                """);

        TlsPolicy web = policies.profile("web").orElseThrow();
        assertThat(web.name()).isEqualTo("web");
        assertThat(web.warningWindow()).isEqualTo(Duration.ofDays(45));
        assertThat(web.allowedCipherSuites()).isEqualTo(TlsPolicy.PUBLIC_WEB.allowedCipherSuites());
        assertThat(web.minVersion()).isEqualTo(TlsVersion.TLS_1_2);
        TlsPolicy devices = policies.profile("devices").orElseThrow();
        assertThat(devices.allowsCipher("TLS_ECDHE_ECDSA_WITH_AES_128_CCM")).isTrue();
        assertThat(devices.severityOf(FindingCode.WEAK_CIPHER_ENABLED, 100)).isEqualTo(Severity.LOW);
    }

    @Test
    void environmentsMapTagValuesToProfilesAndTheRestFallBackToTheDefault() {
        PolicySet policies = YamlPolicyFile.parse("p.yaml", """
                version: 1
                default: web
                environments:
                  prod: web
                  backend: api
                profiles:
                  web: {extends: public-web}
                  api: {extends: internal-api, expiryAlertDays: [10, 5]}
                  partner: {extends: partner}
                """);

        assertThat(policies.forEnvironment("prod").name()).isEqualTo("web");
        assertThat(policies.forEnvironment("backend").name()).isEqualTo("api");
        assertThat(policies.forEnvironment("partner").name()).isEqualTo("partner");
        assertThat(policies.forEnvironment("unknown").name()).isEqualTo("web");
        assertThat(policies.forEnvironment(null).name()).isEqualTo("web");
        assertThat(policies.profile("api").orElseThrow().expiryThresholds().days()).containsExactly(10, 5);
        assertThat(policies.earliestAlertThreshold()).isEqualTo(60);
    }

    @Test
    void badEnvironmentsAndAlertDaysSayWhere() {
        assertThatThrownBy(() -> YamlPolicyFile.parse("p.yaml", """
                version: 1
                environments:
                  prod: nowhere
                profiles:
                  web: {extends: public-web}
                """)).isInstanceOf(InvalidPolicyException.class)
                .hasMessage("p.yaml:3: environments.prod: no profile is named 'nowhere' (profiles: web)");
        assertThatThrownBy(() -> YamlPolicyFile.parse("p.yaml", """
                version: 1
                profiles:
                  web:
                    extends: public-web
                    expiryAlertDays: [7, 14]
                """)).isInstanceOf(InvalidPolicyException.class)
                .hasMessage("p.yaml:5: profiles.web.expiryAlertDays: expiry thresholds must be strictly descending, "
                        + "got [7, 14]");
        assertThatThrownBy(() -> YamlPolicyFile.parse("p.yaml", """
                version: 1
                profiles:
                  web:
                    extends: public-web
                    expiryAlertDays: 30
                """)).isInstanceOf(InvalidPolicyException.class)
                .hasMessage("p.yaml:5: profiles.web.expiryAlertDays: expected a list of days, e.g. [45, 30, 14, 7, 3, "
                        + "1], found '30'");
    }

    @Test
    void unknownSecurityPoliciesAndKeyTypesAreErrorsWithLineAndField() {
        assertThatThrownBy(() -> YamlPolicyFile.parse("p.yaml", """
                version: 1
                profiles:
                  web:
                    extends: public-web
                    securityPolicies:
                      - ELBSecurityPolicy-TLS13-1-2-Res-2021-06
                      - ELBSecurityPolicy-TLS13-1-2-Rs-2021-06
                """)).isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("p.yaml:7: profiles.web.securityPolicies[1]: unknown security policy "
                        + "'ELBSecurityPolicy-TLS13-1-2-Rs-2021-06'");
        assertThatThrownBy(() -> YamlPolicyFile.parse("p.yaml", """
                version: 1
                profiles:
                  web: {extends: public-web, keyTypes: [RSA, DSA]}
                """)).isInstanceOf(InvalidPolicyException.class)
                .hasMessage("p.yaml:3: profiles.web.keyTypes[1]: unknown key type 'DSA' (RSA, EC, Ed25519)");
        assertThatThrownBy(() -> YamlPolicyFile.parse("p.yaml", """
                version: 1
                profiles:
                  web: {extends: public-web, maxValidityDays: 0}
                """)).isInstanceOf(InvalidPolicyException.class)
                .hasMessage("p.yaml:3: profiles.web.maxValidityDays: must be 1 or more, got 0");
    }

    @Test
    void theBuiltInProfilesSayWhatTheReadmeDocuments() {
        PolicySet builtIn = PolicySet.builtIn();

        TlsPolicy web = builtIn.profile("public-web").orElseThrow();
        assertThat(web.allowedCipherSuites()).isEqualTo(TlsPolicy.MOZILLA_INTERMEDIATE);
        assertThat(web.maxValidity()).isEqualTo(Duration.ofDays(200));
        assertThat(web.allowsSecurityPolicy("ELBSecurityPolicy-TLS13-1-2-Res-2021-06")).isTrue();
        assertThat(web.allowsSecurityPolicy("ELBSecurityPolicy-TLS13-1-2-2021-06")).as("keeps CBC suites").isFalse();
        assertThat(web.allowedKeyTypes()).containsExactlyInAnyOrder("RSA", "EC");
        TlsPolicy internal = builtIn.profile("internal-api").orElseThrow();
        assertThat(internal.minVersion()).isEqualTo(TlsVersion.TLS_1_3);
        assertThat(internal.allowedCipherSuites()).isEqualTo(TlsPolicy.MOZILLA_MODERN);
        assertThat(builtIn.profile("partner").orElseThrow().expiryThresholds().first()).isEqualTo(60);
        assertThat(builtIn.profile("iot").orElseThrow().maxValidity()).isEqualTo(Duration.ofDays(825));
        assertThat(builtIn.profile("iot").orElseThrow().allowedSecurityPolicies()).isEmpty();
    }

    @Test
    void anUnknownCipherSuiteIsAnErrorWithLineAndField() {
        assertThatThrownBy(() -> YamlPolicyFile.parse("p.yaml", """
                version: 1
                profiles:
                  web:
                    extends: public-web
                    cipherSuites:
                      - TLS_AES_128_GCM_SHA256
                      - ECDHE-RSA-AES128-GCM-SHA256
                """))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("p.yaml:7: profiles.web.cipherSuites[1]: unknown cipher suite "
                        + "'ECDHE-RSA-AES128-GCM-SHA256' (IANA names, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
    }

    @Test
    void anUnknownFieldIsAnErrorNotIgnored() {
        assertThatThrownBy(() -> YamlPolicyFile.parse("p.yaml", """
                version: 1
                profiles:
                  web:
                    extends: public-web
                    minTls: TLSv1.2
                """))
                .hasMessageStartingWith("p.yaml:5: profiles.web.minTls: unknown field (known: cipherSuites, ");
    }

    @Test
    void anUnknownBuiltInProfileNamesTheKnownOnes() {
        assertThatThrownBy(() -> YamlPolicyFile.parse("p.yaml", """
                version: 1
                profiles:
                  web: {extends: public}
                """))
                .hasMessage("p.yaml:3: profiles.web.extends: no built-in profile is named 'public' (built-in: "
                        + "public-web, internal-api, partner, iot)");
    }

    @Test
    void aProfileWithoutBaseMustGiveEveryField() {
        assertThatThrownBy(() -> YamlPolicyFile.parse("p.yaml", """
                version: 1
                profiles:
                  web:
                    minProtocol: TLSv1.2
                """))
                .isInstanceOfSatisfying(io.certfleet.core.policy.InvalidPolicyException.class, e -> {
                    assertThat(e.getMessage().lines().findFirst().orElseThrow()).isEqualTo("p.yaml:4: "
                            + "profiles.web.maxProtocol: missing (give it, or start the profile from a built-in one "
                            + "with 'extends')");
                    assertThat(e.problems()).as("every missing field, not only the first")
                            .extracting(io.certfleet.core.policy.InvalidPolicyException::field)
                            .contains("profiles.web.cipherSuites", "profiles.web.minRsaBits",
                                    "profiles.web.maxValidityDays")
                            .doesNotContain("profiles.web.minProtocol");
                });
    }

    @Test
    void badValuesSayWhatIsExpected() {
        assertThat(errorOf("minProtocol: SSLv3")).isEqualTo("p.yaml:5: profiles.web.minProtocol: 'SSLv3' is not a "
                + "TLS version (TLSv1, TLSv1.1, TLSv1.2, TLSv1.3)");
        assertThat(errorOf("minRsaBits: lots")).isEqualTo("p.yaml:5: profiles.web.minRsaBits: 'lots' is not a "
                + "whole number");
        assertThat(errorOf("requireOcspStapling: maybe")).isEqualTo("p.yaml:5: profiles.web.requireOcspStapling: "
                + "'maybe' is not true or false");
        assertThat(errorOf("severity: {EXPIRD: high}")).isEqualTo("p.yaml:5: profiles.web.severity: 'EXPIRD' is not "
                + "a finding code (see the finding-code table in the README)");
        assertThat(errorOf("severity: {EXPIRED: urgent}")).isEqualTo("p.yaml:5: profiles.web.severity.EXPIRED: "
                + "'urgent' is not a severity (critical, high, medium, low)");
        assertThat(errorOf("cipherSuites: TLS_AES_128_GCM_SHA256")).isEqualTo("p.yaml:5: profiles.web.cipherSuites: "
                + "expected a list ([a, b] or '- a' lines), found 'TLS_AES_128_GCM_SHA256'");
        assertThat(errorOf("minProtocol: TLSv1.3\n    maxProtocol: TLSv1.2")).isEqualTo("p.yaml:3: profiles.web: "
                + "minimum version TLSv1.3 is above maximum TLSv1.2");
        assertThat(errorOf("expiryWarningDays: -3")).isEqualTo("p.yaml:5: profiles.web.expiryWarningDays: must be "
                + "0 or more, got -3");
    }

    @Test
    void theFileItselfMustBeSound() {
        assertThatThrownBy(() -> YamlPolicyFile.parse("p.yaml", "")).hasMessage("p.yaml: the file is empty");
        assertThatThrownBy(() -> YamlPolicyFile.parse("p.yaml", "version: 2\nprofiles: {a: {extends: iot}}\n"))
                .hasMessage("p.yaml:1: version: format version 2 is not supported; this certfleet reads version 1");
        assertThatThrownBy(() -> YamlPolicyFile.parse("p.yaml", "profiles: {a: {extends: iot}}\n"))
                .hasMessage("p.yaml:1: version: missing");
        assertThatThrownBy(() -> YamlPolicyFile.parse("p.yaml", "version: 1\nprofiles: {a: {extends: iot}, "
                + "b: {extends: iot}}\n")).hasMessage("p.yaml:1: default: name the default profile: the file has 2 "
                + "profiles");
        assertThatThrownBy(() -> YamlPolicyFile.parse("p.yaml", "version: 1\ndefault: c\nprofiles: {a: {extends: "
                + "iot}}\n")).hasMessage("p.yaml:2: default: no profile is named 'c' (profiles: a)");
        assertThatThrownBy(() -> YamlPolicyFile.parse("p.yaml", "version: 1\nprofiles:\n  a: [\n"))
                .isInstanceOf(InvalidPolicyException.class).hasMessageStartingWith("p.yaml:4: not valid YAML: ");
        assertThatThrownBy(() -> YamlPolicyFile.parse("p.yaml", "version: 1\nversion: 1\nprofiles: {}\n"))
                .hasMessage("p.yaml:2: version: duplicate key");
        assertThatThrownBy(() -> YamlPolicyFile.parse("p.yaml", "- a\n- b\n"))
                .hasMessage("p.yaml:1: expected a mapping (key: value lines), found a list");
    }

    @Test
    void aBillionLaughsFileIsRefused() {
        StringBuilder yaml = new StringBuilder("version: 1\na: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char previous = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [*").append(previous).append(", *").append(previous)
                    .append(", *").append(previous).append(", *").append(previous).append(", *").append(previous)
                    .append("]\n");
        }
        assertThatThrownBy(() -> YamlPolicyFile.parse("p.yaml", yaml.toString()))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("not valid YAML");
    }

    @Test
    void filesAreReadAsUtf8AndMissingOrBinaryFilesSaySo(@TempDir Path directory) throws Exception {
        Path good = Files.writeString(directory.resolve("good.yaml"), "version: 1\nprofiles: {web: {extends: "
                + "public-web}}\n");
        Path binary = Files.write(directory.resolve("binary.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});

        assertThat(YamlPolicyFile.read(good).defaultProfile()).isEqualTo("web");
        assertThatThrownBy(() -> YamlPolicyFile.read(directory.resolve("nope.yaml")))
                .hasMessage(directory.resolve("nope.yaml") + ": no such file");
        assertThatThrownBy(() -> YamlPolicyFile.read(binary)).hasMessage(binary + ": not UTF-8 text");
        assertThat(Files.readString(good, StandardCharsets.UTF_8)).contains("public-web");
    }

    @Test
    void theSizeLimitIsTheOneTheMessageNames(@TempDir Path directory) throws Exception {
        String header = "version: 1\nprofiles: {web: {extends: public-web}}\n";
        Path atLimit = Files.writeString(directory.resolve("at-limit.yaml"), header + "#"
                + "x".repeat(1024 * 1024 - header.length() - 2) + "\n");
        Path over = Files.writeString(directory.resolve("over.yaml"), header + "#"
                + "x".repeat(1024 * 1024 - header.length() - 1) + "\n");

        assertThat(Files.size(atLimit)).isEqualTo(1024 * 1024);
        assertThat(YamlPolicyFile.read(atLimit).defaultProfile()).isEqualTo("web");
        assertThat(Files.size(over)).isEqualTo(1024 * 1024 + 1);
        assertThatThrownBy(() -> YamlPolicyFile.read(over)).hasMessageContaining("the file is larger than 1024 KiB");
    }

    private static String errorOf(String field) {
        try {
            YamlPolicyFile.parse("p.yaml", "version: 1\nprofiles:\n  web:\n    extends: public-web\n    " + field
                    + "\n");
        } catch (InvalidPolicyException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + field);
    }
}
