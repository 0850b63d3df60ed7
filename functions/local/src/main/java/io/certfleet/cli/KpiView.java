package io.certfleet.cli;

import io.certfleet.core.compliance.GovernanceKpis;
import io.certfleet.core.finding.Severity;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints the governance KPIs for people: one line per KPI, then handshakes and findings by owner. */
final class KpiView {

    private final PrintWriter out;

    KpiView(PrintWriter out) {
        this.out = out;
    }

    void print(GovernanceKpis kpis) {
        String scope = kpis.filter().owner().map(owner -> "owner " + owner).orElse("")
                + kpis.filter().environment().map(environment -> " environment " + environment).orElse("")
                + kpis.filter().account().map(account -> " account " + account).orElse("");
        out.printf("Governance KPIs (%s), %s%n", scope.isBlank() ? "whole fleet" : scope.strip(), kpis.computedAt());
        TextTable table = new TextTable("KPI", "VALUE", "DETAIL");
        GovernanceKpis.Inventory inventory = kpis.inventory();
        table.row("certificates / endpoints", inventory.certificates() + " / " + inventory.endpoints(), "present");
        table.row("scan coverage", inventory.coverage().map(coverage -> percent(coverage.ratio())).orElse("-"),
                inventory.coverage().map(coverage -> coverage.accountRegionsScanned() + " of "
                        + coverage.accountRegionsPlanned() + " account-regions, scan " + coverage.scanId())
                        .orElse("no scan has finished"));
        row(table, "endpoints with an owner", inventory.ownedEndpoints(), "owner other than the default");
        row(table, "handshake success", kpis.handshakes().success(), "latest probes that passed");
        row(table, "endpoints meeting policy", kpis.policy().meetingPolicy(), "no open finding high or worse");
        row(table, "allowed security policy", kpis.policy().allowedSecurityPolicy(), "endpoints");
        row(table, "short-lived certificates", kpis.lifetimes().shortLived(), "valid at most 100 days");
        table.row("rotations per month", String.valueOf(kpis.lifetimes().rotationsPerMonth().get("current")),
                "at 200/100/47-day lifetimes: " + kpis.lifetimes().rotationsPerMonth().get("at200Days") + " / "
                        + kpis.lifetimes().rotationsPerMonth().get("at100Days") + " / "
                        + kpis.lifetimes().rotationsPerMonth().get("at47Days"));
        GovernanceKpis.Rotations rotations = kpis.rotations();
        table.row("time to rotation", rotations.meanSeconds().map(KpiView::duration).orElse("-"),
                rotations.succeeded() == 0 ? "no rotation has succeeded yet"
                        : "mean; p90 " + duration(rotations.p90Seconds().orElseThrow()) + " over "
                        + rotations.succeeded() + " rotations (" + rotations.failed() + " failed, "
                        + rotations.rolledBack() + " rolled back)");
        GovernanceKpis.Expiry expiry = kpis.expiry();
        table.row("expiry", expiry.expired() + " expired", expiry.days0To7() + " in 0-7 days, " + expiry.days8To30()
                + " in 8-30, " + expiry.days31To90() + " in 31-90, " + expiry.later() + " later, "
                + expiry.unreadable() + " unreadable");
        table.row("open findings", String.valueOf(kpis.findings().open()), severities(kpis.findings()
                .bySeverity()));
        table.print(out);
        if (!kpis.handshakes().byOwner().isEmpty() || !kpis.findings().byOwner().isEmpty()) {
            out.println();
            TextTable owners = new TextTable("OWNER", "HANDSHAKE SUCCESS", "OPEN FINDINGS");
            java.util.Set<String> names = new java.util.TreeSet<>();
            kpis.handshakes().byOwner().forEach(owner -> names.add(owner.owner()));
            kpis.findings().byOwner().forEach(owner -> names.add(owner.owner()));
            for (String name : names) {
                String success = kpis.handshakes().byOwner().stream().filter(owner -> owner.owner().equals(name))
                        .findFirst().map(owner -> share(owner.success())).orElse("-");
                String findings = kpis.findings().byOwner().stream().filter(owner -> owner.owner().equals(name))
                        .findFirst().map(owner -> owner.total() + " (" + severities(owner.bySeverity()) + ")")
                        .orElse("0");
                owners.row(name, success, findings);
            }
            owners.print(out);
        }
    }

    private static void row(TextTable table, String name, GovernanceKpis.Share share, String detail) {
        table.row(name, share.ratio().map(KpiView::percent).orElse("-"), share.count() + " of " + share.total()
                + " " + detail);
    }

    private static String share(GovernanceKpis.Share share) {
        return share.ratio().map(KpiView::percent).orElse("-") + " (" + share.count() + "/" + share.total() + ")";
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    private static String severities(java.util.Map<Severity, Long> counts) {
        return "critical " + counts.get(Severity.CRITICAL) + ", high " + counts.get(Severity.HIGH) + ", medium "
                + counts.get(Severity.MEDIUM) + ", low " + counts.get(Severity.LOW);
    }

    private static String duration(long seconds) {
        return seconds < 120 ? seconds + " s" : seconds < 7200 ? seconds / 60 + " min"
                : String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
    }
}
