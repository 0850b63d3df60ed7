package io.certfleet.adapters.aws.dynamodb;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the inventory table where the CDK stack does not (local emulator, {@code --create-table}): same keys,
 * indexes, on-demand billing, server-side encryption and point-in-time recovery, as {@link InventoryTableDesign}
 * says.
 */
public final class InventoryTable {

    /** What {@link #ensureExists} found. */
    public enum Outcome { CREATED, EXISTED }

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public InventoryTable(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    public String name() {
        return tableName;
    }

    public boolean exists() {
        try {
            dynamoDb.describeTable(request -> request.tableName(tableName));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    /** Creates the table unless it exists, and waits until it is active. Safe to call concurrently. */
    public Outcome ensureExists() {
        if (exists()) {
            return Outcome.EXISTED;
        }
        try {
            dynamoDb.createTable(request -> request
                    .tableName(tableName)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attributeDefinitions())
                    .keySchema(keys(InventoryTableDesign.PARTITION_KEY, InventoryTableDesign.SORT_KEY))
                    .globalSecondaryIndexes(InventoryTableDesign.INDEXES.stream()
                            .map(index -> GlobalSecondaryIndex.builder()
                                    .indexName(index.name())
                                    .keySchema(keys(index.partitionKey(), index.sortKey()))
                                    .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                                    .build())
                            .toList())
                    .sseSpecification(sse -> sse.enabled(true)));
        } catch (ResourceInUseException raced) {
            dynamoDb.waiter().waitUntilTableExists(request -> request.tableName(tableName));
            return Outcome.EXISTED;
        }
        dynamoDb.waiter().waitUntilTableExists(request -> request.tableName(tableName));
        dynamoDb.updateTimeToLive(request -> request.tableName(tableName).timeToLiveSpecification(ttl -> ttl
                .attributeName(InventoryTableDesign.TIME_TO_LIVE).enabled(true)));
        dynamoDb.updateContinuousBackups(request -> request
                .tableName(tableName)
                .pointInTimeRecoverySpecification(pitr -> pitr.pointInTimeRecoveryEnabled(true)));
        return Outcome.CREATED;
    }

    private static List<AttributeDefinition> attributeDefinitions() {
        Set<String> names = new LinkedHashSet<>(List.of(InventoryTableDesign.PARTITION_KEY,
                InventoryTableDesign.SORT_KEY));
        InventoryTableDesign.INDEXES.forEach(index -> names.addAll(List.of(index.partitionKey(), index.sortKey())));
        return names.stream().map(InventoryTable::stringAttribute).toList();
    }

    private static List<KeySchemaElement> keys(String partitionKey, String sortKey) {
        return List.of(
                KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build());
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
