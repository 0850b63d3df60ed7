package io.certfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Template assertions on the inventory table and the Lambda jar the stack deploys. */
class CertfleetStackTest {

    private final Template template = SynthesizedTemplates.central();

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
    void inventoryTableHasPointInTimeRecoveryAndExpiresScanRuns() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true)));
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
        assertThat(keyLogicalId).startsWith("InventoryKey");
        // Two customer-managed keys: the inventory's and the alert topic's; both rotate.
        assertThat(template.findResources("AWS::KMS::Key")).hasSize(2).containsKey(keyLogicalId)
                .allSatisfy((id, key) -> assertThat(key.toString()).contains("EnableKeyRotation=true"));
    }

    @Test
    void inventoryAndItsKeySurviveStackDeletion() {
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain",
                "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", true))));
        template.hasResource("AWS::KMS::Key", Map.of("DeletionPolicy", "Retain"));
    }

    @Test
    void aMissingLambdaJarFailsSynthWithTheBuildCommand() {
        CertfleetStack.Settings settings = new CertfleetStack.Settings("t", Path.of("no", "such.jar"),
                CertfleetStack.Settings.defaults().scan(), CertfleetStack.Settings.defaults().alerts(),
                java.util.Optional.empty());

        assertThatThrownBy(() -> new CertfleetStack(new App(), "Broken", StackProps.builder().build(), settings))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Lambda jar not found")
                .hasMessageContaining("./mvnw -pl functions/lambda -am package");
    }

    @Test
    void theHandlersTheStackNamesAreInTheLambdaJar() throws IOException {
        Path jar = CertfleetStack.Settings.DEFAULT_LAMBDA_JAR;
        assertThat(jar).isRegularFile();
        long unzipped;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> handlers = new java.util.ArrayList<>();
            template.findResources("AWS::Lambda::Function").values().forEach(function -> handlers.add(
                    String.valueOf(((java.util.Map<?, ?>) ((java.util.Map<?, ?>) function).get("Properties"))
                            .get("Handler"))));
            assertThat(handlers).as("every function of the stack, each handler once").containsExactlyInAnyOrder(
                    FleetScan.PLANNER, FleetScan.WORKER, FleetScan.SUMMARY, FleetScan.PROBER, FleetScan.JUDGE,
                    ExpiryAlerts.ALERTER, ExpiryAlerts.ACM_EVENTS, StagedRotation.START, StagedRotation.ISSUE,
                    StagedRotation.SWAP, StagedRotation.CANARY, StagedRotation.FINISH, StagedRotation.SIGNAL,
                    StagedRotation.RETIRE, ComplianceApi.HANDLER, Governance.KPI_HANDLER);
            for (String handler : handlers) {
                String className = handler.substring(0, handler.indexOf("::"));
                assertThat(zip.getEntry(className.replace('.', '/') + ".class")).as(handler).isNotNull();
            }
            assertThat(zip.getEntry("software/amazon/awssdk/services/acm/AcmClient.class")).isNotNull();
            unzipped = zip.stream().mapToLong(entry -> Math.max(entry.getSize(), 0)).sum();
        }
        // Lambda code deployed from S3 (as CDK assets are) may be 250 MB unzipped; keep well clear of it.
        assertThat(unzipped).as("deployment jar, unzipped bytes").isLessThan(200L * 1024 * 1024);
        assertThat(Files.size(jar)).as("deployment jar, zipped bytes").isLessThan(unzipped);
    }
}
