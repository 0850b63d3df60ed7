package io.certfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The KPIs as metrics: the publisher's schedule and rights, the alarms to the alert topic, the dashboard. */
class GovernanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Template template = SynthesizedTemplates.central();

    private JsonNode alarm(Template of, String name) {
        List<JsonNode> found = new ArrayList<>();
        of.findResources("AWS::CloudWatch::Alarm").values().forEach(body -> {
            JsonNode alarm = JSON.valueToTree(body).path("Properties");
            if (alarm.path("AlarmName").asText().equals("certfleet-" + name)) {
                found.add(alarm);
            }
        });
        assertThat(found).as(name).hasSize(1);
        return found.getFirst();
    }

    @Test
    void everyAlarmTheIssueAsksForNotifiesTheAlertTopic() {
        Map<String, String> metricOf = Map.of(
                "HandshakeSuccessBelowSlo", "HandshakeSuccessRate",
                "ExpiredCertificateInUse", "ExpiredCertificatesInUse",
                "ScanCoverageBelow100", "ScanCoverage",
                "CircuitBreakerOpen", "CircuitBreakerOpen",
                "RotationFailed", "RotationsFailedLastHour");
        metricOf.forEach((name, metric) -> {
            JsonNode alarm = alarm(template, name);
            assertThat(alarm.path("Namespace").asText()).as(name).isEqualTo("certfleet");
            assertThat(alarm.path("MetricName").asText()).as(name).isEqualTo(metric);
            assertThat(alarm.path("Dimensions").toString()).as(name).contains("\"Name\":\"Fleet\"")
                    .contains("\"Value\":\"all\"");
            assertThat(alarm.path("AlarmActions").toString()).as(name).contains("ExpiryAlertsTopic");
            assertThat(alarm.path("TreatMissingData").asText()).isEqualTo("notBreaching");
        });
        assertThat(alarm(template, "HandshakeSuccessBelowSlo").path("Threshold").asDouble()).isEqualTo(99.5);
        assertThat(alarm(template, "HandshakeSuccessBelowSlo").path("ComparisonOperator").asText())
                .isEqualTo("LessThanThreshold");
        assertThat(alarm(template, "ScanCoverageBelow100").path("Threshold").asDouble()).isEqualTo(100);
        JsonNode scanFailed = alarm(template, "ScanFailed");
        assertThat(scanFailed.path("Namespace").asText()).isEqualTo("AWS/States");
        assertThat(scanFailed.path("MetricName").asText()).isEqualTo("ExecutionsFailed");
        assertThat(scanFailed.path("Dimensions").toString()).contains("FleetScan");
    }

    @Test
    void theSloIsTheDeploymentsToChoose() {
        App app = new App();
        Template custom = Template.fromStack(new CertfleetStack(app, "Slo", StackProps.builder()
                .env(Environment.builder().account(SynthesizedTemplates.ACCOUNT).region(SynthesizedTemplates.REGION)
                        .build()).build(), CertfleetStack.Settings.defaults().withGovernance(
                new Governance.Settings("rate(5 minutes)", 99.9))));
        assertThat(alarm(custom, "HandshakeSuccessBelowSlo").path("Threshold").asDouble()).isEqualTo(99.9);
        custom.hasResourceProperties("AWS::Events::Rule", Map.of("ScheduleExpression", "rate(5 minutes)",
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref",
                        Match.stringLikeRegexp("GovernanceKpiPublisherLive.*")))))));
    }

    @Test
    void thePublisherRunsOnItsScheduleAndMayOnlyReadTheInventory() {
        JsonNode function = SynthesizedTemplates.resource(template, "AWS::Lambda::Function",
                "GovernanceKpiPublisher").getValue();
        assertThat(function.path("Properties").path("Handler").asText()).isEqualTo(Governance.KPI_HANDLER);
        assertThat(SynthesizedTemplates.actionsOfRole(template, SynthesizedTemplates.roleOf(function)))
                .containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:GetItem", "dynamodb:BatchGetItem",
                        "dynamodb:Scan", "kms:Decrypt", "sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl");
        template.hasResourceProperties("AWS::Events::Rule", Map.of("ScheduleExpression", "rate(15 minutes)",
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref",
                        Match.stringLikeRegexp("GovernanceKpiPublisherLive.*")))))));
    }

    @Test
    void theDashboardShowsTheKpisExpiryOwnersScansRotationsAndAlarms() throws Exception {
        JsonNode dashboard = SynthesizedTemplates.resource(template, "AWS::CloudWatch::Dashboard",
                "GovernanceDashboard").getValue().path("Properties");
        assertThat(dashboard.path("DashboardName").asText()).isEqualTo("certfleet-governance");
        String body = dashboard.path("DashboardBody").toString();
        for (String shown : List.of("HandshakeSuccessRate", "ScanCoverage", "EndpointsMeetingPolicy",
                "EndpointsOnAllowedSecurityPolicy", "ShortLivedCertificates", "CertificatesExpiring0To7Days",
                "CertificatesExpired", "ExpiredCertificatesInUse", "{certfleet,Owner}", "{certfleet,Severity}",
                "RotationsSucceeded", "RotationsFailedOrRolledBack", "CircuitBreakerOpen",
                "NumberOfMessagesPublished", "ExecutionsFailed", "MeanTimeToRotate", "alarm")) {
            assertThat(body).as(shown).contains(shown);
        }
    }
}
