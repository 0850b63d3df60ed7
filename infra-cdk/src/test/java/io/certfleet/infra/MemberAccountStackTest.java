package io.certfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** A member account: the scanner role (trusts only the central worker, reads only) and ACM events forwarded. */
class MemberAccountStackTest {

    private final Template template = SynthesizedTemplates.member();
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode role(String prefix) {
        return SynthesizedTemplates.resource(template, "AWS::IAM::Role", prefix).getValue();
    }

    @Test
    void theRoleIsNamedAndTrustsOnlyTheCentralScanWorker() {
        template.hasParameter("CentralAccountId", Map.of("Type", "String", "AllowedPattern", "\\d{12}"));
        JsonNode role = role("ScannerRole");
        assertThat(role.path("Properties").path("RoleName").asText()).isEqualTo("certfleet-scanner");
        JsonNode trust = role.path("Properties").path("AssumeRolePolicyDocument").path("Statement");
        assertThat(trust).singleElement().satisfies(statement -> {
            assertThat(statement.path("Action").asText()).isEqualTo("sts:AssumeRole");
            assertThat(statement.path("Principal").path("AWS").toString())
                    .contains("CentralAccountId").contains(":role/" + FleetScan.WORKER_ROLE_NAME);
        });
    }

    @Test
    void theRoleMayMakeOnlyTheReadOnlyDiscoveryCalls() {
        JsonNode role = role("ScannerRole");
        List<String> actions = new ArrayList<>();
        role.path("Properties").path("Policies").forEach(policy -> policy.path("PolicyDocument").path("Statement")
                .forEach(statement -> statement.path("Action").forEach(action -> actions.add(action.asText()))));

        assertThat(actions).containsExactlyInAnyOrderElementsOf(ScannerPermissions.READ_ACTIONS);
        assertThat(actions).allMatch(action -> action.matches("[a-z]+:(List|Get|Describe|GET)[A-Za-z]*"));
    }

    /** IAM is global: one stack instance (ScannerRoleRegion) creates the role; the others only forward events. */
    @Test
    void onlyTheScannerRoleRegionCreatesTheRole() {
        template.hasParameter("ScannerRoleRegion", Map.of("Type", "String"));
        assertThat(role("ScannerRole").path("Condition").asText()).isEqualTo("CreatesScannerRole");
        assertThat(JSON.valueToTree(template.toJSON()).path("Conditions").path("CreatesScannerRole").toString())
                .contains("AWS::Region").contains("ScannerRoleRegion");
    }

    @Test
    void acmEventsGoToCertfleetsCentralBusThroughARoleThatMayOnlyPutThere() {
        JsonNode rule = SynthesizedTemplates.resource(template, "AWS::Events::Rule", "ForwardAcmEvents").getValue()
                .path("Properties");
        assertThat(rule.path("EventBusName").isMissingNode()).as("the account's default bus").isTrue();
        assertThat(rule.path("EventPattern").path("source")).containsExactly(JSON.valueToTree("aws.acm"));
        List<String> forwarded = new ArrayList<>(ExpiryAlerts.ACM_DETAIL_TYPES);
        forwarded.add("ACM Certificate Available"); // the central renewal check scans and probes after a renewal
        assertThat(rule.path("EventPattern").path("detail-type")).containsExactlyElementsOf(JSON.valueToTree(
                forwarded));
        JsonNode target = rule.path("Targets").get(0);
        assertThat(target.path("Arn").toString()).contains(":events:").contains("CentralRegion")
                .contains("CentralAccountId").contains(":event-bus/certfleet");
        assertThat(target.path("RoleArn").toString()).contains("ForwarderRole");

        JsonNode forwarder = role("ForwarderRole").path("Properties");
        assertThat(forwarder.path("AssumeRolePolicyDocument").path("Statement").get(0).path("Principal")
                .path("Service").asText()).isEqualTo("events.amazonaws.com");
        JsonNode statement = forwarder.path("Policies").get(0).path("PolicyDocument").path("Statement");
        assertThat(statement).singleElement().satisfies(allowed -> {
            assertThat(allowed.path("Action").asText()).isEqualTo("events:PutEvents");
            assertThat(allowed.path("Resource")).isEqualTo(target.path("Arn"));
        });
    }
}
