package io.certfleet.adapters.aws.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.certfleet.core.discovery.WorkResult;
import io.certfleet.core.fleet.FleetScanResult;
import io.certfleet.core.fleet.ScanCoverage;
import io.certfleet.core.fleet.ScanPlan;
import io.certfleet.core.fleet.ScanRunRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Scan runs in the inventory table: {@code pk = SCAN#<scan id>}, {@code sk = PLAN | RESULT#<account>#<region> |
 * SUMMARY}, the body as JSON, and {@code expiresAt} (TTL) {@value #RETENTION_DAYS} days on. The summary keeps the
 * totals and the first {@value #SUMMARY_ERRORS} errors: every item's full result is its own item. The summary of the
 * scan that finished last is also kept at {@code SCAN#LATEST / SUMMARY}, so that reading it is one GetItem.
 */
public final class DynamoDbScanRunRepository implements ScanRunRepository {

    static final int RETENTION_DAYS = 90;
    static final int SUMMARY_ERRORS = 100;
    private static final String SCAN_PREFIX = "SCAN#";
    private static final String PLAN = "PLAN";
    private static final String RESULT_PREFIX = "RESULT#";
    private static final String SUMMARY = "SUMMARY";
    /** The scan id under which the latest finished scan's summary is kept too. */
    private static final String LATEST = "LATEST";
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Clock clock;

    public DynamoDbScanRunRepository(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.clock = clock;
    }

    @Override
    public void savePlan(ScanPlan plan) {
        put(plan.scanId(), PLAN, plan);
    }

    @Override
    public Optional<ScanPlan> findPlan(String scanId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(tableName)
                .consistentRead(true).key(key(scanId, PLAN))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(item, ScanPlan.class));
    }

    @Override
    public void saveResult(WorkResult result) {
        put(result.item().scanId(), RESULT_PREFIX + result.item().scope().accountId() + "#"
                + result.item().scope().region(), result);
    }

    @Override
    public List<WorkResult> findResults(String scanId) {
        return dynamoDb.queryPaginator(request -> request.tableName(tableName).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :results)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(SCAN_PREFIX + scanId),
                                ":results", AttributeValue.fromS(RESULT_PREFIX))))
                .items().stream()
                .map(item -> read(item, WorkResult.class))
                .toList();
    }

    @Override
    public void saveSummary(FleetScanResult summary) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scanId", summary.scanId());
        body.put("accountsPlanned", summary.accountsPlanned());
        body.put("accountRegionsPlanned", summary.accountRegionsPlanned());
        body.put("accountRegionsScanned", summary.accountRegionsScanned());
        body.put("certificates", summary.certificates());
        body.put("bindings", summary.bindings());
        body.put("errorCount", summary.errors().size());
        body.put("errors", summary.errors().stream().limit(SUMMARY_ERRORS).toList());
        body.put("apiCalls", summary.apiCalls());
        body.put("apiRetries", summary.apiRetries());
        body.put("durationMs", summary.durationMs());
        String finishedAt = SortableInstantConverter.format(clock.instant());
        body.put("finishedAt", finishedAt);
        put(summary.scanId(), SUMMARY, body);
        put(LATEST, SUMMARY, body); // the last to finish is the last to save
    }

    @Override
    public Optional<ScanCoverage> latestCoverage() {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(tableName)
                .key(key(LATEST, SUMMARY))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        JsonNode body = read(item, JsonNode.class);
        return Optional.of(new ScanCoverage(body.path("scanId").asText(), Instant.parse(body.path("finishedAt")
                .asText()), body.path("accountRegionsPlanned").asInt(), body.path("accountRegionsScanned").asInt(),
                body.path("errorCount").asInt()));
    }

    private void put(String scanId, String sortKey, Object body) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(scanId, sortKey));
        item.put("body", AttributeValue.fromS(write(body)));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(
                clock.instant().plus(Duration.ofDays(RETENTION_DAYS)).getEpochSecond())));
        dynamoDb.putItem(request -> request.tableName(tableName).item(item));
    }

    private static Map<String, AttributeValue> key(String scanId, String sortKey) {
        return Map.of(InventoryTableDesign.PARTITION_KEY, AttributeValue.fromS(SCAN_PREFIX + scanId),
                InventoryTableDesign.SORT_KEY, AttributeValue.fromS(sortKey));
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write scan run JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(Map<String, AttributeValue> item, Class<T> type) {
        try {
            return JSON.readValue(item.get("body").s(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored scan run item " + item.get(InventoryTableDesign.SORT_KEY).s()
                    + " is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
