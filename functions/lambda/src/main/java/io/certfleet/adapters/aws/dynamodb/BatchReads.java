package io.certfleet.adapters.aws.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads items by key, 100 a call (BatchGetItem's limit), a few calls in flight at once; what DynamoDB leaves
 * unprocessed (throttling, the 16 MB response limit) is asked for again, with backoff, a bounded number of times.
 * Items that do not exist are simply absent from the answer.
 */
final class BatchReads {

    static final int BATCH_SIZE = 100;
    private static final int MAX_ATTEMPTS = 8;

    private BatchReads() {
    }

    /** The items of these keys (those that exist), in no particular order. */
    static List<Map<String, AttributeValue>> getAll(DynamoDbClient dynamoDb, String tableName,
                                                    List<Map<String, AttributeValue>> keys) {
        List<Integer> batches = IntStream.range(0, (keys.size() + BATCH_SIZE - 1) / BATCH_SIZE).boxed().toList();
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        PartitionReads.each(batches, batch -> getBatch(dynamoDb, tableName, keys.subList(batch * BATCH_SIZE,
                Math.min(keys.size(), (batch + 1) * BATCH_SIZE)))).values().forEach(found::addAll);
        return found;
    }

    private static List<Map<String, AttributeValue>> getBatch(DynamoDbClient dynamoDb, String tableName,
                                                              List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        List<Map<String, AttributeValue>> pending = keys;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw new IllegalStateException(pending.size() + " items of " + tableName + " stayed unprocessed "
                        + "after " + MAX_ATTEMPTS + " batch reads");
            }
            if (attempt > 1) {
                backOff(attempt);
            }
            List<Map<String, AttributeValue>> asked = pending;
            BatchGetItemResponse response = dynamoDb.batchGetItem(request -> request.requestItems(Map.of(tableName,
                    KeysAndAttributes.builder().keys(asked).consistentRead(true).build())));
            found.addAll(response.responses().getOrDefault(tableName, List.of()));
            KeysAndAttributes left = response.unprocessedKeys().get(tableName);
            pending = left == null ? List.of() : left.keys();
        }
        return found;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(2_000L, 50L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading from DynamoDB", e);
        }
    }
}
