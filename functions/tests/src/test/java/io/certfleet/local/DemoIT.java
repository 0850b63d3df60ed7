package io.certfleet.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.cli.CertfleetCli;
import io.certfleet.cli.ExitCode;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code certfleet demo} end to end on one emulator, twice: the second run replaces the first run's endpoints,
 * finds the same certificates (the demo fleet is a function of the day) and sends no alert twice.
 */
@ExtendWith(AwsEmulatorExtension.class)
class DemoIT {

    @Test
    void demoScansTheFleetAndListsItByOwnerAndCanRunTwice(AwsEmulator emulator) {
        String first = runDemo(emulator);
        String second = runDemo(emulator);

        assertThat(first).contains("Inventory table certfleet-inventory: created")
                .contains("removed 0 resources of an earlier run; seeded 3 accounts, 8 certificates, 7 endpoints");
        assertThat(second).contains("Inventory table certfleet-inventory: existed")
                // the 6 load balancers, distributions and domains of the first run and its 3 replacement
                // certificates (the drill deleted its own); the seeded certificates stay:
                .contains("removed 9 resources of an earlier run")
                // the replacements are gone; new ELBv2 and CloudFront ids: their 4 bindings are new, the old ones
                // removed (and the partners replacement's); the IAM certificate is read again every scan (IAM has
                // no version signal)
                .contains("Certificates: 8 (0 new, 7 unchanged, 3 removed, 0 unreadable); bindings: 7 (5 removed)");
        for (String output : List.of(first, second)) {
            assertThat(output).contains("4 accounts, 8 of 8 account-regions scanned completely (100%)")
                    .contains("8 certificates, 7 owners.");
            assertThat(section(output, "checkout-team")).contains("checkout.demo.certfleet.test").contains("RSA-2048")
                    .contains("ELBv2 demo-checkout:443").contains("certificate tag");
            assertThat(section(output, "payments-web")).contains("pay.demo.certfleet.test").contains("EC-256")
                    .contains("(SNI)").contains("resource tag");
            assertThat(section(output, "payments-team")).contains("partners.demo.certfleet.test")
                    .contains("ELB demo-partners:443").contains("account tag");
            assertThat(section(output, "cdn-team")).contains("CloudFront").contains("EC-384");
            assertThat(section(output, "api-team")).contains("API api.demo.certfleet.test");
            assertThat(section(output, "unowned (2)")).contains("sandbox.demo.certfleet.test").contains("IAM")
                    .contains("/global").contains("ELB demo-legacy:443").contains("default");
            assertThat(probeLine(output, "ELBv2 demo-checkout:443 ")).contains("high").contains("EXPIRING_SOON")
                    .doesNotContain("SNI_REQUIRED");
            assertThat(probeLine(output, "ELBv2 demo-checkout:443 (SNI)")).contains("pay.demo.certfleet.test")
                    .contains("EXPIRING_SOON").contains("SNI_REQUIRED");
            assertThat(probeLine(output, "ELB demo-partners:443")).contains("critical").contains("INCOMPLETE_CHAIN")
                    .doesNotContain("UNTRUSTED_ROOT");
            assertThat(probeLine(output, "ELB demo-legacy:443")).contains("WEAK_CIPHER_ENABLED")
                    .contains("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");
            assertThat(probeLine(output, "API api.demo.certfleet.test")).contains("WRONG_CERTIFICATE")
                    .contains("EXPIRED");
            assertThat(probeLine(output, "CloudFront")).contains(" ok ");
            assertThat(output).contains("7 endpoint(s) probed, 2 healthy.");
            String findings = section(output, "Findings by owner");
            // AWS's default ELB policy keeps CBC suites: not allowed by public-web, on the configuration side
            assertThat(findings).containsPattern("checkout-team +high +ELBv2 demo-checkout:443 +config: "
                    + "SECURITY_POLICY_NOT_ALLOWED, WEAK_CIPHER_ENABLED; wire: EXPIRING_SOON")
                    .containsPattern("api-team +critical +API api.demo.certfleet.test +wire: EXPIRED, "
                            + "WRONG_CERTIFICATE\n")
                    .containsPattern("certificate legacy.demo.certfleet.test +config: VALIDITY_TOO_LONG")
                    .doesNotContain("CONFIG_WIRE_MISMATCH");
            assertThat(output).contains("Evaluated again, as the next scheduled run would: 0 sent, 5 already sent, "
                    + "0 received - no duplicates.");
        }
        // The first run alerts the five certificates within a threshold; the second finds them all alerted.
        assertThat(section(first, "Expiry alerts")).contains(
                        "checkout-team  high      [certfleet high] checkout.demo.certfleet.test expires in 2 day(s)")
                .contains("[certfleet high] sandbox.demo.certfleet.test expires in 5 day(s)")
                .contains("[certfleet medium] pay.demo.certfleet.test expires in 12 day(s)")
                .contains("[certfleet medium] partners.demo.certfleet.test expires in 29 day(s)")
                .contains("[certfleet medium] api.demo.certfleet.test expires in 45 day(s)")
                .doesNotContain("www.demo").doesNotContain("legacy.demo");
        assertThat(first).contains("5 alert(s) sent, 5 received; 5 event(s) on bus certfleet {CertificateExpiring=5}")
                .contains("19 open):").contains("Events on bus certfleet: {HandshakeFailure=2, PolicyViolation=19}")
                .contains("Owners told of endpoints that newly fail handshakes: 2")
                .containsPattern("payments-team +\\[certfleet critical\\] TLS fails at loadbalancer/demo-partners:443: INCOMPLETE_CHAIN")
                .containsPattern("api-team +\\[certfleet critical\\] TLS fails at api.demo.certfleet.test: EXPIRED, "
                        + "WRONG_CERTIFICATE");
        // The second run's endpoints are new resources (new ELBv2 listener and distribution ids): their findings
        // open anew and those of the replaced ones are resolved; the certificates' findings stay open.
        // The first run's rolled-back rotation left a ROTATION_FAILED finding: the policy does not resolve it.
        assertThat(second).contains("Owners told of endpoints that newly fail handshakes: 0")
                .contains("20 open):").containsPattern("PolicyViolationResolved=\\d+")
                .containsPattern("certificate pay.demo.certfleet.test +config: EXPIRING_SOON; rotation: "
                        + "ROTATION_FAILED");
        assertThat(second).contains("none: every threshold reached was alerted by an earlier run")
                .contains("0 alert(s) sent, 0 received; 0 event(s) on bus certfleet {}");
        assertThat(first).as("the rollback opened ROTATION_FAILED").contains("Events on bus certfleet: "
                + "{PolicyViolation=1, RotationApprovalRequested=1");
        assertThat(second).as("already open: no second event").contains("Events on bus certfleet: "
                + "{RotationApprovalRequested=1");
        for (String output : List.of(first, second)) {
            String remediation = output.substring(output.indexOf("\nRemediation (staged rotation"));
            assertThat(remediation).containsPattern("checkout.demo.certfleet.test +\\S+ +SUCCEEDED +ELBv2 "
                            + "demo-checkout:443 +SWAPPED +ok \\(2 checks\\)")
                    .containsPattern("partners.demo.certfleet.test +\\S+ +SUCCEEDED +ELB demo-partners:443 +SWAPPED")
                    .containsPattern("pay.demo.certfleet.test +\\S+ +ROLLED_BACK +ELBv2 demo-checkout:443 \\(SNI\\) "
                            + "+ROLLED_BACK +WRONG_CERTIFICATE")
                    .contains("put back, and the old certificate is served again")
                    .contains("partners: incomplete chain, fixed by a replacement imported with its intermediate; a "
                            + "partner profile, so it waited for an approval -> replaced everywhere it is served "
                            + "(approved by security-lead)")
                    .containsPattern("Events on bus certfleet: \\{(PolicyViolation=1, )?RotationApprovalRequested=1, "
                            + "RotationRolledBack=1, RotationStarted=3, RotationSucceeded=2, RotationWaveCompleted=2}")
                    .containsPattern("payments-team +\\[certfleet\\] approve the rotation of "
                            + "CN=partners.demo.certfleet.test,O=certfleet demo\\?")
                    .containsPattern("payments-web +\\[certfleet critical\\] rotation of "
                            + "CN=pay.demo.certfleet.test,O=certfleet demo rolled back");
            String after = remediation.substring(remediation.indexOf("Endpoints on the wire after remediation"));
            assertThat(after.lines().filter(line -> line.startsWith("ELBv2 demo-checkout:443  ")).findFirst())
                    .hasValueSatisfying(line -> assertThat(line).contains(" ok "));
            assertThat(after.lines().filter(line -> line.startsWith("ELB demo-partners:443")).findFirst())
                    .hasValueSatisfying(line -> assertThat(line).contains(" ok ").doesNotContain("INCOMPLETE_CHAIN"));
            assertThat(after).contains("7 endpoint(s) probed, 4 healthy.");
            String drill = output.substring(output.indexOf("\nDrill (a chaos experiment"),
                    output.indexOf("Governance KPIs (whole fleet)"));
            assertThat(drill).containsPattern("Drill wrong-host on ELBV2_LISTENER:arn:aws:elasticloadbalancing:"
                            + "eu-west-1:\\d{12}:listener/app/demo-staging/\\S+: PASSED\n")
                    .contains(", ROLLED_BACK\n")
                    .contains("detected      yes, by the planted fault's finding: HOSTNAME_MISMATCH")
                    .contains("preflight     would have refused it: covers-names: the replacement does not cover "
                            + "staging.demo.certfleet.test")
                    .contains("restored      yes: put back, and the old certificate is served again")
                    .containsPattern("time to detect \\d+\\.\\d s, time to recover \\d+\\.\\d s")
                    .contains("binding       exactly as before")
                    .contains("events        RotationStarted, RotationRolledBack")
                    .contains("cleanup       broken certificate deleted")
                    .contains("the owner's queue received: platform-team \"[certfleet drill: wrong-host] rotation of "
                            + "staging.demo.certfleet.test rolled back\"")
                    .contains("the events' queue received: RotationStarted, RotationRolledBack")
                    .doesNotContain("PROBLEM");
            String kpis = output.substring(output.indexOf("Governance KPIs (whole fleet)"));
            assertThat(kpis).containsPattern("scan coverage +100\\.0 % +8 of 8 account-regions")
                    .containsPattern("handshake success +57\\.1 % +4 of 7 latest probes that passed")
                    .containsPattern("time to rotation +\\d+ s +mean; p90 \\d+ s over \\d+ rotations \\(0 failed, "
                            + "\\d+ rolled back\\)")
                    .containsPattern("certificates / endpoints +\\d+ / 7");
            java.nio.file.Path report = java.nio.file.Path.of("target", "certfleet-demo", "fleet-report.html")
                    .toAbsolutePath();
            assertThat(output).contains("Fleet report (open it in a browser; it needs no network): " + report);
            assertThat(report).exists().content().contains("certfleet fleet report")
                    .contains("checkout.demo.certfleet.test");
            assertThat(output).as("the rotated checkout endpoint's conformance report").containsPattern(
                    "Conformance report of the checkout endpoint after its rotation \\(demo-checkout-\\S+:443\\): "
                            + "conforms to profile public-web, 13 of 13 checks pass")
                    .containsPattern("rotation automated: profile public-web rotates it automatically .*; put in "
                            + "place by rotation \\S+ \\(SUCCEEDED\\)");
            java.nio.file.Path conformance = report.resolveSibling("conformance-checkout.html");
            assertThat(output).contains(conformance.toString());
            assertThat(conformance).exists().content().contains("Conforms to profile public-web")
                    .contains("Rotation is automated").contains("data-check=\"expected-certificate\" "
                            + "data-outcome=\"PASS\"");
            assertThat(output).as("the API over the kept emulator").contains("AWS_ENDPOINT_URL="
                    + emulator.endpoint() + " ./certfleet api serve --port 8080 --table certfleet-inventory &")
                    .contains("curl 'http://127.0.0.1:8080/certificates?expiringWithinDays=30&limit=5'");
        }
    }

    /** The line of an endpoint in the probe table (after the inventory tables). */
    private static String probeLine(String output, String endpoint) {
        String probes = output.substring(output.indexOf("Endpoints on the wire"));
        return probes.lines().filter(line -> line.startsWith(endpoint)).findFirst()
                .orElseThrow(() -> new AssertionError("no probe line for " + endpoint + " in:\n" + probes));
    }

    /** The lines of one owner's table. */
    private static String section(String output, String owner) {
        int start = output.indexOf("\n" + owner);
        assertThat(start).as("section %s in:%n%s", owner, output).isPositive();
        int end = output.indexOf("\n\n", start + 1);
        return output.substring(start, end < 0 ? output.length() : end);
    }

    private static String runDemo(AwsEmulator emulator) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CertfleetCli.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "demo", "--endpoint", emulator.endpoint().toString());
        assertThat(err.toString()).isEmpty();
        assertThat(exit).isEqualTo(ExitCode.OK);
        return out.toString();
    }
}
