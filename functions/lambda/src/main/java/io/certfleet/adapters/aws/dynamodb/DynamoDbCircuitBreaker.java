package io.certfleet.adapters.aws.dynamodb;

import io.certfleet.core.rotation.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The fleet-wide rotation circuit breaker in the inventory table ({@code pk = BREAKER}, {@code sk = ROTATION}): the
 * failures within the window and whether it is open. Every change is a conditional write on the version read, so
 * concurrent failures are all counted.
 */
public final class DynamoDbCircuitBreaker implements CircuitBreaker {

    static final String PARTITION = "BREAKER";
    static final String SORT = "ROTATION";
    private static final int ATTEMPTS = 10;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final int failuresToOpen;
    private final Duration window;
    private final Clock clock;

    /**
     * @param failuresToOpen failures within {@code window} that open the breaker (default 3)
     * @param window         how far back failures count (default 1 hour)
     */
    public DynamoDbCircuitBreaker(DynamoDbClient dynamoDb, String tableName, int failuresToOpen, Duration window,
                                  Clock clock) {
        if (failuresToOpen < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a breaker opens after 1 or more failures within a positive window");
        }
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.failuresToOpen = failuresToOpen;
        this.window = window;
        this.clock = clock;
    }

    private record Stored(State state, long version) {
    }

    @Override
    public State state() {
        return read().state();
    }

    private Stored read() {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(tableName).key(key())
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return new Stored(new State(false, null, List.of()), 0);
        }
        List<Failure> failures = new ArrayList<>();
        for (AttributeValue value : item.getOrDefault("failures", AttributeValue.fromL(List.of())).l()) {
            Map<String, AttributeValue> failure = value.m();
            failures.add(new Failure(failure.get("rotationId").s(), Instant.parse(failure.get("at").s())));
        }
        boolean open = item.containsKey("open") && item.get("open").bool();
        Instant openedAt = item.containsKey("openedAt") ? Instant.parse(item.get("openedAt").s()) : null;
        return new Stored(new State(open, openedAt, failures), Long.parseLong(item.get("version").n()));
    }

    @Override
    public boolean recordFailure(String rotationId, Instant at) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Stored stored = read();
            Instant since = at.minus(window);
            List<Failure> recent = new ArrayList<>(stored.state().failures().stream()
                    .filter(failure -> failure.at().isAfter(since) && !failure.rotationId().equals(rotationId))
                    .toList());
            recent.add(new Failure(rotationId, at));
            boolean opens = !stored.state().open() && recent.size() >= failuresToOpen;
            boolean open = stored.state().open() || opens;
            if (write(new State(open, opens ? at : stored.state().openedAt(), recent), stored.version())) {
                return opens;
            }
        }
        throw new IllegalStateException("the circuit breaker kept changing: " + ATTEMPTS + " attempts");
    }

    @Override
    public boolean reset(String by, Instant at) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Stored stored = read();
            if (!stored.state().open()) {
                return false;
            }
            if (write(new State(false, null, List.of()), stored.version())) {
                return true;
            }
        }
        throw new IllegalStateException("the circuit breaker kept changing: " + ATTEMPTS + " attempts");
    }

    private boolean write(State state, long version) {
        Map<String, AttributeValue> item = new HashMap<>(key());
        item.put("open", AttributeValue.fromBool(state.open()));
        if (state.openedAt() != null) {
            item.put("openedAt", AttributeValue.fromS(state.openedAt().toString()));
        }
        item.put("failures", AttributeValue.fromL(state.failures().stream().map(failure -> AttributeValue.fromM(
                Map.of("rotationId", AttributeValue.fromS(failure.rotationId()),
                        "at", AttributeValue.fromS(failure.at().toString())))).toList()));
        item.put("version", AttributeValue.fromN(Long.toString(version + 1)));
        item.put("updatedAt", AttributeValue.fromS(clock.instant().toString()));
        try {
            dynamoDb.putItem(request -> request.tableName(tableName).item(item)
                    .conditionExpression(version == 0 ? "attribute_not_exists(pk)" : "version = :version")
                    .expressionAttributeValues(version == 0 ? null
                            : Map.of(":version", AttributeValue.fromN(Long.toString(version)))));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key() {
        return Map.of(InventoryTableDesign.PARTITION_KEY, AttributeValue.fromS(PARTITION),
                InventoryTableDesign.SORT_KEY, AttributeValue.fromS(SORT));
    }
}
