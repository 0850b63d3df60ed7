package io.certfleet.adapters.aws.dynamodb;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Writes items 25 a call (BatchWriteItem's limit); what DynamoDB leaves unprocessed (throttling) is sent again,
 * with backoff, a bounded number of times.
 */
final class BatchWrites {

    static final int BATCH_SIZE = 25;
    private static final int MAX_ATTEMPTS = 8;

    private BatchWrites() {
    }

    /**
     * @param write sends one batch and returns what DynamoDB left unprocessed
     * @param what  what the items are, for the error when some stay unprocessed
     */
    static <T> void writeAll(List<T> items, UnaryOperator<List<T>> write, String what) {
        for (int from = 0; from < items.size(); from += BATCH_SIZE) {
            List<T> pending = items.subList(from, Math.min(items.size(), from + BATCH_SIZE));
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > MAX_ATTEMPTS) {
                    throw new IllegalStateException(pending.size() + " " + what + " stayed unprocessed after "
                            + MAX_ATTEMPTS + " batch writes");
                }
                if (attempt > 1) {
                    backOff(attempt);
                }
                pending = write.apply(pending);
            }
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(2_000L, 50L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to DynamoDB", e);
        }
    }
}
