package io.certfleet.api;

import io.certfleet.core.compliance.GovernanceKpis;
import io.certfleet.core.finding.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The governance KPIs as {@code GET /metrics} and {@code certfleet metrics --json} give them. */
public final class KpiJson {

    private KpiJson() {
    }

    public static Map<String, Object> kpis(GovernanceKpis kpis) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("computedAt", kpis.computedAt().toString());
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("owner", kpis.filter().owner().orElse(null));
        filter.put("environment", kpis.filter().environment().orElse(null));
        filter.put("account", kpis.filter().account().orElse(null));
        json.put("filter", filter);

        Map<String, Object> inventory = new LinkedHashMap<>();
        inventory.put("certificates", kpis.inventory().certificates());
        inventory.put("endpoints", kpis.inventory().endpoints());
        inventory.put("scanCoverage", kpis.inventory().coverage().map(coverage -> {
            Map<String, Object> scan = new LinkedHashMap<>();
            scan.put("scanId", coverage.scanId());
            scan.put("finishedAt", coverage.finishedAt().toString());
            scan.put("accountRegionsPlanned", coverage.accountRegionsPlanned());
            scan.put("accountRegionsScanned", coverage.accountRegionsScanned());
            scan.put("errors", coverage.errorCount());
            scan.put("ratio", coverage.ratio());
            return scan;
        }).orElse(null));
        inventory.put("ownedEndpoints", share(kpis.inventory().ownedEndpoints()));
        json.put("inventory", inventory);

        Map<String, Object> handshakes = new LinkedHashMap<>();
        handshakes.put("success", share(kpis.handshakes().success()));
        handshakes.put("byOwner", kpis.handshakes().byOwner().stream().map(owner -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("owner", owner.owner());
            one.putAll(share(owner.success()));
            return one;
        }).toList());
        json.put("handshakes", handshakes);

        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("endpointsMeetingPolicy", share(kpis.policy().meetingPolicy()));
        policy.put("endpointsOnAllowedSecurityPolicy", share(kpis.policy().allowedSecurityPolicy()));
        json.put("policy", policy);

        Map<String, Object> rotations = new LinkedHashMap<>();
        rotations.put("succeeded", kpis.rotations().succeeded());
        rotations.put("failed", kpis.rotations().failed());
        rotations.put("rolledBack", kpis.rotations().rolledBack());
        rotations.put("meanSecondsToRotate", kpis.rotations().meanSeconds().orElse(null));
        rotations.put("p90SecondsToRotate", kpis.rotations().p90Seconds().orElse(null));
        rotations.put("failedLastHour", kpis.rotations().failedLastHour());
        rotations.put("note", kpis.rotations().succeeded() == 0
                ? "no rotation has succeeded yet: no time to rotation to report" : null);
        json.put("rotations", rotations);

        Map<String, Object> lifetimes = new LinkedHashMap<>();
        lifetimes.put("shortLived", share(kpis.lifetimes().shortLived()));
        lifetimes.put("rotationsPerMonth", kpis.lifetimes().rotationsPerMonth());
        json.put("lifetimes", lifetimes);

        Map<String, Object> expiry = new LinkedHashMap<>();
        expiry.put("expired", kpis.expiry().expired());
        expiry.put("days0To7", kpis.expiry().days0To7());
        expiry.put("days8To30", kpis.expiry().days8To30());
        expiry.put("days31To90", kpis.expiry().days31To90());
        expiry.put("later", kpis.expiry().later());
        expiry.put("unreadable", kpis.expiry().unreadable());
        expiry.put("expiredInUse", kpis.expiry().expiredInUse());
        json.put("expiry", expiry);

        Map<String, Object> findings = new LinkedHashMap<>();
        findings.put("open", kpis.findings().open());
        findings.put("bySeverity", severities(kpis.findings().bySeverity()));
        findings.put("byOwner", kpis.findings().byOwner().stream().map(owner -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("owner", owner.owner());
            one.put("total", owner.total());
            one.putAll(severities(owner.bySeverity()));
            return one;
        }).toList());
        json.put("findings", findings);
        return json;
    }

    private static Map<String, Object> share(GovernanceKpis.Share share) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", share.count());
        json.put("total", share.total());
        json.put("ratio", share.ratio().orElse(null));
        return json;
    }

    private static Map<String, Object> severities(Map<Severity, Long> counts) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (Severity severity : List.of(Severity.values())) {
            json.put(severity.label(), counts.getOrDefault(severity, 0L));
        }
        return json;
    }
}
