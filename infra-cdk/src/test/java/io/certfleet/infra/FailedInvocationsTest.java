package io.certfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Every function a schedule or an EventBridge rule invokes: bounded retries and event age, on the rule target and
 * on the alias's asynchronous invocation, and failures kept in one encrypted queue with an alarm on its depth.
 */
class FailedInvocationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Template template = SynthesizedTemplates.central();

    private String queue() {
        return SynthesizedTemplates.resource(template, "AWS::SQS::Queue", "FailedInvocationsQueue").getKey();
    }

    @Test
    void theQueueIsEncryptedRefusesPlainHttpAndKeepsFailuresTwoWeeks() {
        template.hasResourceProperties("AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true,
                "MessageRetentionPeriod", 14 * 24 * 3600));
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                "Queues", List.of(Map.of("Ref", queue())),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void anythingInTheQueueRaisesAnAlarmToTheAlertTopic() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Namespace", "AWS/SQS",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value",
                        Map.of("Fn::GetAtt", List.of(queue(), "QueueName")))),
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("ExpiryAlertsTopic.*")))));
    }

    @Test
    void everyAsynchronouslyInvokedFunctionHasBoundedRetriesAndTheQueueAsItsOnFailureDestination() {
        String queueArn = JSON.valueToTree(Map.of("Fn::GetAtt", List.of(queue(), "Arn"))).toString();
        JsonNode aliases = JSON.valueToTree(template.findResources("AWS::Lambda::Alias"));
        JsonNode configs = JSON.valueToTree(template.findResources("AWS::Lambda::EventInvokeConfig"));
        TreeSet<String> invokedByRules = new TreeSet<>();
        JSON.valueToTree(template.findResources("AWS::Events::Rule")).forEach(rule -> {
            for (JsonNode target : rule.path("Properties").path("Targets")) {
                String ref = target.path("Arn").path("Ref").asText();
                if (!aliases.has(ref)) {
                    continue; // a state machine: Step Functions records its own failures
                }
                String function = aliases.path(ref).path("Properties").path("FunctionName").path("Ref").asText();
                invokedByRules.add(function.replaceAll("[0-9A-F]{8}$", ""));
                assertThat(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt()).as(function)
                        .isBetween(1, 2);
                assertThat(target.path("RetryPolicy").path("MaximumEventAgeInSeconds").asInt()).as(function)
                        .isBetween(60, 6 * 3600);
                assertThat(target.path("DeadLetterConfig").path("Arn").toString()).as(function).isEqualTo(queueArn);
                List<JsonNode> ofFunction = new ArrayList<>();
                configs.forEach(config -> {
                    if (config.path("Properties").path("FunctionName").path("Ref").asText().equals(function)) {
                        ofFunction.add(config.path("Properties"));
                    }
                });
                assertThat(ofFunction).as(function).singleElement().satisfies(config -> {
                    assertThat(config.path("Qualifier").toString()).as("the live alias's version")
                            .contains("{\"Ref\":\"" + ref + "\"}");
                    assertThat(config.path("MaximumRetryAttempts").asInt()).isBetween(1, 2);
                    assertThat(config.path("DestinationConfig").path("OnFailure").path("Destination").toString())
                            .isEqualTo(queueArn);
                });
                JsonNode body = SynthesizedTemplates.resource(template, "AWS::Lambda::Function", function).getValue();
                assertThat(SynthesizedTemplates.actionsOfRole(template, SynthesizedTemplates.roleOf(body)))
                        .as(function + " may send its failures").contains("sqs:SendMessage");
            }
        });
        assertThat(invokedByRules).containsExactly("ExpiryAlertsAcmEvents", "ExpiryAlertsAlerter",
                "GovernanceKpiPublisher", "StagedRotationRetirer", "StagedRotationSignals");
    }

    @Test
    void eventBridgeMaySendUndeliverableEventsToTheQueue() {
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                "Queues", List.of(Map.of("Ref", queue())),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Allow",
                        "Action", "sqs:SendMessage",
                        "Principal", Map.of("Service", "events.amazonaws.com"))))))));
    }
}
