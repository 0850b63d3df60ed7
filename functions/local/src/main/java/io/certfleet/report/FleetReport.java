package io.certfleet.report;

import io.certfleet.core.compliance.ExportCertificates;
import io.certfleet.core.compliance.GovernanceKpis;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.policy.PolicyFinding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the fleet report shows, gathered in one walk: the KPIs, the certificates (one row each, with the worst open
 * finding), the expiry timeline (certificates per week for the next {@value #WEEKS} weeks, by that severity), and
 * open findings by owner and environment.
 */
public record FleetReport(Instant generatedAt, String tableName, GovernanceKpis kpis, List<Row> rows,
                          List<Map<Optional<Severity>, Long>> weeks, long expired,
                          Map<String, Map<Severity, Long>> findingsByOwnerAndEnvironment) {

    public static final int WEEKS = 26;

    /** One certificate as the report's table shows it. */
    public record Row(String subject, String owner, String environment, String account, String region,
                      Instant notAfter, Long daysToExpiry, int endpoints, Optional<Severity> worstOpen,
                      List<String> openCodes, String arn) {
    }

    public FleetReport {
        rows = List.copyOf(rows);
        weeks = List.copyOf(weeks);
    }

    /** Collects the report's figures from a walk of the export (certificates with their open findings). */
    public static final class Builder {
        private final Instant now;
        private final List<Row> rows = new ArrayList<>();
        private final List<Map<Optional<Severity>, Long>> weeks = new ArrayList<>();
        private final Map<String, Map<Severity, Long>> findings = new TreeMap<>();
        private long expired;

        public Builder(Instant now) {
            this.now = Objects.requireNonNull(now, "now");
            for (int week = 0; week < WEEKS; week++) {
                weeks.add(new TreeMap<>(Comparator.comparing((Optional<Severity> severity) -> severity
                        .map(Enum::ordinal).orElse(-1))));
            }
        }

        public void add(ExportCertificates.Exported exported) {
            var record = exported.entry().record();
            Optional<Severity> worst = exported.openFindings().stream().map(PolicyFinding::severity)
                    .max(Comparator.naturalOrder());
            Instant notAfter = record.isReadable() ? record.facts().notAfter() : null;
            rows.add(new Row(record.isReadable() ? record.facts().subject() : "(unreadable: "
                    + record.malformedReason() + ")", record.ownership().owner(), record.ownership().environment(),
                    record.location().accountId(), record.location().region(), notAfter,
                    exported.entry().daysToExpiry(), exported.entry().bindings().size(), worst,
                    exported.openFindings().stream().map(finding -> finding.code().name()).distinct().sorted()
                            .toList(), record.location().arn()));
            if (notAfter != null) {
                if (notAfter.isBefore(now)) {
                    expired++;
                } else {
                    long week = Duration.between(now, notAfter).toDays() / 7;
                    if (week < WEEKS) {
                        weeks.get((int) week).merge(worst, 1L, Long::sum);
                    }
                }
            }
            for (PolicyFinding finding : exported.openFindings()) {
                findings.computeIfAbsent(record.ownership().owner() + " / " + record.ownership().environment(),
                        key -> new EnumMap<>(Severity.class)).merge(finding.severity(), 1L, Long::sum);
            }
        }

        public FleetReport build(String tableName, GovernanceKpis kpis) {
            return new FleetReport(now, tableName, kpis, rows, weeks, expired, findings);
        }
    }
}
