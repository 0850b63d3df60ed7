package io.certfleet.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The scheduled scan: an EventBridge schedule invokes {@code ScheduledScanHandler}, which scans its own account
 * and region (global services included) into the inventory. Its role may make the read-only discovery calls and
 * update and query the inventory table, nothing else.
 */
public final class ScheduledScan extends Construct {

    static final String HANDLER = "io.certfleet.handlers.ScheduledScanHandler::handleRequest";

    private final Function function;

    public ScheduledScan(Construct scope, String id, InventoryTable inventory, Code code, Schedule schedule) {
        super(scope, id);
        this.function = Function.Builder.create(this, "Function")
                .description("certfleet: scans this account and region into the inventory")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(HANDLER)
                .code(code)
                .memorySize(1024)
                .timeout(Duration.minutes(5))
                .reservedConcurrentExecutions(1)
                .environment(Map.of(
                        "CERTFLEET_TABLE", inventory.table().getTableName(),
                        // Tiered compilation stopped at C1: the usual cold-start trade for short-lived Java Lambdas.
                        "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))
                .logGroup(LogGroup.Builder.create(this, "Logs").retention(RetentionDays.ONE_MONTH).build())
                .build();
        grantLeastPrivilege(inventory);
        Rule.Builder.create(this, "Schedule")
                .description("certfleet: scheduled certificate scan")
                .schedule(schedule)
                .targets(List.of(new LambdaFunction(function, LambdaFunctionProps.builder().retryAttempts(2).build())))
                .build();
    }

    public IFunction function() {
        return function;
    }

    private void grantLeastPrivilege(InventoryTable inventory) {
        // Read-only discovery calls; most of them have no resource-level permissions in IAM.
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .sid("ReadCertificateSources")
                .actions(ScannerPermissions.READ_ACTIONS)
                .resources(List.of("*"))
                .build());
        function.addToRolePolicy(PolicyStatement.Builder.create()
                .sid("WriteInventory")
                .actions(List.of("dynamodb:UpdateItem", "dynamodb:Query", "dynamodb:Scan"))
                .resources(List.of(inventory.table().getTableArn(), inventory.table().getTableArn() + "/index/*"))
                .build());
        inventory.key().grantEncryptDecrypt(function);
    }
}
