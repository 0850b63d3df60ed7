package io.certfleet.api;

import io.certfleet.core.policy.FindingHistory;
import io.certfleet.core.policy.PolicyFinding;
import io.certfleet.core.policy.PolicyRun;
import io.certfleet.core.policy.StoredFinding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The published JSON form of policy evaluations (the policy step's result) and of findings. */
public final class PolicyJson {

    private PolicyJson() {
    }

    /** One object per evaluated scope: counts, codes of the open findings, failures. */
    public static Map<String, Object> runs(List<PolicyRun> runs) {
        return Map.of("scopes", runs.stream().map(PolicyJson::run).toList());
    }

    public static Map<String, Object> run(PolicyRun run) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scope", run.scope().toString());
        json.put("certificates", run.certificates());
        json.put("bindings", run.bindings());
        json.put("opened", run.opened().size());
        json.put("stillOpen", run.stillOpen().size());
        json.put("resolved", run.resolved().size());
        Map<String, Integer> open = new TreeMap<>();
        run.opened().forEach(finding -> open.merge(finding.code().name(), 1, Integer::sum));
        run.stillOpen().forEach(stored -> open.merge(stored.finding().code().name(), 1, Integer::sum));
        json.put("openByCode", open);
        json.put("eventsPublished", run.eventsPublished());
        json.put("failures", run.failures());
        return json;
    }

    public static Map<String, Object> finding(PolicyFinding finding) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("certificateArn", finding.certificateArn());
        json.put("subject", finding.subject());
        json.put("code", finding.code().name());
        json.put("severity", finding.severity().label());
        json.put("side", finding.side().name());
        json.put("detail", finding.detail());
        json.put("profile", finding.profile());
        json.put("owner", finding.owner());
        json.put("environment", finding.environment());
        return json;
    }

    /** A finding with its history, as {@code findings list --json} prints it. */
    public static Map<String, Object> history(FindingHistory history) {
        Map<String, Object> json = finding(history.finding());
        json.put("accountId", history.finding().scope().accountId());
        json.put("region", history.finding().scope().region());
        json.put("state", history.open() ? "open" : "resolved");
        json.put("firstSeen", history.firstSeen().toString());
        json.put("lastSeen", history.lastSeen().toString());
        json.put("resolvedAt", history.resolvedAt().map(Object::toString).orElse(null));
        return json;
    }

    public static Map<String, Object> stored(StoredFinding stored) {
        Map<String, Object> json = finding(stored.finding());
        json.put("firstSeen", stored.firstSeen().toString());
        json.put("lastSeen", stored.lastSeen().toString());
        return json;
    }
}
