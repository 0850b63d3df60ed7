package io.certfleet.adapters.aws.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.certfleet.core.rotation.Rotation;
import io.certfleet.core.rotation.RotationBinding;
import io.certfleet.core.rotation.RotationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Rotations in the inventory table: {@code pk = ROTATION#<id>}, {@code sk = STATE} for the rotation and
 * {@code BINDING#<index>} for each binding (written apart, so the parallel swaps of a wave never overwrite each
 * other), each a JSON document with the status and start time beside it for listing. Kept 400 days (a year of
 * history for audits, and then some); no certificate body or key is ever stored here.
 */
public final class DynamoDbRotationStore implements RotationStore {

    static final String PREFIX = "ROTATION#";
    static final String STATE = "STATE";
    static final String BINDING = "BINDING#";
    static final Duration RETENTION = Duration.ofDays(400);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Clock clock;

    public DynamoDbRotationStore(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.clock = clock;
    }

    @Override
    public boolean create(Rotation rotation, List<RotationBinding> bindings) {
        try {
            dynamoDb.putItem(request -> request.tableName(tableName).item(item(rotation))
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
        List<WriteRequest> writes = bindings.stream().map(binding -> WriteRequest.builder().putRequest(PutRequest
                .builder().item(item(rotation.rotationId(), binding)).build()).build()).toList();
        BatchWrites.writeAll(writes, batch -> dynamoDb.batchWriteItem(request -> request
                        .requestItems(Map.of(tableName, batch))).unprocessedItems().getOrDefault(tableName, List.of()),
                "rotation bindings for " + tableName);
        return true;
    }

    @Override
    public Optional<Rotation> find(String rotationId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(tableName)
                .key(key(rotationId, STATE)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(item, Rotation.class));
    }

    @Override
    public void save(Rotation rotation) {
        dynamoDb.putItem(request -> request.tableName(tableName).item(item(rotation)));
    }

    @Override
    public List<RotationBinding> bindings(String rotationId) {
        List<RotationBinding> found = new ArrayList<>();
        dynamoDb.queryPaginator(request -> request.tableName(tableName).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :binding)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PREFIX + rotationId),
                                ":binding", AttributeValue.fromS(BINDING))))
                .items().forEach(item -> found.add(read(item, RotationBinding.class)));
        found.sort(Comparator.comparingInt(RotationBinding::index));
        return found;
    }

    @Override
    public void saveBinding(String rotationId, RotationBinding binding) {
        dynamoDb.putItem(request -> request.tableName(tableName).item(item(rotationId, binding)));
    }

    @Override
    public List<Rotation> list(int limit) {
        List<Rotation> found = new ArrayList<>();
        dynamoDb.scanPaginator(ScanRequest.builder().tableName(tableName)
                        .filterExpression("begins_with(pk, :rotation) AND sk = :state")
                        .expressionAttributeValues(Map.of(":rotation", AttributeValue.fromS(PREFIX),
                                ":state", AttributeValue.fromS(STATE))).build())
                .items().forEach(item -> found.add(read(item, Rotation.class)));
        found.sort(Comparator.comparing(Rotation::startedAt).reversed());
        return found.size() > limit ? found.subList(0, limit) : found;
    }

    private Map<String, AttributeValue> item(Rotation rotation) {
        Map<String, AttributeValue> item = new HashMap<>(key(rotation.rotationId(), STATE));
        item.put("doc", AttributeValue.fromS(write(rotation)));
        item.put("status", AttributeValue.fromS(rotation.status().name()));
        item.put("startedAt", AttributeValue.fromS(SortableInstantConverter.format(rotation.startedAt())));
        item.put(InventoryTableDesign.TIME_TO_LIVE, AttributeValue.fromN(Long.toString(rotation.startedAt()
                .plus(RETENTION).getEpochSecond())));
        return item;
    }

    private Map<String, AttributeValue> item(String rotationId, RotationBinding binding) {
        Map<String, AttributeValue> item = new HashMap<>(key(rotationId, BINDING + String.format("%05d",
                binding.index())));
        item.put("doc", AttributeValue.fromS(write(binding)));
        item.put("result", AttributeValue.fromS(binding.result().name()));
        item.put(InventoryTableDesign.TIME_TO_LIVE, AttributeValue.fromN(Long.toString(clock.instant()
                .plus(RETENTION).getEpochSecond())));
        return item;
    }

    private static Map<String, AttributeValue> key(String rotationId, String sort) {
        return Map.of(InventoryTableDesign.PARTITION_KEY, AttributeValue.fromS(PREFIX + rotationId),
                InventoryTableDesign.SORT_KEY, AttributeValue.fromS(sort));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a rotation as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(Map<String, AttributeValue> item, Class<T> type) {
        try {
            return JSON.readValue(item.get("doc").s(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored rotation item " + item.get(InventoryTableDesign.PARTITION_KEY)
                    .s() + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
