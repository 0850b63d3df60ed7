package io.certfleet.adapters.aws.dynamodb;

import static io.certfleet.adapters.aws.dynamodb.InventoryItemMapper.bindingPartitionKey;
import static io.certfleet.adapters.aws.dynamodb.InventoryItemMapper.bindingSortKey;
import static io.certfleet.adapters.aws.dynamodb.InventoryItemMapper.recordPartitionKey;
import static io.certfleet.adapters.aws.dynamodb.InventoryItemMapper.recordSortKey;

import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryQuery;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.inventory.ListingOrder;
import io.certfleet.core.inventory.ListingRange;
import io.certfleet.core.inventory.InventoryRepository;
import io.certfleet.core.inventory.ScopeSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.IgnoreNullsMode;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The inventory in DynamoDB. New and changed items go through the Enhanced Client as single-item updates
 * ({@code firstSeen} written only if absent), removals as conditional updates that also take the record out of the
 * sparse indexes; so concurrent scans never lose each other's work and a re-scan is idempotent. Items unchanged but
 * for {@code lastSeen} are rewritten whole in batches of 25, the re-scan's common case. Reads use the indexes of
 * {@link InventoryTableDesign} and never scan the table, except for an unfiltered listing.
 */
public final class DynamoDbInventoryRepository implements InventoryRepository {

    static final TableSchema<InventoryItem> RECORD_SCHEMA = TableSchema.fromBean(InventoryItem.class);
    static final TableSchema<BindingItem> BINDING_SCHEMA = TableSchema.fromBean(BindingItem.class);

    /** BatchWriteItem's limit. */

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final DynamoDbTable<InventoryItem> records;
    private final DynamoDbTable<BindingItem> bindings;
    private volatile boolean bindingListsComplete;

    public DynamoDbInventoryRepository(DynamoDbEnhancedClient enhanced, DynamoDbClient dynamoDb, String tableName) {
        this.enhanced = enhanced;
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.records = enhanced.table(tableName, RECORD_SCHEMA);
        this.bindings = enhanced.table(tableName, BINDING_SCHEMA);
    }

    @Override
    public ScopeSnapshot loadScope(ScanScope scope) {
        List<InventoryRecord> scopeRecords = new ArrayList<>();
        List<BindingRecord> scopeBindings = new ArrayList<>();
        query(request -> request
                .indexName(InventoryTableDesign.BY_ACCOUNT.name())
                .keyConditionExpression("#account = :account AND begins_with(#sort, :prefix)")
                .expressionAttributeNames(Map.of("#account", InventoryTableDesign.BY_ACCOUNT.partitionKey(),
                        "#sort", InventoryTableDesign.BY_ACCOUNT.sortKey()))
                .expressionAttributeValues(Map.of(
                        ":account", AttributeValue.fromS(scope.accountId()),
                        ":prefix", AttributeValue.fromS(InventoryItemMapper.scopePrefix(scope)))),
                item -> {
                    if (item.get(InventoryTableDesign.PARTITION_KEY).s().startsWith(InventoryTableDesign.BINDING_PREFIX)) {
                        scopeBindings.add(InventoryItemMapper.toRecord(BINDING_SCHEMA.mapToItem(item)));
                    } else {
                        scopeRecords.add(InventoryItemMapper.toRecord(RECORD_SCHEMA.mapToItem(item)));
                    }
                });
        return new ScopeSnapshot(scopeRecords, scopeBindings);
    }

    @Override
    public SeenOutcome recordSeen(InventoryRecord record) {
        return upsert(records, InventoryItemMapper.toItem(record));
    }

    /** The binding, then its sort key into its certificate's list of bindings (ADD: atomic, creates the list). */
    @Override
    public SeenOutcome recordBindingSeen(BindingRecord binding) {
        SeenOutcome outcome = upsert(bindings, InventoryItemMapper.toItem(binding));
        addBindingKeys(binding.certificateArn(), List.of(bindingSortKey(binding.type(), binding.resourceId())));
        return outcome;
    }

