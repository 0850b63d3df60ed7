package io.certfleet.cli;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.Diagnosis;
import io.certfleet.core.probe.TlsVersion;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/** {@code certfleet probe} for people: one line per target, the causes in words, then a one-line tally. */
final class ProbeView {

    private static final int MAX_DETAIL = 140;

    private final PrintWriter out;

    ProbeView(PrintWriter out) {
        this.out = out;
    }

    void print(List<Diagnosis> diagnoses, TlsPolicy policy) {
        TextTable table = new TextTable("TARGET", "SNI", "RESULT", "PROTOCOL", "CIPHER", "EXPIRES", "MS", "CAUSES");
        for (Diagnosis diagnosis : diagnoses) {
            table.row(diagnosis.target().text(),
                    diagnosis.target().effectiveSni().orElse("-"),
                    diagnosis.ok() ? "ok" : diagnosis.severity().map(Severity::label).orElse("?"),
                    diagnosis.protocol().map(TlsVersion::protocolName).orElse("-"),
                    diagnosis.cipherSuite().orElse("-"),
                    diagnosis.leaf().map(leaf -> LocalDate.ofInstant(leaf.notAfter(), ZoneOffset.UTC).toString())
                            .orElse("-"),
                    Long.toString(diagnosis.durationMs()),
                    causes(diagnosis.findings()));
        }
        table.print(out);
        long healthy = diagnoses.stream().filter(Diagnosis::ok).count();
        out.printf("%n%d of %d target(s) healthy under policy %s.%n", healthy, diagnoses.size(), policy.name());
    }

    /** {@code EXPIRED ('CN=x' expired 2026-01-01T00:00:00Z); INCOMPLETE_CHAIN (...)}. */
    static String causes(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "-";
        }
        return findings.stream()
                .map(f -> f.code().name() + " (" + shortened(f.detail().isEmpty() ? f.code().meaning() : f.detail())
                        + ")")
                .collect(Collectors.joining("; "));
    }

    /** A detail cut to one readable length; --json has it whole. */
    private static String shortened(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    }
}
