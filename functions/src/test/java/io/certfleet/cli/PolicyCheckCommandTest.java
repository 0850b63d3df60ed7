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
                  api: {extends: internal-api, maxValidityDays: 90}
                """);

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("valid (format version 1), 2 profile(s), default web")
                .contains("environment prod -> web").contains("environment backend -> api")
                .containsPattern("web +TLSv1.2-TLSv1.3 +9 +10 +EC >= 256, RSA >= 2048 +200 days +45,30,14,7,3,1")
                .containsPattern("api +TLSv1.3-TLSv1.3 +3 +5 .* +90 days");
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
        assertThat(run.err().strip()).matches("certfleet: .*policy\\.yaml:5: profiles\\.web\\.cipherSuites\\[0\\]: "
                + "unknown cipher suite 'ECDHE-RSA-AES128-GCM-SHA256' .*").doesNotContain("\n");
    }

    @Test
    void aMissingFileSaysSo() {
        StringWriter err = new StringWriter();
        int exit = CertfleetCli.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "policy", "check", directory.resolve("absent.yaml").toString());

        assertThat(exit).isEqualTo(ExitCode.FINDINGS);
        assertThat(err.toString()).contains("absent.yaml").contains("no such file");
    }
}
