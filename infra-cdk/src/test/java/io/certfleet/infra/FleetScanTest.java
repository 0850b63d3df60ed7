package io.certfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Template assertions on the scan workflow: functions, state machine, schedule, and each role's permissions. */
class FleetScanTest {

    private final Template template = SynthesizedTemplates.central();

    @Test
    void fourFunctionsOnJava21FromTheOneJar() {
        for (String handler : List.of(FleetScan.PLANNER, FleetScan.WORKER, FleetScan.SUMMARY, FleetScan.PROBER,
                FleetScan.JUDGE)) {
            template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                    "Runtime", "java21",
                    "Architectures", List.of("arm64"),
                    "Handler", handler,
                    "MemorySize", 1024,
                    "Environment", Map.of("Variables", Match.objectLike(Map.of(
                            "CERTFLEET_TABLE", Map.of("Ref", Match.anyValue()),
                            "CERTFLEET_SCANNER_ROLE", "certfleet-scanner",
                            "CERTFLEET_ACCOUNTS", "organization")))));
        }
        template.resourceCountIs("AWS::Lambda::Function", 16); // and ExpiryAlerts' two, StagedRotation's seven,
        // the inventory API's and the KPI publisher
    }

    @Test
    void theStateMachinePlansScansEachItemWithRetriesAndCatchAndSummarizes() throws Exception {
        JsonNode asl = SynthesizedTemplates.definition(template, "FleetScanStateMachine");

        assertThat(asl.path("StartAt").asText()).isEqualTo("Plan");
        JsonNode plan = asl.path("States").path("Plan");
        assertThat(plan.path("Resource").asText()).contains(":function:FleetScanPlanner");
        assertThat(plan.path("Next").asText()).isEqualTo("ScanEach");
        JsonNode map = asl.path("States").path("ScanEach");
        assertThat(map.path("Type").asText()).isEqualTo("Map");
        assertThat(map.path("ItemsPath").asText()).isEqualTo("$.items");
        assertThat(map.path("MaxConcurrency").asInt()).isEqualTo(20);
        assertThat(map.path("ResultPath").isNull()).as("the Map discards item outputs").isTrue();
        JsonNode scanOne = map.path("ItemProcessor").path("States").path("ScanOne");
        assertThat(scanOne.path("Resource").asText()).contains(":function:FleetScanWorker");
        assertThat(scanOne.path("Retry")).hasSize(2);
        JsonNode serviceErrors = scanOne.path("Retry").get(0);
        assertThat(serviceErrors.path("MaxAttempts").asInt()).isEqualTo(4);
        assertThat(serviceErrors.path("BackoffRate").asDouble()).isEqualTo(2.0);
        assertThat(names(serviceErrors.path("ErrorEquals"))).contains("Lambda.TooManyRequestsException",
                "States.Timeout");
        JsonNode taskFailures = scanOne.path("Retry").get(1);
        assertThat(names(taskFailures.path("ErrorEquals"))).containsExactly("States.TaskFailed");
        assertThat(taskFailures.path("MaxAttempts").asInt()).isEqualTo(2);
        assertThat(scanOne.path("Catch")).singleElement().satisfies(handler -> {
            assertThat(names(handler.path("ErrorEquals"))).containsExactly("States.ALL");
            assertThat(handler.path("Next").asText()).isEqualTo("ItemNotScanned");
        });
        assertThat(scanOne.path("ResultPath").isNull()).as("ScanOne passes the item on").isTrue();
        assertThat(scanOne.path("Next").asText()).isEqualTo("ProbeOne");
        JsonNode states = map.path("ItemProcessor").path("States");
        assertThat(states.path("ItemNotScanned").path("Next").asText()).as("a failed scan is still probed")
                .isEqualTo("ProbeOne");
        JsonNode probeOne = states.path("ProbeOne");
        assertThat(probeOne.path("Resource").asText()).contains(":function:FleetScanProber");
        assertThat(probeOne.path("Retry")).singleElement().satisfies(retry ->
                assertThat(names(retry.path("ErrorEquals"))).contains("Lambda.TooManyRequestsException")
                        .doesNotContain("States.TaskFailed"));
        assertThat(probeOne.path("Catch")).singleElement().satisfies(handler ->
                assertThat(handler.path("Next").asText()).isEqualTo("ItemNotProbed"));
        assertThat(states.path("ItemNotProbed").path("Next").asText()).as("a failed probe is still judged")
                .isEqualTo("JudgeOne");
        assertThat(probeOne.path("Next").asText()).isEqualTo("JudgeOne");
        JsonNode judgeOne = states.path("JudgeOne");
        assertThat(judgeOne.path("Resource").asText()).contains(":function:FleetScanJudge");
        assertThat(judgeOne.path("ResultPath").isNull()).isTrue();
        assertThat(judgeOne.path("Catch")).singleElement().satisfies(handler ->
                assertThat(handler.path("Next").asText()).isEqualTo("ItemNotJudged"));
        assertThat(states.path("ItemNotJudged").path("End").asBoolean()).isTrue();
        assertThat(judgeOne.path("End").asBoolean()).isTrue();
        JsonNode summarize = asl.path("States").path("Summarize");
        assertThat(summarize.path("Resource").asText()).contains(":function:FleetScanSummary");
        assertThat(summarize.path("Parameters").path("scanId.$").asText()).isEqualTo("$.scanId");
        assertThat(summarize.path("End").asBoolean()).isTrue();
    }

    @Test
    void aScheduleStartsTheStateMachine() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "ScheduleExpression", "rate(6 hours)",
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Ref", Match.stringLikeRegexp("FleetScanStateMachine.*")))))));
        template.hasResourceProperties("AWS::StepFunctions::StateMachine", Map.of(
                "StateMachineType", "STANDARD",
                "LoggingConfiguration", Match.objectLike(Map.of("Level", "ALL", "IncludeExecutionData", false)),
                "TracingConfiguration", Map.of("Enabled", true)));
    }

    @Test
    void eachFunctionMayDoItsStepOnly() {
        List<String> planner = actionsOf("FleetScanPlanner");
        List<String> worker = actionsOf("FleetScanWorker");
        List<String> summary = actionsOf("FleetScanSummary");
        List<String> prober = actionsOf("FleetScanProber");
        List<String> judge = actionsOf("FleetScanJudge");

        assertThat(withoutKms(planner)).containsExactlyInAnyOrder("organizations:ListAccounts",
                "organizations:ListTagsForResource", "dynamodb:PutItem");
        List<String> workerExpected = new ArrayList<>(ScannerPermissions.READ_ACTIONS);
        workerExpected.addAll(List.of("sts:AssumeRole", "dynamodb:UpdateItem", "dynamodb:Query", "dynamodb:PutItem",
                "dynamodb:GetItem", "dynamodb:Scan"));
        assertThat(withoutKms(worker)).containsExactlyInAnyOrderElementsOf(workerExpected);
        assertThat(withoutKms(summary)).containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:Query",
                "dynamodb:PutItem");
        assertThat(withoutKms(prober)).as("the prober reads bindings and writes probe results, nothing else")
                .containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:BatchWriteItem");
        assertThat(withoutKms(judge)).as("the judge reads, expands ELB policies, stores findings, publishes events "
                        + "and tells owners of new handshake failures")
                .containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:UpdateItem",
                        "elasticloadbalancing:DescribeSSLPolicies", "events:PutEvents", "sns:Publish");
        for (List<String> actions : List.of(planner, worker, summary, prober, judge)) {
            assertThat(actions).noneMatch(action -> action.equals("*") || action.endsWith(":*"))
                    .contains("kms:Decrypt", "kms:GenerateDataKey*");
        }
    }

    @Test
    void theWorkerHasAFixedRoleNameAndMayAssumeOnlyTheScannerRole() {
        template.hasResourceProperties("AWS::IAM::Role", Map.of("RoleName", FleetScan.WORKER_ROLE_NAME));
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", "sts:AssumeRole",
                        "Resource", Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                                ":iam::*:role/certfleet-scanner"))))))))));
    }

    private List<String> actionsOf(String functionPrefix) {
        JsonNode function = SynthesizedTemplates.resource(template, "AWS::Lambda::Function", functionPrefix)
                .getValue();
        return SynthesizedTemplates.actionsOfRole(template, SynthesizedTemplates.roleOf(function));
    }

    private static List<String> withoutKms(List<String> actions) {
        return actions.stream().filter(action -> !action.startsWith("kms:")).toList();
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }

    /** ACM renewed (or someone re-imported) a certificate in place: scan and probe that account-region now. */
    @Test
    void aRenewalInPlaceStartsTheScanOfItsAccountAndRegion() {
        for (String prefix : List.of("FleetScanRenewalCheck", "FleetScanMemberRenewalCheck")) {
            com.fasterxml.jackson.databind.JsonNode rule = SynthesizedTemplates.resource(template, "AWS::Events::Rule",
                    prefix).getValue().path("Properties");
            assertThat(rule.path("EventPattern").path("detail-type").get(0).asText())
                    .isEqualTo("ACM Certificate Available");
            assertThat(rule.path("EventPattern").path("detail").path("Action").toString())
                    .isEqualTo("[\"RENEWAL\",\"REIMPORT\"]");
            com.fasterxml.jackson.databind.JsonNode target = rule.path("Targets").get(0);
            assertThat(target.path("Arn").toString()).contains("FleetScanStateMachine");
            assertThat(target.path("InputTransformer").path("InputPathsMap").toString())
                    .contains("\"account\":\"$.account\"").contains("\"region\":\"$.region\"");
            assertThat(target.path("InputTransformer").path("InputTemplate").asText().replace(" ", ""))
                    .isEqualTo("{\"accounts\":[<account>],\"regions\":[<region>]}");
            assertThat(prefix.contains("Member")).as(prefix + " on certfleet's bus")
                    .isEqualTo(rule.has("EventBusName"));
        }
    }
}
