package io.certfleet.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * The role certfleet assumes in each member account, for every account of the organization (deploy it with a
 * CloudFormation StackSet, service-managed, to the organization's accounts). It trusts only the central scan
 * worker's role and may make only the read-only discovery calls.
 */
public final class MemberScannerRoleStack extends Stack {

    public MemberScannerRoleStack(Construct scope, String id, StackProps props, String roleName) {
        super(scope, id, props);
        CfnParameter centralAccount = CfnParameter.Builder.create(this, "CentralAccountId")
                .type("String")
                .allowedPattern("\\d{12}")
                .description("The account where certfleet's scan worker runs")
                .build();
        Role role = Role.Builder.create(this, "ScannerRole")
                .roleName(roleName)
                .description("certfleet: read-only certificate discovery, assumed by the central scan worker")
                .assumedBy(new ArnPrincipal("arn:" + getPartition() + ":iam::" + centralAccount.getValueAsString()
                        + ":role/" + FleetScan.WORKER_ROLE_NAME))
                .inlinePolicies(Map.of("certfleet-discovery", PolicyDocument.Builder.create()
                        .statements(List.of(PolicyStatement.Builder.create()
                                .sid("ReadCertificateSources")
                                .actions(ScannerPermissions.READ_ACTIONS)
                                .resources(List.of("*"))
                                .build()))
                        .build()))
                .build();
        CfnOutput.Builder.create(this, "ScannerRoleArn").value(role.getRoleArn()).build();
    }
}
