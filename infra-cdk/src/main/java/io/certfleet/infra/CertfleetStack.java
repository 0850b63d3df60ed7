package io.certfleet.infra;

import io.certfleet.adapters.aws.dynamodb.InventoryTableDesign;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/** certfleet's central stack: the inventory, the scheduled fleet scan that fills it, and the expiry alerts. */
public final class CertfleetStack extends Stack {

    /** Settings of one deployment; {@link #fromContext} reads them from CDK context ({@code -c key=value}). */
    public record Settings(String tableName, Path lambdaJar, FleetScan.Settings scan, ExpiryAlerts.Settings alerts,
                           Optional<Path> policyFile, StagedRotation.Settings rotation, ComplianceApi.Settings api,
                           Governance.Settings governance) {

        /**
         * Rotations swap through each member account's opt-in rotation role, ten bindings of a wave at once; drills
         * only on staging endpoints.
         */
        public static final StagedRotation.Settings DEFAULT_ROTATION = new StagedRotation.Settings(
                "CertfleetMemberRotationRole", 10, "staging");

        public Settings(String tableName, Path lambdaJar, FleetScan.Settings scan, ExpiryAlerts.Settings alerts,
                        Optional<Path> policyFile) {
            this(tableName, lambdaJar, scan, alerts, policyFile, DEFAULT_ROTATION, ComplianceApi.Settings.DEFAULTS,
                    Governance.Settings.DEFAULTS);
        }

        public Settings withPolicyFile(Path file) {
            return new Settings(tableName, lambdaJar, scan, alerts, Optional.of(file), rotation, api, governance);
        }

        public Settings withApi(ComplianceApi.Settings value) {
            return new Settings(tableName, lambdaJar, scan, alerts, policyFile, rotation, value, governance);
        }

        public Settings withRotation(StagedRotation.Settings value) {
            return new Settings(tableName, lambdaJar, scan, alerts, policyFile, value, api, governance);
        }

        public Settings withGovernance(Governance.Settings value) {
            return new Settings(tableName, lambdaJar, scan, alerts, policyFile, rotation, api, value);
        }

        public static final Path DEFAULT_LAMBDA_JAR = Path.of("..", "functions", "lambda", "target",
                "certfleet-lambda.jar");

        public static Settings defaults() {
            return new Settings(InventoryTableDesign.DEFAULT_TABLE_NAME, DEFAULT_LAMBDA_JAR,
                    new FleetScan.Settings("rate(6 hours)", "organization", List.of(), "certfleet-scanner", 20),
                    new ExpiryAlerts.Settings("rate(1 hour)", "certfleet-alerts", "certfleet"), Optional.empty());
        }

        /** The deployment's settings from CDK context, every value checked ({@link DeploymentContext}). */
        static Settings fromContext(Construct scope) {
            return DeploymentContext.read(scope);
        }
    }

    private final Settings settings;

    public CertfleetStack(Construct scope, String id, StackProps props, Settings settings) {
        super(scope, id, props);
        this.settings = settings;
        InventoryTable inventory = new InventoryTable(this, "Inventory", settings.tableName());
        Code code = lambdaCode(settings.lambdaJar());
        FleetScan scan = new FleetScan(this, "FleetScan", inventory, code, settings.scan());
        FailedInvocations failed = new FailedInvocations(this, "FailedInvocations");
        ExpiryAlerts alerts = new ExpiryAlerts(this, "ExpiryAlerts", inventory, code, settings.alerts(), failed);
        failed.notify(alerts.topic());
        scan.judge().addEnvironment("CERTFLEET_EVENT_BUS", alerts.bus().getEventBusName());
        scan.checkRenewals(alerts.bus());
        StagedRotation rotation = new StagedRotation(this, "StagedRotation", inventory, code, alerts.bus(),
                alerts.topic(), settings.rotation(), failed);
        settings.policyFile().ifPresent(file -> {
            PolicyLayer policy = new PolicyLayer(this, "Policy", file);
            List<Function> withPolicy = new java.util.ArrayList<>(List.of(scan.prober(), scan.judge(),
                    alerts.alerter(), alerts.acmEvents()));
            withPolicy.addAll(rotation.functions());
            withPolicy.forEach(policy::attachTo);
        });
        ComplianceApi api = new ComplianceApi(this, "ComplianceApi", inventory, code, settings.api());
        Governance governance = new Governance(this, "Governance", inventory, code, alerts.topic(),
                scan.stateMachine(), settings.governance(), failed);
        alerts.bus().grantPutEventsTo(scan.judge());
        // The judge tells owners when an endpoint starts failing handshakes, on the same topic as expiry alerts.
        scan.judge().addEnvironment("CERTFLEET_ALERT_TOPIC_ARN", alerts.topic().getTopicArn());
        alerts.topic().grantPublish(scan.judge());
        CfnOutput.Builder.create(this, "InventoryTableName").value(inventory.table().getTableName()).build();
        CfnOutput.Builder.create(this, "ScanStateMachineArn").value(scan.stateMachine().getStateMachineArn()).build();
        CfnOutput.Builder.create(this, "AlertTopicArn").value(alerts.topic().getTopicArn())
                .description("Owners subscribe here, with a filter policy on owner/environment/severity/code").build();
        CfnOutput.Builder.create(this, "InventoryApiUrl").value(api.api().getUrl())
                .description("The inventory API (IAM-authorized: sign requests with SigV4, service execute-api)")
                .build();
        CfnOutput.Builder.create(this, "GovernanceDashboard").value(governance.dashboard().getDashboardName())
                .description("CloudWatch dashboard of the governance KPIs").build();
        CfnOutput.Builder.create(this, "FailedInvocationsQueueUrl").value(failed.queue().getQueueUrl())
                .description("Events of schedules and rules whose function failed after its retries").build();
        CfnOutput.Builder.create(this, "EventBusName").value(alerts.bus().getEventBusName()).build();
        CfnOutput.Builder.create(this, "RotationStateMachineArn").value(rotation.stateMachine().getStateMachineArn())
                .build();
    }

    public CertfleetStack(Construct scope, String id, StackProps props) {
        this(scope, id, props, Settings.fromContext(scope));
    }

    public Settings settings() {
        return settings;
    }

    private static Code lambdaCode(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Lambda jar not found at " + jar.toAbsolutePath().normalize()
                    + ": build it with ./mvnw -pl functions/lambda -am package -DskipTests");
        }
        return Code.fromAsset(jar.toString());
    }
}
