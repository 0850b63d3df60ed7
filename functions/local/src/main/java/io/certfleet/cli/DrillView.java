package io.certfleet.cli;

import io.certfleet.api.RotationJson;
import io.certfleet.core.drill.DrillOutcome;
import io.certfleet.local.drill.DrillCalls;
import io.certfleet.local.drill.DrillRunner;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A drill's report: what was broken, whether each promise held, how long detection and recovery took. */
public final class DrillView {

    private DrillView() {
    }

    public static void print(PrintWriter out, DrillRunner.Report report) {
        DrillOutcome outcome = report.outcome();
        String fault = report.rotation().drill() == null ? "?" : report.rotation().drill().fault().cliName();
        out.printf("Drill %s on %s: %s%n", fault, report.rotation().drill() == null ? "?"
                : report.rotation().drill().binding(), report.passed() ? "PASSED" : "FOUND "
                + report.problems().size() + " PROBLEM(S)");
        out.printf("  rotation      %s, %s%n", report.rotation().rotationId(), report.rotation().status());
        out.printf("  certificate   %s (sha256 %s..., %s) imported as %s%n", report.rotation().drill() == null ? "?"
                : report.rotation().drill().fault().description(), report.brokenSha256().substring(0, 12),
                report.trustedIssuer() ? "signed by the given CA" : "signed by a CA made for the drill",
                report.brokenArn());
        if (outcome != null) {
            out.printf("  detected      %s%n", outcome.detected() ? "yes, " + (outcome.byPlantedFault()
                    ? "by the planted fault's finding" : "but not by the planted fault's finding") + ": "
                    + String.join("; ", outcome.causes()) : "NO: the canary passed it");
            out.printf("  preflight     %s%n", outcome.preflight().isEmpty() ? "had no objection"
                    : "would have refused it: " + String.join("; ", outcome.preflight()));
            out.printf("  restored      %s%n", (outcome.restoredOnWire() ? "yes: " : "NO: ") + outcome.restoreDetail());
            out.printf("  time to detect %s, time to recover %s (broken certificate served for %s)%n",
                    seconds(outcome.timeToDetect()), seconds(outcome.timeToRecover()), seconds(outcome.exposure()));
        }
        out.printf("  binding       %s%n", report.before().equals(report.after()) ? "exactly as before ("
                + report.after().certificate() + ")" : "CHANGED: was " + report.before() + ", now " + report.after());
        out.printf("  owner alert   %s%n", report.alerts().isEmpty() ? "none published" : String.join("; ",
                report.alerts().stream().map(alert -> "\"" + alert.subject() + "\" to " + alert.topicArn())
                        .toList()));
        out.printf("  events        %s%n", report.events().isEmpty() ? "none accepted" : String.join(", ",
                report.events().stream().map(DrillCalls.Accepted::detailType).toList()));
        out.printf("  cleanup       broken certificate %s%n", report.cleanup().result() == io.certfleet.core.rotation
                .CertificateRetirer.Result.IN_USE ? "KEPT, still used by " + report.cleanup().usedBy()
                : report.cleanup().result().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        for (String problem : report.problems()) {
            out.printf("  PROBLEM: %s%n", problem);
        }
    }

    public static Map<String, Object> json(DrillRunner.Report report) {
        Map<String, Object> json = new LinkedHashMap<>();
        DrillOutcome outcome = report.outcome();
        json.put("passed", report.passed());
        json.put("problems", report.problems());
        json.put("fault", report.rotation().drill() == null ? null : report.rotation().drill().fault().cliName());
        json.put("binding", report.rotation().drill() == null ? null : report.rotation().drill().binding());
        json.put("brokenCertificate", Map.of("arn", report.brokenArn(), "sha256", report.brokenSha256(),
                "trustedIssuer", report.trustedIssuer(), "cleanup", report.cleanup().result().name()));
        if (outcome != null) {
            json.put("detected", outcome.detected());
            json.put("byPlantedFault", outcome.byPlantedFault());
            json.put("causes", outcome.causes());
            json.put("preflight", outcome.preflight());
            json.put("restoredOnWire", outcome.restoredOnWire());
            json.put("timeToDetectMs", outcome.timeToDetect().map(Duration::toMillis).orElse(null));
            json.put("timeToRecoverMs", outcome.timeToRecover().map(Duration::toMillis).orElse(null));
            json.put("exposureMs", outcome.exposure().map(Duration::toMillis).orElse(null));
        }
        json.put("bindingUnchanged", report.before().equals(report.after()));
        json.put("ownerAlerts", report.alerts().stream().map(alert -> Map.of("subject", String.valueOf(
                alert.subject()), "topicArn", alert.topicArn(), "messageId", alert.messageId())).toList());
        json.put("events", report.events().stream().map(DrillCalls.Accepted::detailType).toList());
        json.put("rotation", RotationJson.rotation(report.rotation(), report.binding() == null ? List.of()
                : List.of(report.binding())));
        return json;
    }

    private static String seconds(Optional<Duration> duration) {
        return duration.map(took -> String.format("%.1f s", took.toMillis() / 1000.0)).orElse("-");
    }
}
