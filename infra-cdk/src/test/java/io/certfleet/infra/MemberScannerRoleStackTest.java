package io.certfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/** The member accounts' scanner role: trusts only the central worker, reads only. */
class MemberScannerRoleStackTest {

    private final Template template = Template.fromStack(new MemberScannerRoleStack(new App(), "Member",
            StackProps.builder().build(), "certfleet-scanner"));

    @Test
    void theRoleIsNamedAndTrustsOnlyTheCentralScanWorker() {
        template.hasParameter("CentralAccountId", Map.of("Type", "String", "AllowedPattern", "\\d{12}"));
        JsonNode role = new ObjectMapper().valueToTree(template.findResources("AWS::IAM::Role")).elements().next();
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
        JsonNode role = new ObjectMapper().valueToTree(template.findResources("AWS::IAM::Role")).elements().next();
        List<String> actions = new ArrayList<>();
        role.path("Properties").path("Policies").forEach(policy -> policy.path("PolicyDocument").path("Statement")
                .forEach(statement -> statement.path("Action").forEach(action -> actions.add(action.asText()))));

        assertThat(actions).containsExactlyInAnyOrderElementsOf(ScannerPermissions.READ_ACTIONS);
        assertThat(actions).allMatch(action -> action.matches("[a-z]+:(List|Get|Describe|GET)[A-Za-z]*"));
    }
}
