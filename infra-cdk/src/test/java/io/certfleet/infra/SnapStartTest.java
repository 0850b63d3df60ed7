package io.certfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * Every function runs with SnapStart on published versions and is invoked through its {@code live} alias (a
 * snapshotted version), never as {@code $LATEST}; its role writes its own log group and no managed policy is used.
 */
class SnapStartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Template template = SynthesizedTemplates.central();

    private Map<String, JsonNode> all(String type) {
        Map<String, JsonNode> found = new java.util.TreeMap<>();
        template.findResources(type).forEach((id, body) -> found.put(id, JSON.valueToTree(body)));
        return found;
    }

    @Test
    void everyFunctionSnapshotsItsPublishedVersionsAndHasALiveAlias() {
        Map<String, JsonNode> functions = all("AWS::Lambda::Function");
        Map<String, JsonNode> aliases = all("AWS::Lambda::Alias");
        assertThat(functions).hasSize(16);
        List<String> aliased = new ArrayList<>();
        aliases.values().forEach(alias -> {
            assertThat(alias.path("Properties").path("Name").asText()).isEqualTo(CertfleetFunctions.ALIAS);
            String version = alias.path("Properties").path("FunctionVersion").path("Fn::GetAtt").get(0).asText();
            assertThat(all("AWS::Lambda::Version")).containsKey(version);
            aliased.add(alias.path("Properties").path("FunctionName").path("Ref").asText());
        });
        assertThat(aliased).containsExactlyInAnyOrderElementsOf(functions.keySet());
        functions.forEach((id, function) -> {
            assertThat(function.path("Properties").path("SnapStart").path("ApplyOn").asText()).as(id)
                    .isEqualTo("PublishedVersions");
            assertThat(function.path("Properties").path("Runtime").asText()).as(id).isEqualTo("java21");
        });
    }

    @Test
    void schedulesAndTheStateMachineInvokeAliasesOnly() throws Exception {
        all("AWS::Events::Rule").forEach((id, rule) -> rule.path("Properties").path("Targets").forEach(target -> {
            String arn = target.path("Arn").toString();
            assertThat(arn).as(id).doesNotContain("\"Arn\"]").satisfiesAnyOf(
                    ref -> assertThat(ref).contains("Live"),
                    ref -> assertThat(ref).contains("StateMachine"),
                    ref -> assertThat(ref).contains("ExpiryAlertsBus"));
        }));
        for (String stateMachine : List.of("FleetScanStateMachine", "StagedRotationStateMachine")) {
            JsonNode asl = SynthesizedTemplates.definition(template, stateMachine);
            List<String> resources = new ArrayList<>();
            asl.findValues("Resource").forEach(resource -> resources.add(resource.asText()));
            assertThat(resources).as(stateMachine).isNotEmpty()
                    .allMatch(resource -> resource.endsWith(":" + CertfleetFunctions.ALIAS));
        }
    }

    @Test
    void rolesUseNoManagedPolicyAndWriteOnlyTheirOwnLogGroup() {
        all("AWS::IAM::Role").forEach((id, role) ->
                assertThat(role.path("Properties").path("ManagedPolicyArns").isMissingNode()).as(id).isTrue());
        all("AWS::Lambda::Function").forEach((id, function) -> {
            String logGroup = function.path("Properties").path("LoggingConfig").path("LogGroup").path("Ref").asText();
            String role = SynthesizedTemplates.roleOf(function);
            List<String> logResources = new ArrayList<>();
            template.findResources("AWS::IAM::Policy").forEach((policyId, body) -> {
                JsonNode policy = JSON.valueToTree(body).path("Properties");
                if (policy.path("Roles").toString().contains("\"" + role + "\"")) {
                    policy.path("PolicyDocument").path("Statement").forEach(statement -> {
                        if (statement.path("Action").toString().contains("logs:")) {
                            logResources.add(statement.path("Resource").toString());
                        }
                    });
                }
            });
            assertThat(logResources).as(id).isNotEmpty().allMatch(resource -> resource.contains(logGroup));
        });
    }
}
