package io.certfleet.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.SingleValueWidget;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * Governance: the KPIs as CloudWatch metrics (a scheduled function writes them as Embedded Metric Format lines, in
 * namespace {@code certfleet}), a dashboard people read, and alarms to the alert topic on what needs a person: the
 * handshake success rate under its SLO, an expired certificate still served, a scan that did not read everything or
 * failed, the rotation circuit breaker open, a rotation that failed.
 */
public final class Governance extends Construct {

    static final String KPI_HANDLER = "io.certfleet.handlers.KpiMetricsHandler::handleRequest";
    static final String NAMESPACE = "certfleet";
    /** Fleet-wide points carry this dimension; per-owner and per-severity points carry theirs. */
    static final Map<String, String> FLEET = Map.of("Fleet", "all");
    private static final Duration PERIOD = Duration.minutes(15);

    /** @param handshakeSlo the handshake success rate (percent) below which the alarm fires */
    public record Settings(String schedule, double handshakeSlo) {
        public static final Settings DEFAULTS = new Settings("rate(15 minutes)", 99.5);
    }

    private final CertfleetFunctions.Deployed publisher;
    private final Dashboard dashboard;
    private final List<Alarm> alarms = new ArrayList<>();

    public Governance(Construct scope, String id, InventoryTable inventory, Code code, ITopic alertTopic,
                      IStateMachine scan, Settings settings, FailedInvocations failed) {
        super(scope, id);
        this.publisher = CertfleetFunctions.create(this, "KpiPublisher", "the governance KPIs as metrics",
                KPI_HANDLER, code, Map.of("CERTFLEET_TABLE", inventory.table().getTableName(),
                        "POWERTOOLS_SERVICE_NAME", "certfleet",
                        "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"),
                Duration.minutes(5), null, 1);
        String table = inventory.table().getTableArn();
        publisher.function().addToRolePolicy(PolicyStatement.Builder.create().sid("ReadTheInventory")
                .actions(List.of("dynamodb:Query", "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Scan"))
                .resources(List.of(table, table + "/index/*")).build());
        inventory.key().grantDecrypt(publisher.function());
        Nag.suppressTableIndexes(publisher.function().getRole());
        Rule.Builder.create(this, "Schedule")
                .description("certfleet: publish the governance KPIs as metrics")
                .schedule(Schedule.expression(settings.schedule()))
                .targets(List.of(failed.target(publisher.live(), 1, Duration.minutes(15))))
                .build();

        SnsAction notify = new SnsAction(alertTopic);
        alarm("HandshakeSuccessBelowSlo", "latest probes that passed, fleet-wide, under the SLO of "
                        + settings.handshakeSlo() + " %", fleet("HandshakeSuccessRate", "Minimum"),
                settings.handshakeSlo(), ComparisonOperator.LESS_THAN_THRESHOLD, notify);
        alarm("ExpiredCertificateInUse", "an expired certificate is still served by an endpoint",
                fleet("ExpiredCertificatesInUse", "Maximum"), 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                notify);
        alarm("ScanCoverageBelow100", "the latest scan did not read every planned account-region",
                fleet("ScanCoverage", "Minimum"), 100, ComparisonOperator.LESS_THAN_THRESHOLD, notify);
        alarm("ScanFailed", "a fleet scan execution failed", scan.metricFailed(), 1,
                ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, notify);
        alarm("CircuitBreakerOpen", "rotations stopped: the circuit breaker is open (certfleet rotation breaker "
                + "reset)", fleet("CircuitBreakerOpen", "Maximum"), 1,
                ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, notify);
        alarm("RotationFailed", "a rotation failed or was rolled back within the last hour",
                fleet("RotationsFailedLastHour", "Maximum"), 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                notify);

        this.dashboard = Dashboard.Builder.create(this, "Dashboard").dashboardName("certfleet-governance").build();
        dashboard.addWidgets(TextWidget.Builder.create().markdown("# certfleet governance\nKPIs of the inventory "
                + "(definitions: the README's *Governance KPIs*), published every 15 minutes.").width(24).height(2)
                .build());
        dashboard.addWidgets(kpi("Handshake success %", "HandshakeSuccessRate"), kpi("Scan coverage %",
                "ScanCoverage"), kpi("Meeting policy %", "EndpointsMeetingPolicy"), kpi("Allowed security "
                + "policy %", "EndpointsOnAllowedSecurityPolicy"), kpi("Owned endpoints %", "OwnedEndpoints"),
                kpi("Short-lived %", "ShortLivedCertificates"));
        dashboard.addWidgets(graph("Certificates by expiry", List.of(fleet("CertificatesExpired", "Maximum"),
                        fleet("CertificatesExpiring0To7Days", "Maximum"), fleet("CertificatesExpiring8To30Days",
                                "Maximum"), fleet("CertificatesExpiring31To90Days", "Maximum"),
                        fleet("ExpiredCertificatesInUse", "Maximum")), true),
                graph("Handshake success % by owner", List.of(search("HandshakeSuccessRate", "Owner")), false));
        dashboard.addWidgets(graph("Open findings by severity", List.of(search("OpenFindings", "Severity")), true),
                graph("Scan", List.of(fleet("ScanCoverage", "Minimum"), fleet("ScanErrors", "Maximum"),
                        scan.metricFailed(), scan.metricSucceeded()), false));
        dashboard.addWidgets(graph("Rotations and alerts", List.of(fleet("RotationsSucceeded", "Maximum"),
                        fleet("RotationsFailedOrRolledBack", "Maximum"), fleet("RotationsFailedLastHour", "Maximum"),
                        fleet("CircuitBreakerOpen", "Maximum"), alertTopic.metricNumberOfMessagesPublished()), false),
                graph("Time to rotation (s)", List.of(fleet("MeanTimeToRotate", "Average"),
                        fleet("P90TimeToRotate", "Average")), false));
        dashboard.addWidgets(AlarmStatusWidget.Builder.create().title("Alarms").alarms(new ArrayList<>(alarms))
                .width(24).build());
    }

    public Function publisher() {
        return publisher.function();
    }

    public Dashboard dashboard() {
        return dashboard;
    }

    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }

    private void alarm(String id, String description, IMetric metric, double threshold, ComparisonOperator compare,
                       SnsAction notify) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmName("certfleet-" + id)
                .alarmDescription("certfleet: " + description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(compare)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(notify);
        alarms.add(alarm);
    }

    static Metric fleet(String name, String statistic) {
        return Metric.Builder.create().namespace(NAMESPACE).metricName(name).dimensionsMap(FLEET)
                .statistic(statistic).period(PERIOD).build();
    }

    private static MathExpression search(String name, String dimension) {
        return MathExpression.Builder.create()
                .expression("SEARCH('{" + NAMESPACE + "," + dimension + "} MetricName=\"" + name + "\"', "
                        + "'Average', 900)")
                .usingMetrics(Map.of()).label(name + " by " + dimension).period(PERIOD).build();
    }

    private static IWidget kpi(String title, String name) {
        return SingleValueWidget.Builder.create().title(title).metrics(List.of(fleet(name, "Average"))).width(4)
                .height(4).build();
    }

    private static IWidget graph(String title, List<IMetric> metrics, boolean stacked) {
        return GraphWidget.Builder.create().title(title).left(metrics).stacked(stacked).width(12).height(6).build();
    }
}
