package io.certfleet.infra;

import io.certfleet.adapters.aws.dynamodb.InventoryTableDesign;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.lambda.Code;
import software.constructs.Construct;

/** certfleet in one account and region: the inventory and the scheduled scan that fills it. */
public final class CertfleetStack extends Stack {

    /** Settings of one deployment; {@link #fromContext} reads them from CDK context ({@code -c key=value}). */
    public record Settings(String tableName, Path lambdaJar, String scanSchedule) {
        public static final Path DEFAULT_LAMBDA_JAR = Path.of("..", "functions", "target",
                "certfleet-functions-lambda.jar");

        public static Settings defaults() {
            return new Settings(InventoryTableDesign.DEFAULT_TABLE_NAME, DEFAULT_LAMBDA_JAR, "rate(6 hours)");
        }

        static Settings fromContext(Construct scope) {
            Settings defaults = defaults();
            return new Settings(
                    context(scope, "certfleet:tableName", defaults.tableName()),
                    Path.of(context(scope, "certfleet:lambdaJar", defaults.lambdaJar().toString())),
                    context(scope, "certfleet:scanSchedule", defaults.scanSchedule()));
        }

        private static String context(Construct scope, String key, String fallback) {
            Object value = scope.getNode().tryGetContext(key);
            return value == null ? fallback : value.toString();
        }
    }

    public CertfleetStack(Construct scope, String id, StackProps props, Settings settings) {
        super(scope, id, props);
        InventoryTable inventory = new InventoryTable(this, "Inventory", settings.tableName());
        new ScheduledScan(this, "ScheduledScan", inventory, lambdaCode(settings.lambdaJar()),
                Schedule.expression(settings.scanSchedule()));
        CfnOutput.Builder.create(this, "InventoryTableName").value(inventory.table().getTableName()).build();
    }

    public CertfleetStack(Construct scope, String id, StackProps props) {
        this(scope, id, props, Settings.fromContext(scope));
    }

    private static Code lambdaCode(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Lambda jar not found at " + jar.toAbsolutePath().normalize()
                    + ": build it with ./mvnw -pl functions -am package -DskipTests (or run ./certfleet once)");
        }
        return Code.fromAsset(jar.toString());
    }
}