    private void addBindingKeys(String certificateArn, List<String> sortKeys) {
        dynamoDb.updateItem(request -> request.tableName(tableName)
                .key(key(bindingPartitionKey(certificateArn), InventoryTableDesign.BINDING_KEYS_SORT_KEY))
                .updateExpression("ADD #keys :keys")
                .expressionAttributeNames(Map.of("#keys", InventoryTableDesign.BINDING_KEYS))
                .expressionAttributeValues(Map.of(":keys", AttributeValue.fromSs(sortKeys))));
    }

    /**
     * Gives every certificate's binding partition its list of binding keys, once per table: a table written before
     * the lists existed is read once (its binding items) and each list is added to; then the table is marked, and
     * listings read bindings by key. Additive only (ADD to a set), so a scan that records bindings meanwhile loses
     * nothing; a key listed for a binding that has since gone costs a read, never a wrong answer (the binding item
     * itself says whether it is present).
     */
    @Override
    public void ensureBindingLists() {
        if (bindingListsComplete()) {
            return;
        }
        Map<String, List<String>> keys = new HashMap<>();
        dynamoDb.scanPaginator(ScanRequest.builder().tableName(tableName)
                        .filterExpression("begins_with(pk, :binding) AND sk <> :keys")
                        .expressionAttributeValues(Map.of(
                                ":binding", AttributeValue.fromS(InventoryTableDesign.BINDING_PREFIX),
                                ":keys", AttributeValue.fromS(InventoryTableDesign.BINDING_KEYS_SORT_KEY)))
                        .projectionExpression("certificateArn, sk")
                        .build())
                .items().forEach(item -> keys.computeIfAbsent(item.get("certificateArn").s(),
                        arn -> new ArrayList<>()).add(item.get(InventoryTableDesign.SORT_KEY).s()));
        PartitionReads.each(keys.keySet(), arn -> {
            addBindingKeys(arn, keys.get(arn));
            return Boolean.TRUE;
        });
        dynamoDb.putItem(request -> request.tableName(tableName).item(Map.of(
                InventoryTableDesign.PARTITION_KEY, AttributeValue.fromS(InventoryTableDesign.META_PARTITION),
                InventoryTableDesign.SORT_KEY, AttributeValue.fromS(InventoryTableDesign.BINDING_KEYS),
                "listedBindings", AttributeValue.fromN(Integer.toString(keys.values().stream()
                        .mapToInt(List::size).sum())))));
        bindingListsComplete = true;
    }

    /** Whether every binding partition has its list (read once true: a table never loses the mark). */
    private boolean bindingListsComplete() {
        if (!bindingListsComplete) {
            bindingListsComplete = dynamoDb.getItem(request -> request.tableName(tableName).consistentRead(true)
                    .key(key(InventoryTableDesign.META_PARTITION, InventoryTableDesign.BINDING_KEYS))).hasItem();
        }
        return bindingListsComplete;
    }

    private static Map<String, AttributeValue> key(String partition, String sort) {
        return Map.of(InventoryTableDesign.PARTITION_KEY, AttributeValue.fromS(partition),
                InventoryTableDesign.SORT_KEY, AttributeValue.fromS(sort));
    }

    /**
     * One atomic update: null attributes are removed (removedAt, stale facts, index keys), firstSeen is written only
     * if absent; NEW when there was no item before.
     */
    private static <T> SeenOutcome upsert(DynamoDbTable<T> table, T item) {
        T before = table.updateItemWithResponse(request -> request
                        .item(item)
                        .ignoreNullsMode(IgnoreNullsMode.DEFAULT)
                        .returnValues(ReturnValue.ALL_OLD))
                .attributes();
        return before == null ? SeenOutcome.NEW : SeenOutcome.KNOWN;
    }

