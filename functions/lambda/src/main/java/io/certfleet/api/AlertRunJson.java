package io.certfleet.api;

import io.certfleet.core.alerting.AlertRun;
import io.certfleet.core.alerting.ExpiryAlert;
import java.util.LinkedHashMap;
import java.util.Map;

/** The published JSON form of an expiry-alert evaluation (the alert handler's result, {@code alerts --json}). */
public final class AlertRunJson {

    private AlertRunJson() {
    }

    public static Map<String, Object> of(AlertRun run) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("evaluated", run.evaluated());
        json.put("sent", run.sent().stream().map(AlertRunJson::alert).toList());
        json.put("alreadySent", run.alreadySent());
        json.put("suppressed", run.suppressed());
        json.put("failed", run.failed());
        json.put("notInInventory", run.notInInventory());
        return json;
    }

    private static Map<String, Object> alert(ExpiryAlert alert) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("certificateArn", alert.record().location().arn());
        json.put("locations", alert.records().stream().map(location -> location.location().arn()).toList());
        json.put("owner", alert.record().ownership().owner());
        json.put("profile", alert.profile());
        json.put("threshold", alert.threshold());
        json.put("daysLeft", alert.daysLeft());
        json.put("code", alert.code().name());
        json.put("severity", alert.severity().label());
        json.put("bindings", alert.bindings().size());
        alert.acmRenewalProblem().ifPresent(problem -> json.put("acmRenewal", problem));
        return json;
    }
}
