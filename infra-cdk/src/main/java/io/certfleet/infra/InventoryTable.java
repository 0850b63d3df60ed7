package io.certfleet.infra;

import io.certfleet.adapters.aws.dynamodb.InventoryTableDesign;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * The inventory table: keys and indexes from {@link InventoryTableDesign} (shared with the code), on-demand billing,
 * point-in-time recovery, encryption with a customer-managed KMS key that rotates yearly. Table and key are
 * retained when the stack is deleted: the inventory is compliance evidence.
 */
public final class InventoryTable extends Construct {

    private final Table table;
    private final Key key;

    public InventoryTable(Construct scope, String id, String tableName) {
        super(scope, id);
        this.key = Key.Builder.create(this, "Key")
                .description("Encrypts the certfleet inventory table")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        this.table = Table.Builder.create(this, "Table")
                .tableName(tableName)
                .partitionKey(stringKey(InventoryTableDesign.PARTITION_KEY))
                .sortKey(stringKey(InventoryTableDesign.SORT_KEY))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute(InventoryTableDesign.TIME_TO_LIVE)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .encryption(TableEncryption.CUSTOMER_MANAGED)
                .encryptionKey(key)
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        for (InventoryTableDesign.Index index : InventoryTableDesign.INDEXES) {
            table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                    .indexName(index.name())
                    .partitionKey(stringKey(index.partitionKey()))
                    .sortKey(stringKey(index.sortKey()))
                    .projectionType(ProjectionType.ALL)
                    .build());
        }
    }

    public ITable table() {
        return table;
    }

    public IKey key() {
        return key;
    }

    private static Attribute stringKey(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
