package io.certfleet.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.CompositePrincipal;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * The opt-in rotation role of a member account ({@code CertfleetMemberRotation}; IAM is global, so deploy it once
 * per account, e.g. with a StackSet in one region). The scanner role stays read-only: only where this role exists
 * can certfleet change a certificate. It trusts the central rotation functions' roles by name (issue, swap, canary)
 * and allows exactly the calls they make: reading a replacement in ACM, swapping listener and distribution
 * certificates with the reads that verify the swaps, and the canary's deployment and metric reads.
 */
public final class MemberRotationStack extends Stack {

    public MemberRotationStack(Construct scope, String id, StackProps props, String rotationRoleName) {
        super(scope, id, props);
        CfnParameter centralAccount = CfnParameter.Builder.create(this, "CentralAccountId")
                .type("String")
                .allowedPattern("\\d{12}")
                .constraintDescription("a 12-digit AWS account id")
                .description("The account where certfleet runs (its rotation functions)")
                .build();
        List<IPrincipal> trusted = new ArrayList<>();
        for (String roleName : StagedRotation.MEMBER_ROLE_USERS) {
            trusted.add(new ArnPrincipal("arn:" + getPartition() + ":iam::" + centralAccount.getValueAsString()
                    + ":role/" + roleName));
        }
        Role role = Role.Builder.create(this, "RotationRole")
                .roleName(rotationRoleName)
                .description("certfleet: swaps certificates on this account's load balancers and distributions, "
                        + "assumed by the central rotation functions")
                .assumedBy(new CompositePrincipal(trusted.toArray(IPrincipal[]::new)))
                .inlinePolicies(Map.of("certfleet-rotation", PolicyDocument.Builder.create()
                        .statements(List.of(
                                statement("ReadReplacements", RotationPermissions.ISSUE_ACTIONS),
                                statement("SwapCertificates", RotationPermissions.SWAP_ACTIONS),
                                statement("ReadDeploymentAndMetrics", RotationPermissions.CANARY_ACTIONS),
                                statement("RetireReplacedCertificates", RotationPermissions.RETIRE_ACTIONS)))
                        .build()))
                .build();
        Nag.suppress(role, "AwsSolutions-IAM5", "rotation acts on certificates, listeners and distributions known "
                + "only at run time; its actions are the swap's and the canary's, listed and asserted by the "
                + "template tests", List.of("Resource::*"));
        CfnOutput.Builder.create(this, "RotationRoleArn").value(role.getRoleArn()).build();
    }

    private static PolicyStatement statement(String sid, List<String> actions) {
        return PolicyStatement.Builder.create().sid(sid).actions(actions).resources(List.of("*")).build();
    }
}
