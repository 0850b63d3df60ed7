package io.certfleet.adapters.aws.dynamodb;

import io.certfleet.core.alerting.RotationLocks;
import io.certfleet.core.rotation.RotationLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Rotation locks in the inventory table: {@code pk = LOCK#<certificate ARN>}, {@code sk = ROTATION}, held by one
 * renewal or rotation at a time for a lease (an abandoned lock ends with its lease, and DynamoDB's TTL removes it).
 * Alerts for a locked certificate wait.
 */
public final class DynamoDbRotationLocks implements RotationLocks, RotationLock {

    static final String LOCK_PREFIX = "LOCK#";
    static final String ROTATION = "ROTATION";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Clock clock;

    public DynamoDbRotationLocks(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.clock = clock;
    }

    @Override
    public boolean inProgress(String certificateArn) {
        GetItemResponse lock = dynamoDb.getItem(request -> request.tableName(tableName).key(key(certificateArn))
                .consistentRead(true));
        return lock.hasItem() && lock.item().containsKey("leaseUntil")
                && Instant.parse(lock.item().get("leaseUntil").s()).isAfter(clock.instant());
    }

    /** Takes the lock unless someone else holds an unexpired lease; true when taken. */
    public boolean acquire(String certificateArn, String holder, Duration lease) {
        return acquire(List.of(certificateArn), holder, lease).isEmpty();
    }

    /**
     * Takes the locks of every ARN in one transaction (all or none); the holder of one of them when another holds
     * it. The same holder renews its lease.
     */
    @Override
    public Optional<String> acquire(List<String> certificateArns, String holder, Duration lease) {
        Instant now = clock.instant();
        Instant until = now.plus(lease);
        // A lease is taken when free, expired, or already this holder's (renewed).
        List<TransactWriteItem> writes = certificateArns.stream().distinct().sorted().map(arn -> TransactWriteItem
                .builder().update(Update.builder().tableName(tableName).key(key(arn))
                        .updateExpression("SET holder = :holder, leaseUntil = :until, expiresAt = :expires")
                        .conditionExpression("attribute_not_exists(leaseUntil) OR leaseUntil < :now OR holder = :holder")
                        .expressionAttributeValues(Map.of(
                                ":holder", AttributeValue.fromS(holder),
                                ":until", AttributeValue.fromS(SortableInstantConverter.format(until)),
                                ":now", AttributeValue.fromS(SortableInstantConverter.format(now)),
                                ":expires", AttributeValue.fromN(Long.toString(until.plus(Duration.ofDays(1))
                                        .getEpochSecond())))).build()).build()).toList();
        if (writes.isEmpty()) {
            return Optional.empty();
        }
        try {
            dynamoDb.transactWriteItems(request -> request.transactItems(writes));
            return Optional.empty();
        } catch (TransactionCanceledException taken) {
            for (String arn : certificateArns) {
                Map<String, AttributeValue> lock = dynamoDb.getItem(request -> request.tableName(tableName)
                        .key(key(arn)).consistentRead(true)).item();
                if (lock != null && lock.containsKey("holder") && !holder.equals(lock.get("holder").s())) {
                    return Optional.of(lock.get("holder").s());
                }
            }
            return Optional.of("another rotation");
        }
    }

    @Override
    public void release(List<String> certificateArns, String holder) {
        certificateArns.forEach(arn -> release(arn, holder));
    }

    /** Gives the lock up, if this holder has it. */
    public void release(String certificateArn, String holder) {
        try {
            dynamoDb.deleteItem(request -> request.tableName(tableName).key(key(certificateArn))
                    .conditionExpression("holder = :holder")
                    .expressionAttributeValues(Map.of(":holder", AttributeValue.fromS(holder))));
        } catch (ConditionalCheckFailedException notHeld) {
            // someone else's lock (or none): nothing to give up
        }
    }

    private static Map<String, AttributeValue> key(String certificateArn) {
        return Map.of(InventoryTableDesign.PARTITION_KEY, AttributeValue.fromS(LOCK_PREFIX + certificateArn),
                InventoryTableDesign.SORT_KEY, AttributeValue.fromS(ROTATION));
    }
}
