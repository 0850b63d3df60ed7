package io.certfleet.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * What certfleet needs in every member account, one template for a service-managed CloudFormation StackSet
 * deployed to the Organization's accounts in every region certfleet watches:
 * <ul>
 *   <li>the scanner role (IAM is global: created by the stack instance in {@code ScannerRoleRegion} only), trusting
 *       only the central scan worker's role and allowed only the read-only discovery calls;</li>
 *   <li>a rule on the account's default bus that forwards ACM's own certificate events (they happen in each account
 *       and region) to certfleet's central bus, through a role that may only put events on that bus.</li>
 * </ul>
 */
public final class MemberAccountStack extends Stack {

    public MemberAccountStack(Construct scope, String id, StackProps props, String scannerRoleName,
                              String centralBusName) {
        super(scope, id, props);
        CfnParameter centralAccount = CfnParameter.Builder.create(this, "CentralAccountId")
                .type("String")
                .allowedPattern("\\d{12}")
                .constraintDescription("a 12-digit AWS account id")
                .description("The account where certfleet runs (its scan worker and its event bus)")
                .build();
        CfnParameter centralRegion = CfnParameter.Builder.create(this, "CentralRegion")
                .type("String")
                .allowedPattern("[a-z]{2}(-[a-z]+)+-\\d")
                .constraintDescription("an AWS region, e.g. eu-west-1")
                .description("The region of certfleet's central stack (its event bus)")
                .build();
        CfnParameter scannerRoleRegion = CfnParameter.Builder.create(this, "ScannerRoleRegion")
                .type("String")
                .allowedPattern("[a-z]{2}(-[a-z]+)+-\\d")
                .constraintDescription("an AWS region, e.g. us-east-1")
                .description("The one region whose stack instance creates the (global) scanner role")
                .build();
        CfnCondition createsTheRole = CfnCondition.Builder.create(this, "CreatesScannerRole")
                .expression(Fn.conditionEquals(getRegion(), scannerRoleRegion.getValueAsString()))
                .build();

        Role scanner = scannerRole(scannerRoleName, centralAccount.getValueAsString());
        Nag.suppress(scanner, "AwsSolutions-IAM5", "discovery reads every certificate source of the account: "
                + "List/Describe/Get calls only (asserted by the template tests), most without resource-level "
                + "permissions", List.of("Resource::*"));
        ((software.amazon.awscdk.CfnResource) scanner.getNode().getDefaultChild()).getCfnOptions()
                .setCondition(createsTheRole);
        CfnOutput output = CfnOutput.Builder.create(this, "ScannerRoleArn").value(scanner.getRoleArn()).build();
        output.setCondition(createsTheRole);

        forwardAcmEvents(centralAccount.getValueAsString(), centralRegion.getValueAsString(), centralBusName);
    }

    private Role scannerRole(String roleName, String centralAccount) {
        return Role.Builder.create(this, "ScannerRole")
                .roleName(roleName)
                .description("certfleet: read-only certificate discovery, assumed by the central scan worker")
                .assumedBy(new ArnPrincipal("arn:" + getPartition() + ":iam::" + centralAccount
                        + ":role/" + FleetScan.WORKER_ROLE_NAME))
                .inlinePolicies(Map.of("certfleet-discovery", PolicyDocument.Builder.create()
                        .statements(List.of(PolicyStatement.Builder.create()
                                .sid("ReadCertificateSources")
                                .actions(ScannerPermissions.READ_ACTIONS)
                                .resources(List.of("*"))
                                .build()))
                        .build()))
                .build();
    }

    /** ACM's events of this account and region, to certfleet's bus (cross-account, cross-region target). */
    private void forwardAcmEvents(String centralAccount, String centralRegion, String centralBusName) {
        String busArn = "arn:" + getPartition() + ":events:" + centralRegion + ":" + centralAccount + ":event-bus/"
                + centralBusName;
        IEventBus central = EventBus.fromEventBusArn(this, "CentralBus", busArn);
        Role forwarder = Role.Builder.create(this, "ForwarderRole")
                .description("certfleet: puts this account's ACM events on certfleet's central bus")
                .assumedBy(new ServicePrincipal("events.amazonaws.com"))
                .inlinePolicies(Map.of("certfleet-forward", PolicyDocument.Builder.create()
                        .statements(List.of(PolicyStatement.Builder.create()
                                .sid("PutOnCertfleetBus")
                                .actions(List.of("events:PutEvents"))
                                .resources(List.of(busArn))
                                .build()))
                        .build()))
                .build();
        Rule rule = Rule.Builder.create(this, "ForwardAcmEvents")
                .description("certfleet: ACM's certificate events, to certfleet's central bus")
                .eventPattern(forwardedAcmEvents())
                .build();
        // L1 target: the role is the forwarder's own (the L2 EventBus target would create another role per rule).
        ((CfnRule) rule.getNode().getDefaultChild()).setTargets(List.of(CfnRule.TargetProperty.builder()
                .id("CertfleetBus")
                .arn(central.getEventBusArn())
                .roleArn(forwarder.getRoleArn())
                .build()));
    }

    /** ACM's events the alerts act on: expiry approaching and renewal action required. */
    static EventPattern acmEvents() {
        return EventPattern.builder().source(List.of("aws.acm")).detailType(ExpiryAlerts.ACM_DETAIL_TYPES).build();
    }

    /** What a member account forwards: the alerts' events, and a certificate available again (renewed). */
    static EventPattern forwardedAcmEvents() {
        List<String> types = new java.util.ArrayList<>(ExpiryAlerts.ACM_DETAIL_TYPES);
        types.add(FleetScan.ACM_CERTIFICATE_AVAILABLE);
        return EventPattern.builder().source(List.of("aws.acm")).detailType(types).build();
    }
}
