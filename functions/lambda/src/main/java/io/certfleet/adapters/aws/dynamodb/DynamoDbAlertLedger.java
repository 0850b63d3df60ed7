package io.certfleet.adapters.aws.dynamodb;

import io.certfleet.core.alerting.AlertLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The alert ledger in the inventory table: {@code pk = ALERT#<certificate id>}, {@code sk = AT#<subject>} (the ARN,
 * or {@code RENEWAL#<ARN>}), holding the
 * last alerted threshold. A claim is one conditional UpdateItem ("nothing as urgent alerted yet"), atomic in
 * DynamoDB, so concurrent evaluators send a threshold once. The item expires a year after its last claim.
 */
public final class DynamoDbAlertLedger implements AlertLedger {

    static final String ALERT_PREFIX = "ALERT#";
    /** "Nothing alerted yet": above every threshold, so the first claim's condition holds. */
    static final long NOTHING_ALERTED = 1_000_000L;
    private static final Duration KEEP = Duration.ofDays(365);

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbAlertLedger(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public boolean claim(String certificateId, String subject, long threshold, Instant at) {
        try {
            dynamoDb.updateItem(request -> request.tableName(tableName).key(key(certificateId, subject))
                    // Right-hand sides read the item as it was: the previous threshold is kept for a release.
                    .updateExpression("SET previousThreshold = if_not_exists(lastThreshold, :nothing), "
                            + "lastThreshold = :threshold, lastAlertAt = :at, expiresAt = :expires")
                    .conditionExpression("attribute_not_exists(lastThreshold) OR lastThreshold > :threshold")
                    .expressionAttributeValues(Map.of(
                            ":nothing", AttributeValue.fromN(Long.toString(NOTHING_ALERTED)),
                            ":threshold", AttributeValue.fromN(Long.toString(threshold)),
                            ":at", AttributeValue.fromS(SortableInstantConverter.format(at)),
                            ":expires", AttributeValue.fromN(Long.toString(at.plus(KEEP).getEpochSecond())))));
            return true;
        } catch (ConditionalCheckFailedException alreadyAlerted) {
            return false;
        }
    }

    @Override
    public void release(String certificateId, String subject, long threshold) {
        try {
            dynamoDb.updateItem(request -> request.tableName(tableName).key(key(certificateId, subject))
                    .updateExpression("SET lastThreshold = previousThreshold")
                    .conditionExpression("lastThreshold = :threshold")
                    .expressionAttributeValues(Map.of(":threshold", AttributeValue.fromN(Long.toString(threshold)))));
        } catch (ConditionalCheckFailedException claimedSinceByAnother) {
            // another evaluator has moved on: its claim stands
        }
    }

    private static Map<String, AttributeValue> key(String certificateId, String subject) {
        return Map.of(InventoryTableDesign.PARTITION_KEY, AttributeValue.fromS(ALERT_PREFIX + certificateId),
                InventoryTableDesign.SORT_KEY, AttributeValue.fromS("AT#" + subject));
    }
}
