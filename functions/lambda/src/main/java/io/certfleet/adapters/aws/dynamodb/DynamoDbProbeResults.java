package io.certfleet.adapters.aws.dynamodb;

import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.probe.TlsVersion;
import io.certfleet.core.probe.fleet.BindingProbe;
import io.certfleet.core.probe.fleet.ProbeResults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The latest probe of each binding, in the inventory table next to the binding: {@code pk = PROBE#<certificate
 * ARN>}, {@code sk = <TYPE>#<resource id>} (the binding's own sort key). A separate item, so that a scan rewriting
 * the binding never erases its probe; in no index, so that scope and expiry queries never see it. A probe that is
 * not refreshed for {@link #KEEP_UNREFRESHED} (its binding has gone) expires through the table's TTL.
 */
public final class DynamoDbProbeResults implements ProbeResults {

    static final String PROBE_PREFIX = "PROBE#";
    /** A probe not refreshed for this long belongs to a binding that has gone: DynamoDB deletes it (TTL). */
    static final Duration KEEP_UNREFRESHED = Duration.ofDays(30);

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbProbeResults(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public void record(List<BindingProbe> probes) {
        List<WriteRequest> writes = probes.stream()
                .map(probe -> WriteRequest.builder().putRequest(PutRequest.builder().item(item(probe)).build()).build())
                .toList();
        BatchWrites.writeAll(writes, batch -> dynamoDb.batchWriteItem(request -> request
                        .requestItems(Map.of(tableName, batch))).unprocessedItems().getOrDefault(tableName, List.of()),
                "probe results for " + tableName);
    }

    @Override
    public Map<BindingRecord.Key, BindingProbe> latestOf(Set<String> certificateArns) {
        Map<BindingRecord.Key, BindingProbe> found = new HashMap<>();
        Consumer<Map<String, AttributeValue>> collect = item -> {
            BindingProbe probe = probe(item);
            if (certificateArns.contains(probe.binding().certificateArn())) {
                found.put(probe.binding(), probe);
            }
        };
        if (certificateArns.size() <= PartitionReads.QUERIES_MAX) {
            PartitionReads.each(certificateArns, arn -> dynamoDb.queryPaginator(request -> request
                            .tableName(tableName).keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PROBE_PREFIX + arn))))
                    .items().stream().toList()).values().forEach(items -> items.forEach(collect));
        } else {
            dynamoDb.scanPaginator(ScanRequest.builder().tableName(tableName)
                            .filterExpression("begins_with(pk, :probe)")
                            .expressionAttributeValues(Map.of(":probe", AttributeValue.fromS(PROBE_PREFIX)))
                            .build())
                    .items().forEach(collect);
        }
        return found;
    }

    /** By key: a binding's probe item shares the binding's sort key; 100 a call. */
    @Override
    public Map<BindingRecord.Key, BindingProbe> latestOfBindings(Collection<BindingRecord.Key> bindings) {
        List<Map<String, AttributeValue>> keys = bindings.stream().distinct().map(key -> Map.of(
                InventoryTableDesign.PARTITION_KEY, AttributeValue.fromS(PROBE_PREFIX + key.certificateArn()),
                InventoryTableDesign.SORT_KEY, AttributeValue.fromS(key.type().name() + "#" + key.resourceId())))
                .toList();
        Map<BindingRecord.Key, BindingProbe> found = new HashMap<>();
        BatchReads.getAll(dynamoDb, tableName, keys).forEach(item -> {
            BindingProbe probe = probe(item);
            found.put(probe.binding(), probe);
        });
        return found;
    }

    static Map<String, AttributeValue> item(BindingProbe probe) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        BindingRecord.Key key = probe.binding();
        item.put(InventoryTableDesign.PARTITION_KEY, AttributeValue.fromS(PROBE_PREFIX + key.certificateArn()));
        item.put(InventoryTableDesign.SORT_KEY, AttributeValue.fromS(key.type().name() + "#" + key.resourceId()));
        item.put("certificateArn", AttributeValue.fromS(key.certificateArn()));
        item.put("bindingType", AttributeValue.fromS(key.type().name()));
        item.put("resourceId", AttributeValue.fromS(key.resourceId()));
        item.put("probedAt", AttributeValue.fromS(SortableInstantConverter.format(probe.probedAt())));
        item.put(InventoryTableDesign.TIME_TO_LIVE, AttributeValue.fromN(Long.toString(
                probe.probedAt().plus(KEEP_UNREFRESHED).getEpochSecond())));
        item.put("policy", AttributeValue.fromS(probe.policy()));
        probe.target().ifPresent(target -> item.put("target", AttributeValue.fromS(target)));
        probe.sni().ifPresent(sni -> item.put("sni", AttributeValue.fromS(sni)));
        item.put("findings", AttributeValue.fromL(probe.findings().stream().map(DynamoDbProbeResults::finding)
                .toList()));
        probe.protocol().ifPresent(protocol -> item.put("protocol", AttributeValue.fromS(protocol.name())));
        probe.cipherSuite().ifPresent(suite -> item.put("cipherSuite", AttributeValue.fromS(suite)));
        item.put("acceptedProtocols", AttributeValue.fromL(probe.acceptedProtocols().stream()
                .map(version -> AttributeValue.fromS(version.name())).toList()));
        probe.servedSha256().ifPresent(sha -> item.put("servedSha256", AttributeValue.fromS(sha)));
        item.put("durationMs", AttributeValue.fromN(Long.toString(probe.durationMs())));
        probe.error().ifPresent(error -> item.put("error", AttributeValue.fromS(error)));
        probe.skippedReason().ifPresent(reason -> item.put("skippedReason", AttributeValue.fromS(reason)));
        return item;
    }

    static BindingProbe probe(Map<String, AttributeValue> item) {
        BindingRecord.Key key = new BindingRecord.Key(text(item, "certificateArn").orElseThrow(),
                BindingType.valueOf(text(item, "bindingType").orElseThrow()), text(item, "resourceId").orElseThrow());
        List<Finding> findings = item.getOrDefault("findings", AttributeValue.fromL(List.of())).l().stream()
                .map(AttributeValue::m)
                .map(finding -> new Finding(FindingCode.valueOf(finding.get("code").s()),
                        Severity.valueOf(finding.get("severity").s().toUpperCase(Locale.ROOT)),
                        finding.containsKey("detail") ? finding.get("detail").s() : ""))
                .toList();
        List<TlsVersion> accepted = item.getOrDefault("acceptedProtocols", AttributeValue.fromL(List.of())).l()
                .stream().map(value -> TlsVersion.valueOf(value.s())).toList();
        return new BindingProbe(key, Instant.parse(text(item, "probedAt").orElseThrow()),
                text(item, "target"), text(item, "sni"), text(item, "policy").orElse(""), findings,
                text(item, "protocol").map(TlsVersion::valueOf), text(item, "cipherSuite"), accepted,
                text(item, "servedSha256"), Long.parseLong(item.getOrDefault("durationMs", AttributeValue.fromN("0")).n()),
                text(item, "error"), text(item, "skippedReason"));
    }

    private static AttributeValue finding(Finding finding) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        map.put("code", AttributeValue.fromS(finding.code().name()));
        map.put("severity", AttributeValue.fromS(finding.severity().label()));
        map.put("detail", AttributeValue.fromS(finding.detail()));
        return AttributeValue.fromM(map);
    }

    private static Optional<String> text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? Optional.empty() : Optional.of(value.s());
    }
}