    @Override
    public void recordSeenAgain(List<InventoryRecord> seen) {
        putInBatches(records, InventoryItem.class, seen.stream().map(InventoryItemMapper::toItem).toList());
    }

    @Override
    public void recordBindingsSeenAgain(List<BindingRecord> seen) {
        putInBatches(bindings, BindingItem.class, seen.stream().map(InventoryItemMapper::toItem).toList());
    }

    /** Whole-item puts, 25 a call; what DynamoDB leaves unprocessed (throttling) is sent again, with backoff. */
    private <T> void putInBatches(DynamoDbTable<T> table, Class<T> type, List<T> items) {
        BatchWrites.writeAll(items, pending -> {
            WriteBatch.Builder<T> batch = WriteBatch.builder(type).mappedTableResource(table);
            pending.forEach(batch::addPutItem);
            return enhanced.batchWriteItem(request -> request.addWriteBatch(batch.build()))
                    .unprocessedPutItemsForTable(table);
        }, "inventory items for " + tableName);
    }

    @Override
    public boolean markRemoved(InventoryRecord record, Instant notSeenSince, Instant removedAt) {
        return markRemoved(recordPartitionKey(record.certificateId()), recordSortKey(record.location().arn()),
                notSeenSince, removedAt, " REMOVE expiryIndexPk, activeOwner, activeStatus");
    }

    @Override
    public boolean markBindingRemoved(BindingRecord binding, Instant notSeenSince, Instant removedAt) {
        return markRemoved(bindingPartitionKey(binding.certificateArn()),
                bindingSortKey(binding.type(), binding.resourceId()), notSeenSince, removedAt, "");
    }

    /** Sets removedAt unless the item is gone, already removed, or was seen at or after {@code notSeenSince}. */
    private boolean markRemoved(String pk, String sk, Instant notSeenSince, Instant removedAt, String andRemove) {
        try {
            dynamoDb.updateItem(request -> request
                    .tableName(tableName)
                    .key(Map.of(InventoryTableDesign.PARTITION_KEY, AttributeValue.fromS(pk),
                            InventoryTableDesign.SORT_KEY, AttributeValue.fromS(sk)))
                    .updateExpression("SET removedAt = :removedAt" + andRemove)
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(removedAt) AND lastSeen < :since")
                    .expressionAttributeValues(Map.of(
                            ":removedAt", AttributeValue.fromS(SortableInstantConverter.format(removedAt)),
                            ":since", AttributeValue.fromS(SortableInstantConverter.format(notSeenSince)))));
            return true;
        } catch (ConditionalCheckFailedException seenAgainOrAlreadyRemoved) {
            return false;
        }
    }

    @Override
    public List<InventoryRecord> find(InventoryQuery query) {
        List<InventoryRecord> found = new ArrayList<>();
        Consumer<Map<String, AttributeValue>> collect = item -> {
            InventoryRecord record = InventoryItemMapper.toRecord(RECORD_SCHEMA.mapToItem(item));
            if (query.matches(record)) {
                found.add(record);
            }
        };
        if (query.includeRemoved()) {
            scanRecords(collect); // the indexes hold present records only
        } else if (query.expiringBefore().isPresent()) {
            queryIndex(InventoryTableDesign.BY_EXPIRY, InventoryTableDesign.PRESENT,
                    "#sort < :before", Map.of(":before", AttributeValue.fromS(
                            SortableInstantConverter.format(query.expiringBefore().get()))), collect);
        } else if (query.status().isPresent()) {
            queryIndex(InventoryTableDesign.BY_STATUS, query.status().get(), null, Map.of(), collect);
        } else if (query.owner().isPresent()) {
            queryIndex(InventoryTableDesign.BY_OWNER, query.owner().get(), null, Map.of(), collect);
        } else if (query.accountId().isPresent()) {
            queryIndex(InventoryTableDesign.BY_ACCOUNT, query.accountId().get(), null, Map.of(), item -> {
                if (item.get(InventoryTableDesign.PARTITION_KEY).s().startsWith(InventoryTableDesign.CERTIFICATE_PREFIX)) {
                    collect.accept(item);
                }
            });
        } else {
            scanRecords(collect);
        }
        return found;
    }

