package io.certfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Template assertions on the synthesized stack: what CloudFormation will be asked to build. */
class CertfleetStackTest {

    private static Template template;

    @BeforeAll
    static void synthesize() {
        App app = new App();
        CertfleetStack stack = new CertfleetStack(app, "Certfleet", StackProps.builder()
                .env(Environment.builder().account("111122223333").region("eu-west-1").build()).build(),
                CertfleetStack.Settings.defaults());
        template = Template.fromStack(stack);
    }

    @Test
    void inventoryTableHasTheDesignedKeysAndOnDemandBilling() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "TableName", "certfleet-inventory",
                "KeySchema", List.of(
                        Map.of("AttributeName", "pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "BillingMode", "PAY_PER_REQUEST"));
        template.resourceCountIs("AWS::DynamoDB::Table", 1);
    }

    @Test
    void inventoryTableHasTheIndexesTheInventoryQueries() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of("GlobalSecondaryIndexes", List.of(
                index("byAccount", "accountId", "scopeSort"),
                index("byExpiry", "expiryIndexPk", "expirySort"),
                index("byOwner", "activeOwner", "expirySort"),
                index("byStatus", "activeStatus", "expirySort"))));
    }

    private static Map<String, Object> index(String name, String partitionKey, String sortKey) {
        return Map.of("IndexName", name,
                "KeySchema", List.of(Map.of("AttributeName", partitionKey, "KeyType", "HASH"),
                        Map.of("AttributeName", sortKey, "KeyType", "RANGE")),
                "Projection", Map.of("ProjectionType", "ALL"));
    }

    @Test
    void inventoryTableHasPointInTimeRecovery() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true)));
    }

    @Test
    void inventoryTableIsEncryptedWithARotatingCustomerManagedKey() {
        Capture keyReference = new Capture();
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "SSESpecification", Map.of(
                        "SSEEnabled", true,
                        "SSEType", "KMS",
                        "KMSMasterKeyId", Map.of("Fn::GetAtt", keyReference))));
        String keyLogicalId = ((List<?>) keyReference.asArray()).getFirst().toString();
        assertThat(template.findResources("AWS::KMS::Key")).containsOnlyKeys(keyLogicalId);
        template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    }

    @Test
    void inventoryAndItsKeySurviveStackDeletion() {
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain",
                "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", true))));
        template.hasResource("AWS::KMS::Key", Map.of("DeletionPolicy", "Retain"));
    }

    @Test
    void scheduledScanRunsTheHandlerOnJava21WithTheTableName() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "java21",
                "Architectures", List.of("arm64"),
                "Handler", ScheduledScan.HANDLER,
                "MemorySize", 1024,
                "Timeout", 300,
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "CERTFLEET_TABLE", Map.of("Ref", Match.anyValue()))))));
    }

    @Test
    void scheduleRuleTargetsTheFunctionWithRetries() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "ScheduleExpression", "rate(6 hours)",
                "State", "ENABLED",
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ScheduledScanFunction.*"), "Arn")),
                        "RetryPolicy", Map.of("MaximumRetryAttempts", 2))))));
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction", "Principal", "events.amazonaws.com"));
    }

    @Test
    void functionRoleHasLeastPrivilege() {
        Capture statements = new Capture();
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "PolicyDocument", Map.of("Statement", statements)));
        List<Object> all = statements.asArray();
        List<String> actions = all.stream()
                .flatMap(statement -> actionsOf((Map<?, ?>) statement).stream())
                .toList();
        List<String> expected = new ArrayList<>(ScannerPermissions.READ_ACTIONS);
        expected.addAll(List.of("dynamodb:UpdateItem", "dynamodb:Query", "dynamodb:Scan",
                "kms:Decrypt", "kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"));
        assertThat(actions).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(actions).noneMatch(action -> action.equals("*") || action.endsWith(":*"))
                .noneMatch(action -> action.matches("(?i).*:(put|create|delete|update|modify|import|add|remove).*")
                        && !action.startsWith("dynamodb:") && !action.startsWith("kms:"));
        // Only the read-only discovery statement may use Resource "*".
        assertThat(all).filteredOn(statement -> "*".equals(((Map<?, ?>) statement).get("Resource")))
                .singleElement().satisfies(s -> assertThat(actionsOf((Map<?, ?>) s))
                        .containsExactlyElementsOf(ScannerPermissions.READ_ACTIONS));
    }

    @Test
    void aMissingLambdaJarFailsSynthWithTheBuildCommand() {
        CertfleetStack.Settings settings = new CertfleetStack.Settings("t", Path.of("no", "such.jar"), "rate(1 day)");

        assertThatThrownBy(() -> new CertfleetStack(new App(), "Broken", StackProps.builder().build(), settings))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Lambda jar not found")
                .hasMessageContaining("./mvnw -pl functions -am package");
    }

    @Test
    void theHandlerTheStackNamesIsInTheLambdaJar() throws IOException {
        Path jar = CertfleetStack.Settings.DEFAULT_LAMBDA_JAR;
        assertThat(jar).isRegularFile();
        String handlerClass = ScheduledScan.HANDLER.substring(0, ScheduledScan.HANDLER.indexOf("::"));
        long unzipped;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertThat(zip.getEntry(handlerClass.replace('.', '/') + ".class")).isNotNull();
            assertThat(zip.getEntry("software/amazon/awssdk/services/acm/AcmClient.class")).isNotNull();
            unzipped = zip.stream().mapToLong(entry -> Math.max(entry.getSize(), 0)).sum();
        }
        // Lambda code deployed from S3 (as CDK assets are) may be 250 MB unzipped; keep well clear of it.
        assertThat(unzipped).as("deployment jar, unzipped bytes").isLessThan(200L * 1024 * 1024);
        assertThat(Files.size(jar)).as("deployment jar, zipped bytes").isLessThan(unzipped);
    }

    private static List<String> actionsOf(Map<?, ?> statement) {
        Object action = statement.get("Action");
        return action instanceof List<?> list ? list.stream().map(Object::toString).toList() : List.of((String) action);
    }
}
