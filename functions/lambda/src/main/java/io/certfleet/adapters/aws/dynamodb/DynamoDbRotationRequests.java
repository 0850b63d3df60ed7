package io.certfleet.adapters.aws.dynamodb;

import io.certfleet.core.rotation.RotationRequestLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * When the policy last asked for a certificate's rotation, in the inventory table ({@code pk = ROTATION_REQUEST#
 * <sha256>}, {@code sk = POLICY}): a claim is one conditional update ("not asked since"), so concurrent judges of
 * several regions holding the same certificate ask once. Items expire a week after the claim.
 */
public final class DynamoDbRotationRequests implements RotationRequestLedger {

    static final String PREFIX = "ROTATION_REQUEST#";
    static final String SORT = "POLICY";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbRotationRequests(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public boolean claim(String sha256, Instant now, Duration every) {
        try {
            dynamoDb.updateItem(request -> request.tableName(tableName).key(key(sha256))
                    .updateExpression("SET requestedAt = :now, expiresAt = :expires")
                    .conditionExpression("attribute_not_exists(requestedAt) OR requestedAt <= :since")
                    .expressionAttributeValues(Map.of(
                            ":now", AttributeValue.fromS(SortableInstantConverter.format(now)),
                            ":since", AttributeValue.fromS(SortableInstantConverter.format(now.minus(every))),
                            ":expires", AttributeValue.fromN(Long.toString(now.plus(Duration.ofDays(7))
                                    .getEpochSecond())))));
            return true;
        } catch (ConditionalCheckFailedException askedRecently) {
            return false;
        }
    }

    @Override
    public void release(String sha256, Instant claimedAt) {
        try {
            dynamoDb.updateItem(request -> request.tableName(tableName).key(key(sha256))
                    .updateExpression("REMOVE requestedAt")
                    .conditionExpression("requestedAt = :claimed")
                    .expressionAttributeValues(Map.of(":claimed", AttributeValue.fromS(
                            SortableInstantConverter.format(claimedAt)))));
        } catch (ConditionalCheckFailedException claimedSinceBySomeoneElse) {
            // theirs now
        }
    }

    private static Map<String, AttributeValue> key(String sha256) {
        return Map.of(InventoryTableDesign.PARTITION_KEY, AttributeValue.fromS(PREFIX + sha256),
                InventoryTableDesign.SORT_KEY, AttributeValue.fromS(SORT));
    }
}
