package io.certfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code certfleet policy check FILE}: a sound file is summarized, a broken one named by line and field. */
class PolicyCheckCommandTest {

    @TempDir
    Path directory;

    private record Run(int exit, String out, String err) {
    }

    private Run check(String text) throws Exception {
        Path file = directory.resolve("policy.yaml");
        Files.writeString(file, text);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CertfleetCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), "policy", "check",
                file.toString());
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aSoundFileIsSummarizedProfileByProfile() throws Exception {
        Run run = check("""
                version: 1
                default: web
                environments: {prod: web, backend: api}
                profiles:
                  web: {extends: public-web}
                  api: {extends: internal-api, maxValidityDays: 90, rotation: {mode: approve, changeWindows: ["Tue 09:00-12:00 UTC"]}}
                  legacy: {minProtocol: TLSv1.2, maxProtocol: TLSv1.3, cipherSuites: [TLS_AES_128_GCM_SHA256],
                           minRsaBits: 2048, minEcBits: 256, weakSignatureHashes: [SHA1], expiryWarningDays: 30,
                           expiryAlertDays: [30], requireOcspStapling: false, securityPolicies: [], keyTypes: [RSA],
                           signatureAlgorithms: [], maxValidityDays: 398}
                """);

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("valid (format version 1), 3 profile(s), default web")
                .contains("environment prod -> web").contains("environment backend -> api")
                .containsPattern("web +TLSv1.2-TLSv1.3 +9 +10 +EC >= 256, RSA >= 2048 +200 days +45,30,14,7,3,1 +"
                        + "auto 30d before, acm-public, waves 1,50%,100%")
                .containsPattern("api +TLSv1.3-TLSv1.3 +3 +5 .* +90 days .* approve 30d before, provided, waves "
                        + "1,50%,100%, 1 window\\(s\\)")
                .containsPattern("legacy .* off \\(alert only\\)");
    }

    @Test
    void aBrokenFileIsOneLineWithFileLineFieldAndReason() throws Exception {
        Run run = check("""
                version: 1
                profiles:
                  web:
                    extends: public-web
                    cipherSuites: [ECDHE-RSA-AES128-GCM-SHA256]
                """);

        assertThat(run.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).hasSize(2);
        assertThat(run.err().lines().findFirst().orElseThrow()).matches(".*policy\\.yaml:5: "
                + "profiles\\.web\\.cipherSuites\\[0\\]: unknown cipher suite 'ECDHE-RSA-AES128-GCM-SHA256' .*");
        assertThat(run.err()).contains("certfleet: 1 problem(s) in ");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnceSortedByLine() throws Exception {
        Run run = check("""
                version: 2
                colour: blue
                default: nowhere
                environments: {prod: missing}
                profiles:
                  web:
                    extends: public-web
                    cipherSuites: [TLS_AES_128_GCM_SHA256, NOT_A_SUITE, ALSO_NOT]
                    minRsaBits: many
                    requireOcspStapling: sometimes
                  api:
                    extends: no-such-profile
                    minEcBits: few
                """);

        assertThat(run.exit()).isEqualTo(ExitCode.FINDINGS);
        java.util.List<String> lines = run.err().lines().toList();
        assertThat(lines.subList(0, lines.size() - 1)).allMatch(line -> line.matches(".*policy\\.yaml:\\d+: \\S+: .+"))
                .extracting(line -> line.replaceAll(".*policy\\.yaml:(\\d+): (\\S+): .*", "$1 $2"))
                .containsExactly("1 version", "2 colour", "3 default", "4 environments.prod",
                        "8 profiles.web.cipherSuites[1]", "8 profiles.web.cipherSuites[2]",
                        "9 profiles.web.minRsaBits", "10 profiles.web.requireOcspStapling",
                        "12 profiles.api.extends", "13 profiles.api.minEcBits");
        assertThat(lines.getLast()).isEqualTo("certfleet: 10 problem(s) in " + directory.resolve("policy.yaml"));
    }

    @Test
    void showPrintsTheBuiltInProfilesAsAFileThatReadsBackEqual() throws Exception {
        StringWriter out = new StringWriter();
        int exit = CertfleetCli.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "policy", "show");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("default: public-web").contains("  internal-api:")
                .contains("      - ELBSecurityPolicy-TLS13-1-2-Res-2021-06");
        assertThat(io.certfleet.adapters.policyfile.YamlPolicyFile.parse("shown.yaml", out.toString()))
                .isEqualTo(io.certfleet.core.policy.PolicySet.builtIn());
        Run checked = check(out.toString());
        assertThat(checked.exit()).isZero();
    }

    @Test
    void showSpellsOutWhatAFileInherits() throws Exception {
        Path file = directory.resolve("short.yaml");
        Files.writeString(file, """
                version: 1
                environments: {prod: web}
                profiles:
                  web: {extends: partner, maxValidityDays: 90, severity: {WEAK_CIPHER_ENABLED: high}}
                """);
        StringWriter out = new StringWriter();

        int exit = CertfleetCli.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "policy", "show", "--file", file.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("environments:\n  prod: web").contains("maxValidityDays: 90")
                .contains("expiryAlertDays:\n      - 60").contains("severity: {WEAK_CIPHER_ENABLED: high}")
                .doesNotContain("extends");
        assertThat(io.certfleet.adapters.policyfile.YamlPolicyFile.parse("shown.yaml", out.toString()))
                .isEqualTo(io.certfleet.adapters.policyfile.YamlPolicyFile.read(file));
    }

    @Test
    void aMissingFileIsAUsageErrorThatSaysSo() {
        StringWriter err = new StringWriter();
        int exit = CertfleetCli.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "policy", "check", directory.resolve("absent.yaml").toString());

        assertThat(exit).as("exit 1 is for a file with problems; a file that is not there is a usage error")
                .isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("absent.yaml").contains("no such file");
    }
}