    @Override
    public List<InventoryRecord> presentInOrder(ListingRange range, String after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        InventoryTableDesign.Index index = range.owner().isPresent() ? InventoryTableDesign.BY_OWNER
                : range.status().isPresent() ? InventoryTableDesign.BY_STATUS : InventoryTableDesign.BY_EXPIRY;
        String partition = range.owner().or(range::status).orElse(InventoryTableDesign.PRESENT);
        String before = range.expiringBefore().map(ListingOrder::expiringBefore).orElse(null);
        Map<String, String> names = new HashMap<>(Map.of("#partition", index.partitionKey()));
        if (after != null || before != null) {
            names.put("#sort", index.sortKey());
        }
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":partition", AttributeValue.fromS(partition)));
        String condition = "#partition = :partition";
        if (after != null && before != null) {
            condition += " AND #sort BETWEEN :after AND :before"; // inclusive: the position itself is dropped below
        } else if (after != null) {
            condition += " AND #sort > :after";
        } else if (before != null) {
            condition += " AND #sort < :before";
        }
        if (after != null) {
            values.put(":after", AttributeValue.fromS(after));
        }
        if (before != null) {
            values.put(":before", AttributeValue.fromS(before));
        }
        String keyCondition = condition;
        List<InventoryRecord> found = new ArrayList<>();
        var items = dynamoDb.queryPaginator(request -> request.tableName(tableName).indexName(index.name())
                        .keyConditionExpression(keyCondition).expressionAttributeNames(names)
                        .expressionAttributeValues(values).limit(Math.min(limit + 1, QUERY_PAGE_MAX)))
                .items().iterator();
        while (found.size() < limit && items.hasNext()) { // pages are fetched only as far as needed
            InventoryRecord record = InventoryItemMapper.toRecord(RECORD_SCHEMA.mapToItem(items.next()));
            String position = ListingOrder.positionOf(record);
            if ((after == null || position.compareTo(after) > 0) && range.contains(record)) {
                found.add(record);
            }
        }
        return found;
    }

    /** Items one listing query asks for at most (DynamoDB's 1 MB page limit applies too). */
    private static final int QUERY_PAGE_MAX = 1000;

    @Override
    public List<InventoryRecord> locationsOf(String certificateId) {
        List<InventoryRecord> found = new ArrayList<>();
        query(request -> request
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :at)")
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS(InventoryTableDesign.CERTIFICATE_PREFIX + certificateId),
                                ":at", AttributeValue.fromS(InventoryTableDesign.LOCATION_PREFIX))),
                item -> found.add(InventoryItemMapper.toRecord(RECORD_SCHEMA.mapToItem(item))));
        return found;
    }

    @Override
    public List<BindingRecord> bindingsOf(String certificateArn) {
        List<BindingRecord> found = new ArrayList<>();
        query(request -> request
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(bindingPartitionKey(certificateArn)))),
                item -> {
                    if (!isBindingList(item)) {
                        found.add(InventoryItemMapper.toRecord(BINDING_SCHEMA.mapToItem(item)));
                    }
                });
        return found;
    }

    private static boolean isBindingList(Map<String, AttributeValue> item) {
        return InventoryTableDesign.BINDING_KEYS_SORT_KEY.equals(item.get(InventoryTableDesign.SORT_KEY).s());
    }

    /**
     * The bindings of many certificates: once every binding partition has its list ({@link #ensureBindingLists}),
     * by key, 100 items a call (the lists, then the bindings they name); before, one query per certificate, or a
     * scan of the bindings beyond {@link PartitionReads#QUERIES_MAX} certificates.
     */

    @Override
    public Map<String, List<BindingRecord>> bindingsOf(Set<String> certificateArns) {
        if (certificateArns.isEmpty()) {
            return new HashMap<>();
        }
        if (bindingListsComplete()) {
            return bindingsByKey(certificateArns);
        }
        if (certificateArns.size() <= PartitionReads.QUERIES_MAX) {
            return new HashMap<>(PartitionReads.each(certificateArns, this::bindingsOf));
        }
        Map<String, List<BindingRecord>> found = new HashMap<>();
        dynamoDb.scanPaginator(ScanRequest.builder().tableName(tableName)
                        .filterExpression("begins_with(pk, :binding) AND sk <> :keys")
                        .expressionAttributeValues(Map.of(
                                ":binding", AttributeValue.fromS(InventoryTableDesign.BINDING_PREFIX),
                                ":keys", AttributeValue.fromS(InventoryTableDesign.BINDING_KEYS_SORT_KEY)))
                        .build())
                .items().stream()
                .map(item -> InventoryItemMapper.toRecord(BINDING_SCHEMA.mapToItem(item)))
                .filter(binding -> certificateArns.contains(binding.certificateArn()))
                .forEach(binding -> found.computeIfAbsent(binding.certificateArn(), arn -> new ArrayList<>())
                        .add(binding));
        return found;
    }

    private Map<String, List<BindingRecord>> bindingsByKey(Set<String> certificateArns) {
        List<Map<String, AttributeValue>> lists = BatchReads.getAll(dynamoDb, tableName, certificateArns.stream()
                .map(arn -> key(bindingPartitionKey(arn), InventoryTableDesign.BINDING_KEYS_SORT_KEY)).toList());
        List<Map<String, AttributeValue>> bindingKeys = new ArrayList<>();
        for (Map<String, AttributeValue> list : lists) {
            String partition = list.get(InventoryTableDesign.PARTITION_KEY).s();
            list.get(InventoryTableDesign.BINDING_KEYS).ss().forEach(sort -> bindingKeys.add(key(partition, sort)));
        }
        Map<String, List<BindingRecord>> found = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchReads.getAll(dynamoDb, tableName, bindingKeys)) {
            BindingRecord binding = InventoryItemMapper.toRecord(BINDING_SCHEMA.mapToItem(item));
            found.computeIfAbsent(binding.certificateArn(), arn -> new ArrayList<>()).add(binding);
        }
        return found;
    }

    private void queryIndex(InventoryTableDesign.Index index, String partition, String sortCondition,
                            Map<String, AttributeValue> sortValues, Consumer<Map<String, AttributeValue>> each) {
        Map<String, String> names = new HashMap<>(Map.of("#partition", index.partitionKey()));
        Map<String, AttributeValue> values = new HashMap<>(sortValues);
        values.put(":partition", AttributeValue.fromS(partition));
        String condition = "#partition = :partition";
        if (sortCondition != null) {
            names.put("#sort", index.sortKey());
            condition += " AND " + sortCondition;
        }
        String keyCondition = condition;
        query(request -> request.indexName(index.name()).keyConditionExpression(keyCondition)
                .expressionAttributeNames(names).expressionAttributeValues(values), each);
    }

    private void query(Consumer<QueryRequest.Builder> request, Consumer<Map<String, AttributeValue>> each) {
        dynamoDb.queryPaginator(builder -> request.accept(builder.tableName(tableName)))
                .items().forEach(each);
    }

    private void scanRecords(Consumer<Map<String, AttributeValue>> each) {
        dynamoDb.scanPaginator(ScanRequest.builder().tableName(tableName)
                        .filterExpression("begins_with(pk, :certificate)")
                        .expressionAttributeValues(Map.of(":certificate",
                                AttributeValue.fromS(InventoryTableDesign.CERTIFICATE_PREFIX)))
                        .build())
                .items().forEach(each);
    }
}
