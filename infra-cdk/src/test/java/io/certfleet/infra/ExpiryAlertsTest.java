package io.certfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Template assertions on the alerting resources: topic and its key, bus, functions, rules, permissions. */
class ExpiryAlertsTest {

    private final Template template = SynthesizedTemplates.central();

    @Test
    void theAlertTopicIsEncryptedWithARotatingKeySnsMayUseAndRefusesPlainHttp() {
        Map.Entry<String, JsonNode> key = SynthesizedTemplates.resource(template, "AWS::KMS::Key",
                "ExpiryAlertsTopicKey");
        template.hasResourceProperties("AWS::SNS::Topic", Map.of(
                "TopicName", "certfleet-alerts",
                "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(key.getKey(), "Arn"))));
        assertThat(key.getValue().path("Properties").path("EnableKeyRotation").asBoolean()).isTrue();
        assertThat(key.getValue().path("Properties").path("KeyPolicy").path("Statement").toString())
                .contains("sns.amazonaws.com").contains("kms:GenerateDataKey*");
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void certfleetHasItsOwnEventBus() {
        template.hasResourceProperties("AWS::Events::EventBus", Map.of("Name", "certfleet"));
    }

    @Test
    void theAlerterRunsHourlyWithRetriesAndKnowsWhereToSend() {
        String alerter = SynthesizedTemplates.resource(template, "AWS::Lambda::Function", "ExpiryAlertsAlerter")
                .getKey();
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", ExpiryAlerts.ALERTER,
                "Runtime", "java21",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "CERTFLEET_TABLE", Map.of("Ref", Match.anyValue()),
                        "CERTFLEET_ALERT_TOPIC_ARN", Map.of("Ref", Match.stringLikeRegexp("ExpiryAlertsTopic.*")),
                        "CERTFLEET_EVENT_BUS", Map.of("Ref", Match.stringLikeRegexp("ExpiryAlertsBus.*")))))));
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "ScheduleExpression", "rate(1 hour)",
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Ref", Match.stringLikeRegexp(alerter.replaceAll("[0-9A-F]{8}$", "") + "Live.*")),
                        "RetryPolicy", Map.of("MaximumRetryAttempts", 2, "MaximumEventAgeInSeconds", 3600))))));
    }

    @Test
    void acmsOwnExpiryEventsReachTheAcmEventsFunction() {
        String acmEvents = SynthesizedTemplates.resource(template, "AWS::Lambda::Function", "ExpiryAlertsAcmEvents")
                .getKey();
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", ExpiryAlerts.ACM_EVENTS));
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Map.of("source", List.of("aws.acm"), "detail-type", ExpiryAlerts.ACM_DETAIL_TYPES),
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref",
                        Match.stringLikeRegexp(acmEvents.replaceAll("[0-9A-F]{8}$", "") + "Live.*")))))));
    }

    @Test
    void alertFunctionsMayReadTheInventoryClaimInTheLedgerPublishAndPutEventsOnly() {
        for (String prefix : List.of("ExpiryAlertsAlerter", "ExpiryAlertsAcmEvents")) {
            JsonNode function = SynthesizedTemplates.resource(template, "AWS::Lambda::Function", prefix).getValue();
            List<String> actions = SynthesizedTemplates.actionsOfRole(template, SynthesizedTemplates.roleOf(function));
            assertThat(actions.stream().filter(action -> !action.startsWith("kms:")).toList())
                    .as(prefix).containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:GetItem", "dynamodb:BatchGetItem",
                            "dynamodb:UpdateItem", "sns:Publish", "events:PutEvents", "sqs:SendMessage",
                            "sqs:GetQueueAttributes", "sqs:GetQueueUrl");
            assertThat(actions).noneMatch(action -> action.equals("*") || action.endsWith(":*"));
        }
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", "events:PutEvents",
                        "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ExpiryAlertsBus.*"),
                                "Arn")))))))));
    }

    @Test
    void ownersEmailSubscriptionsHearOnlyAboutTheirCertificates() {
        software.amazon.awscdk.App app = new software.amazon.awscdk.App();
        app.getNode().setContext("certfleet:alertSubscriptions",
                "payments-team=payments@example.com, web-team=web@example.com");
        Template withOwners = Template.fromStack(new CertfleetStack(app, "Owners",
                software.amazon.awscdk.StackProps.builder().build()));

        withOwners.resourceCountIs("AWS::SNS::Subscription", 2);
        withOwners.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email",
                "Endpoint", "payments@example.com",
                "FilterPolicy", Map.of("owner", List.of("payments-team"))));
    }

    @Test
    void theStackSaysWhereOwnersSubscribe() {
        template.hasOutput("AlertTopicArn", Map.of("Value", Map.of("Ref", Match.stringLikeRegexp("ExpiryAlertsTopic.*"))));
        template.hasOutput("EventBusName", Match.anyValue());
    }

    @Test
    void memberAccountsAcmEventsOnCertfleetsBusReachTheAcmEventsFunction() {
        JsonNode rule = SynthesizedTemplates.resource(template, "AWS::Events::Rule", "ExpiryAlertsMemberAcmEvents")
                .getValue().path("Properties");
        assertThat(rule.path("EventBusName").toString()).contains("ExpiryAlertsBus");
        assertThat(rule.path("EventPattern").path("source").get(0).asText()).isEqualTo("aws.acm");
        assertThat(rule.path("Targets").get(0).path("Arn").toString()).contains("ExpiryAlertsAcmEvents");
        // Without an Organization id the bus takes no other account's events.
        template.resourceCountIs("AWS::Events::EventBusPolicy", 0);
    }

    @Test
    void withAnOrganizationIdItsAccountsAndNoOthersMayPutEvents() {
        software.amazon.awscdk.App app = new software.amazon.awscdk.App();
        app.getNode().setContext("certfleet:organizationId", "o-a1b2c3d4e5");
        Template withOrganization = Template.fromStack(new CertfleetStack(app, "Org",
                software.amazon.awscdk.StackProps.builder().build()));

        JsonNode policy = SynthesizedTemplates.resource(withOrganization, "AWS::Events::EventBusPolicy",
                "ExpiryAlertsOrganizationMayPut").getValue().path("Properties").path("Statement");
        assertThat(policy.path("Action").asText()).isEqualTo("events:PutEvents");
        assertThat(policy.path("Principal").asText()).isEqualTo("*");
        assertThat(policy.path("Condition").path("StringEquals").path("aws:PrincipalOrgID").asText())
                .isEqualTo("o-a1b2c3d4e5");
    }
}
