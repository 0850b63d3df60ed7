package io.certfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/** The rotation as CloudFormation gets it: the workflow's states, retries and catches; least privilege; roles. */
class StagedRotationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Template template = SynthesizedTemplates.central();

    private JsonNode states() throws Exception {
        return SynthesizedTemplates.definition(template, "StagedRotationStateMachine").path("States");
    }

    @Test
    void theWorkflowLocksPlansWaitsIssuesSwapsInWavesAndRollsBack() throws Exception {
        JsonNode asl = SynthesizedTemplates.definition(template, "StagedRotationStateMachine");
        JsonNode states = asl.path("States");
        assertThat(asl.path("StartAt").asText()).isEqualTo("Start");
        assertThat(states.path("WaitForWindow").path("TimestampPath").asText()).isEqualTo("$.start.notBefore");
        assertThat(states.path("WaitForWindow").path("Next").asText()).isEqualTo("Issue");
        JsonNode swapWave = states.path("SwapWave");
        assertThat(swapWave.path("Type").asText()).isEqualTo("Map");
        assertThat(swapWave.path("MaxConcurrency").asInt()).isEqualTo(10);
        assertThat(swapWave.path("ItemProcessor").path("StartAt").asText()).isEqualTo("Swap");
        JsonNode perBinding = swapWave.path("ItemProcessor").path("States");
        assertThat(perBinding.path("Swap").path("Next").asText()).isEqualTo("CanaryCheck");
        assertThat(perBinding.path("CanaryWait").path("SecondsPath").asText()).isEqualTo("$.canary.waitSeconds");
        assertThat(perBinding.path("CanaryDone").path("Default").asText()).isEqualTo("CanaryWait");
        assertThat(swapWave.path("Catch").get(0).path("Next").asText()).isEqualTo("Rollback");
        assertThat(states.path("WaveOk").path("Choices").toString()).contains("\"Next\":\"Rollback\"")
                .contains("\"Next\":\"Succeeded\"");
        assertThat(states.path("RestoreAll").path("ItemProcessor").path("States").path("Restore").path("Next")
                .asText()).isEqualTo("VerifyRestored");
        assertThat(states.path("RestoreAll").path("Catch").get(0).path("Next").asText()).isEqualTo("RolledBack");
        assertThat(states.path("Issue").path("Catch").get(0).path("Next").asText()).isEqualTo("FailStep");
        // Waiting for ACM's DNS validation or a closed breaker: wait, then ask the Issue step again (it ends a
        // validation wait itself); a local (detached) run ends there.
        assertThat(states.path("Issued").path("Choices").get(0).path("Next").asText()).isEqualTo("Detached");
        assertThat(states.path("Issued").path("Choices").get(1).toString())
                .isEqualTo("{\"Variable\":\"$.issue.pending\",\"BooleanEquals\":true,\"Next\":\"WaitToIssue\"}");
        assertThat(states.path("WaitToIssue").path("Seconds").asInt()).isEqualTo(300);
        assertThat(states.path("WaitToIssue").path("Next").asText()).isEqualTo("Issue");
        // The approval gate is a Wait + check loop: no task token, so the same definition runs locally.
        assertThat(states.path("WaitForApproval").path("SecondsPath").asText()).isEqualTo("$.start.approvalPollSeconds");
        assertThat(states.path("WaitForApproval").path("Next").asText()).isEqualTo("CheckApproval");
        assertThat(states.path("ApprovalDecided").path("Choices").toString())
                .contains("\"StringEquals\":\"APPROVED\",\"Next\":\"WindowOrIssue\"")
                .contains("\"StringEquals\":\"PENDING\",\"Next\":\"WaitForApproval\"");
        assertThat(states.path("ApprovalDecided").path("Default").asText()).isEqualTo("NotApproved");
        assertThat(asl.toString()).doesNotContain("waitForTaskToken");
    }

    @Test
    void everyTaskRetriesLambdasOwnErrorsAndEveryEndReleasesTheLock() throws Exception {
        List<String> tasks = new ArrayList<>();
        List<JsonNode> all = new ArrayList<>();
        states().fields().forEachRemaining(state -> all.add(state.getValue()));
        for (String map : List.of("SwapWave", "RestoreAll")) {
            states().path(map).path("ItemProcessor").path("States").forEach(all::add);
        }
        for (JsonNode state : all) {
            if (state.path("Type").asText().equals("Task")) {
                tasks.add(state.path("Resource").asText());
                assertThat(state.path("Retry").toString()).as(state.toString()).contains("Lambda.ServiceException")
                        .contains("Lambda.TooManyRequestsException");
            }
        }
        assertThat(tasks).as("Start, Issue, Swap, CanaryCheck, Judge, WaveDone, Succeeded, Rollback, Restore, "
                + "VerifyRestored, RolledBack, FailStep, NotIssued, Detached, CheckApproval").hasSize(15);
        // The ends (Result) come only after a Recorder task that releases the lock, or before the lock was taken.
        Set<String> intoResult = Set.of("Succeeded", "RolledBack", "FailStep", "NotIssued", "Detached",
                "NotApproved");
        states().fields().forEachRemaining(state -> {
            if (state.getValue().path("Next").asText().equals("Result")) {
                assertThat(intoResult).contains(state.getKey());
            }
        });
    }

    @Test
    void eachFunctionMayDoOnlyItsStep() {
        Map<String, List<String>> expected = Map.of(
                "StagedRotationPlanner", List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
                        "dynamodb:PutItem", "dynamodb:BatchWriteItem", "dynamodb:UpdateItem", "events:PutEvents"),
                "StagedRotationIssuer", concat(List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem",
                        "sts:AssumeRole", "sns:Publish"), concat(RotationPermissions.ISSUE_ACTIONS,
                        RotationPermissions.PRIVATE_CA_ACTIONS)),
                "StagedRotationSwapper", concat(List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem",
                        "sts:AssumeRole"), RotationPermissions.SWAP_ACTIONS),
                "StagedRotationCanary", concat(List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem",
                        "sts:AssumeRole"), RotationPermissions.CANARY_ACTIONS),
                "StagedRotationRecorder", List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem",
                        "dynamodb:DeleteItem", "dynamodb:UpdateItem", "events:PutEvents", "sns:Publish"),
                "StagedRotationSignals", concat(List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan",
                        "dynamodb:PutItem", "events:PutEvents"), SynthesizedTemplates.SENDS_ITS_FAILURES),
                "StagedRotationRetirer", concat(concat(List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan",
                        "sts:AssumeRole"), RotationPermissions.RETIRE_ACTIONS), SynthesizedTemplates.SENDS_ITS_FAILURES));
        expected.forEach((function, actions) -> {
            JsonNode body = SynthesizedTemplates.resource(template, "AWS::Lambda::Function", function).getValue();
            List<String> granted = SynthesizedTemplates.actionsOfRole(template, SynthesizedTemplates.roleOf(body))
                    .stream().filter(action -> !action.startsWith("kms:")).distinct().toList();
            assertThat(granted).as(function).containsExactlyInAnyOrderElementsOf(actions.stream().distinct()
                    .toList());
        });
        // Only the swap writes to load balancers and distributions.
        assertThat(RotationPermissions.CANARY_ACTIONS).noneMatch(action -> action.matches(
                ".*:(Modify|Add|Remove|Set|Update|PATCH|POST|PUT|DELETE).*"));
    }

    @Test
    void thePlannerKnowsWhichEnvironmentsMayBeDrilled() {
        JsonNode variables = SynthesizedTemplates.resource(template, "AWS::Lambda::Function", "StagedRotationPlanner")
                .getValue().path("Properties").path("Environment").path("Variables");
        assertThat(variables.path("CERTFLEET_DRILLABLE_ENVIRONMENTS").asText()).isEqualTo("staging");
    }

    @Test
    void aRotationRequestedEventOnCertfleetsBusStartsAnExecutionWithItsDetail() {
        JsonNode rule = SynthesizedTemplates.resource(template, "AWS::Events::Rule", "StagedRotationOnRotation")
                .getValue().path("Properties");
        assertThat(rule.path("EventPattern").path("detail-type").get(0).asText()).isEqualTo("RotationRequested");
        assertThat(rule.path("EventBusName").toString()).contains("ExpiryAlertsBus");
        assertThat(rule.path("Targets").get(0).path("InputPath").asText()).isEqualTo("$.detail");
    }

    @Test
    void rollbackRequestsAndAlarmsReachTheSignalsFunction() {
        JsonNode requested = SynthesizedTemplates.resource(template, "AWS::Events::Rule", "StagedRotationOnRollback")
                .getValue().path("Properties");
        assertThat(requested.path("EventPattern").path("detail-type").get(0).asText()).isEqualTo("RollbackRequested");
        assertThat(requested.path("EventBusName").toString()).contains("ExpiryAlertsBus");
        JsonNode alarm = SynthesizedTemplates.resource(template, "AWS::Events::Rule", "StagedRotationOnAlarm")
                .getValue().path("Properties");
        assertThat(alarm.path("EventPattern").path("detail").path("state").path("value").get(0).asText())
                .isEqualTo("ALARM");
        assertThat(alarm.has("EventBusName")).as("the default bus, where CloudWatch puts alarms").isFalse();
        for (JsonNode rule : List.of(requested, alarm)) {
            assertThat(rule.path("Targets").get(0).path("Arn").toString()).contains("StagedRotationSignals")
                    .contains("Live");
            assertThat(rule.path("Targets").get(0).path("RetryPolicy").path("MaximumRetryAttempts").asInt())
                    .isEqualTo(2);
        }
    }

    @Test
    void theMemberRotationRoleTrustsOnlyTheRotationFunctionsAndMayOnlyTheirCalls() {
        Template member = Template.fromStack(new MemberRotationStack(new App(), "Rotation", StackProps.builder()
                .build(), "CertfleetMemberRotationRole"));
        JsonNode role = SynthesizedTemplates.resource(member, "AWS::IAM::Role", "RotationRole").getValue()
                .path("Properties");
        assertThat(role.path("RoleName").asText()).isEqualTo("CertfleetMemberRotationRole");
        String trust = role.path("AssumeRolePolicyDocument").toString();
        StagedRotation.MEMBER_ROLE_USERS.forEach(name -> assertThat(trust).contains(":role/" + name));
        List<String> principals = new ArrayList<>();
        role.path("AssumeRolePolicyDocument").path("Statement").forEach(statement -> {
            assertThat(statement.path("Action").asText()).isEqualTo("sts:AssumeRole");
            principals.add(statement.path("Principal").path("AWS").toString());
        });
        assertThat(principals).as("the four rotation functions' roles, nothing else").hasSize(4);
        List<String> actions = new ArrayList<>();
        role.path("Policies").forEach(policy -> policy.path("PolicyDocument").path("Statement")
                .forEach(statement -> {
                    JsonNode action = statement.path("Action"); // one action is a string, more an array
                    if (action.isTextual()) {
                        actions.add(action.asText());
                    } else {
                        action.forEach(each -> actions.add(each.asText()));
                    }
                }));
        assertThat(actions).containsExactlyInAnyOrderElementsOf(concat(concat(RotationPermissions.ISSUE_ACTIONS,
                concat(RotationPermissions.SWAP_ACTIONS, RotationPermissions.CANARY_ACTIONS)),
                RotationPermissions.RETIRE_ACTIONS));
        assertThat(actions).as("no IAM, no private CA").noneMatch(action -> action.startsWith("iam:")
                || action.startsWith("acm-pca:"));
        assertThat(actions.stream().filter(action -> action.contains("Delete"))).as("one delete: a replaced "
                + "certificate nothing uses, after its retention").containsExactly("acm:DeleteCertificate");
        assertThat(actions.stream().filter(action -> action.matches(".*:(Import|Request|AddTags|Change|Modify|Set"
                + "|Update|Add|Remove|PATCH|POST|PUT|Delete).*")).distinct()).as("the writes: issue, tag, validate, "
                + "swap, retire")
                .containsExactlyInAnyOrder("acm:RequestCertificate", "acm:ImportCertificate",
                        "acm:AddTagsToCertificate", "route53:ChangeResourceRecordSets",
                        "elasticloadbalancing:ModifyListener", "elasticloadbalancing:AddListenerCertificates",
                        "elasticloadbalancing:RemoveListenerCertificates",
                        "elasticloadbalancing:SetLoadBalancerListenerSSLCertificate",
                        "cloudfront:UpdateDistribution", "apigateway:PATCH", "acm:DeleteCertificate");
        // Each central function that enters member accounts has the role name the member role trusts.
        for (String name : StagedRotation.MEMBER_ROLE_USERS) {
            assertThat(JSON.valueToTree(template.findResources("AWS::IAM::Role")).toString())
                    .contains("\"RoleName\":\"" + name + "\"");
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
