package io.certfleet.cli;

import io.certfleet.core.conformance.ChainLink;
import io.certfleet.core.conformance.ConformanceReport;
import io.certfleet.core.conformance.InventoryStanding;
import io.certfleet.core.finding.Finding;
import io.certfleet.core.probe.CheckResult;
import io.certfleet.core.probe.TlsVersion;
import io.certfleet.core.probe.VersionSupport;
import io.certfleet.core.rotation.Rotation;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The conformance report as text: verdict, checks with evidence, protocols and suites, chain, inventory. */
final class ConformanceView {

    private final PrintWriter out;

    ConformanceView(PrintWriter out) {
        this.out = out;
    }

    void print(ConformanceReport report) {
        out.printf("TLS conformance of %s (%s): %s profile %s%n", report.diagnosis().target().text(),
                report.diagnosis().target().effectiveSni().map(sni -> "SNI " + sni).orElse("no SNI"),
                report.conforms() ? "CONFORMS to" : "DOES NOT CONFORM to", report.profile().name());
        out.printf("Profile %s: %s. Assessed %s.%n", report.profile().name(), report.profileSource(),
                report.assessedAt());
        out.printf("Negotiated: %s%s%s%n", report.diagnosis().protocol().map(TlsVersion::protocolName).orElse("no TLS"),
                report.diagnosis().cipherSuite().map(suite -> " with " + suite).orElse(""),
                report.diagnosis().error().map(error -> " (" + error + ")").orElse(""));
        out.println();
        out.println("Checks:");
        for (CheckResult check : report.checks()) {
            out.printf("  %-15s %-22s %s%n", outcome(check), check.name(), check.requirement());
            check.evidence().forEach(line -> out.printf("  %-15s %-22s   seen: %s%n", "", "", line));
            check.findings().forEach(finding -> out.printf("  %-15s %-22s   %s%n", "", "", describe(finding)));
        }
        out.println();
        out.println("Protocols and cipher suites (server's order; * outside the profile):");
        for (Map.Entry<TlsVersion, VersionSupport> entry : report.versions().entrySet()) {
            VersionSupport support = entry.getValue();
            List<String> suites = support.knownSuites();
            out.printf("  %-8s %-9s %-12s %s%n", entry.getKey().protocolName(), support.accepted() ? "accepted"
                    : "refused", report.profile().allows(entry.getKey()) ? "allowed" : "not allowed",
                    String.join(", ", suites.stream().map(suite -> report.profile().allowedCipherSuites()
                            .contains(suite) ? suite : suite + "*").toList()));
        }
        out.println();
        out.println("Chain:");
        for (ChainLink link : report.chain()) {
            out.printf("  %-10s %-24s %s (issuer %s; %s, %s; until %s)%n",
                    link.position() < 0 ? "not sent" : "#" + link.position(),
                    link.role().name().toLowerCase(Locale.ROOT).replace('_', ' '), link.facts().subject(),
                    link.facts().issuer(), link.facts().keyDescription(), link.facts().signatureAlgorithm(),
                    link.facts().notAfter());
        }
        if (report.chain().isEmpty()) {
            out.println("  nothing was served");
        }
        out.printf("OCSP: %s%n", report.ocsp());
        out.println();
        inventory(report);
        List<Finding> findings = report.findings();
        out.printf("%nFindings: %s%n", findings.isEmpty() ? "none" : findings.size());
        findings.forEach(finding -> out.println("  " + describe(finding)));
    }

    private void inventory(ConformanceReport report) {
        if (report.inventory().isEmpty()) {
            out.println("Inventory: " + report.inventoryNote().orElse(""));
            return;
        }
        InventoryStanding standing = report.inventory().get();
        out.printf("Inventory: owner %s, environment %s, %d location(s), %d binding(s)%n", standing.owner(),
                standing.environment(), standing.locations().size(), standing.bindings().size());
        out.printf("Rotation %s: %s%n", standing.automation().automated() ? "AUTOMATED" : "NOT AUTOMATED",
                standing.explanation());
        standing.arrivedBy().ifPresent(rotation -> out.printf("Put in place by rotation %s (%s, %s)%n",
                rotation.rotationId(), rotation.status(), rotation.startedAt()));
        if (standing.rotations().isEmpty()) {
            out.println("Rotation history: none yet");
        }
        for (Rotation rotation : standing.rotations()) {
            out.printf("  %s %-12s started %s%s%n", rotation.rotationId(), rotation.status(), rotation.startedAt(),
                    rotation.reason() == null ? "" : " - " + rotation.reason());
        }
    }

    private static String outcome(CheckResult check) {
        return switch (check.outcome()) {
            case PASS -> "PASS";
            case FAIL -> "FAIL";
            case NOT_APPLICABLE -> "not applicable";
        };
    }

    private static String describe(Finding finding) {
        return finding.code() + " (" + finding.severity().label() + "): " + finding.detail();
    }
}
