package io.certfleet.adapters.aws.dynamodb;

import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.policy.FindingHistory;
import io.certfleet.core.policy.FindingStore;
import io.certfleet.core.policy.PolicyFinding;
import io.certfleet.core.policy.Side;
import io.certfleet.core.policy.StoredFinding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Policy findings in the inventory table, one item per finding: {@code pk = FINDINGS#<account>#<region>} (the
 * subject's scope: one Query reads a scope's findings), {@code sk = <certificate ARN>|<subject>|<side>|<code>}.
 * An open finding keeps its {@code firstSeen} and moves its {@code lastSeen}; a resolved one gets
 * {@code resolvedAt} and expires {@link #KEEP_RESOLVED} later (TTL); seen again after that, it opens anew.
 */
public final class DynamoDbFindingStore implements FindingStore {

    static final String FINDINGS_PREFIX = "FINDINGS#";
    static final Duration KEEP_RESOLVED = Duration.ofDays(90);
    private static final String OPEN = "OPEN";
    private static final String RESOLVED = "RESOLVED";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbFindingStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public List<StoredFinding> open(ScanScope scope) {
        List<StoredFinding> open = new ArrayList<>();
        dynamoDb.queryPaginator(request -> request.tableName(tableName).consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .filterExpression("findingStatus = :open")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition(scope)),
                                ":open", AttributeValue.fromS(OPEN))))
                .items().forEach(item -> open.add(stored(scope, item)));
        return open;
    }

    @Override
    public void seen(List<PolicyFinding> findings, Instant at) {
        for (PolicyFinding finding : findings) {
            Map<String, AttributeValue> values = new HashMap<>(values(finding));
            values.put(":now", AttributeValue.fromS(SortableInstantConverter.format(at)));
            values.put(":open", AttributeValue.fromS(OPEN));
            try {
                // Open or new: keep firstSeen. The details may have changed (e.g. days left): they are refreshed.
                dynamoDb.updateItem(request -> request.tableName(tableName).key(key(finding))
                        .updateExpression("SET firstSeen = if_not_exists(firstSeen, :now), lastSeen = :now, "
                                + "findingStatus = :open, " + FIELDS)
                        .conditionExpression("attribute_not_exists(findingStatus) OR findingStatus = :open")
                        .expressionAttributeNames(NAMES).expressionAttributeValues(values));
            } catch (ConditionalCheckFailedException resolvedBefore) {
                // Resolved before and back now: a new occurrence, with its own firstSeen.
                dynamoDb.updateItem(request -> request.tableName(tableName).key(key(finding))
                        .updateExpression("SET firstSeen = :now, lastSeen = :now, findingStatus = :open, " + FIELDS
                                + " REMOVE resolvedAt, expiresAt")
                        .expressionAttributeNames(NAMES).expressionAttributeValues(values));
            }
        }
    }

    @Override
    public void resolved(List<StoredFinding> findings, Instant at) {
        for (StoredFinding stored : findings) {
            dynamoDb.updateItem(request -> request.tableName(tableName).key(key(stored.finding()))
                    .updateExpression("SET findingStatus = :resolved, resolvedAt = :at, expiresAt = :expires")
                    .expressionAttributeValues(Map.of(
                            ":resolved", AttributeValue.fromS(RESOLVED),
                            ":at", AttributeValue.fromS(SortableInstantConverter.format(at)),
                            ":expires", AttributeValue.fromN(Long.toString(at.plus(KEEP_RESOLVED).getEpochSecond())))));
        }
    }

    /** Every attribute through a name placeholder: several of these words are reserved in DynamoDB expressions. */
    @Override
    public List<FindingHistory> history() {
        List<FindingHistory> history = new ArrayList<>();
        dynamoDb.scanPaginator(request -> request.tableName(tableName)
                        .filterExpression("begins_with(pk, :findings)")
                        .expressionAttributeValues(Map.of(":findings", AttributeValue.fromS(FINDINGS_PREFIX))))
                .items().forEach(item -> history.add(historyOf(item)));
        return history;
    }

    @Override
    public List<FindingHistory> historyOf(String certificateArn, Set<ScanScope> scopes) {
        List<FindingHistory> history = new ArrayList<>();
        for (ScanScope scope : scopes) {
            dynamoDb.queryPaginator(request -> request.tableName(tableName)
                            .keyConditionExpression("pk = :pk AND begins_with(sk, :certificate)")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition(scope)),
                                    ":certificate", AttributeValue.fromS(certificateArn + "|"))))
                    .items().forEach(item -> history.add(historyOf(item)));
        }
        return history;
    }

    private FindingHistory historyOf(Map<String, AttributeValue> item) {
        String[] scope = text(item, InventoryTableDesign.PARTITION_KEY).substring(FINDINGS_PREFIX.length())
                .split("#", 2);
        StoredFinding stored = stored(new ScanScope(scope[0], scope[1]), item);
        return new FindingHistory(stored.finding(), stored.firstSeen(), stored.lastSeen(),
                RESOLVED.equals(text(item, "findingStatus"))
                        ? Optional.of(Instant.parse(text(item, "resolvedAt"))) : Optional.empty());
    }

    private static final String FIELDS = "#arn = :arn, #subject = :subject, #side = :side, #code = :code, "
            + "#severity = :severity, #detail = :detail, #profile = :profile, #owner = :owner, #env = :env";
    private static final Map<String, String> NAMES = Map.of("#arn", "certificateArn", "#subject", "subject",
            "#side", "side", "#code", "code", "#severity", "severity", "#detail", "detail", "#profile", "profile",
            "#owner", "ownerName", "#env", "environment");

    private static Map<String, AttributeValue> values(PolicyFinding finding) {
        return Map.of(":arn", AttributeValue.fromS(finding.certificateArn()),
                ":subject", AttributeValue.fromS(finding.subject()),
                ":side", AttributeValue.fromS(finding.side().name()),
                ":code", AttributeValue.fromS(finding.code().name()),
                ":severity", AttributeValue.fromS(finding.severity().label()),
                ":detail", AttributeValue.fromS(finding.detail()),
                ":profile", AttributeValue.fromS(finding.profile()),
                ":owner", AttributeValue.fromS(finding.owner()),
                ":env", AttributeValue.fromS(finding.environment()));
    }

    private static Map<String, AttributeValue> key(PolicyFinding finding) {
        return Map.of(InventoryTableDesign.PARTITION_KEY, AttributeValue.fromS(partition(finding.scope())),
                InventoryTableDesign.SORT_KEY, AttributeValue.fromS(finding.key()));
    }

    static String partition(ScanScope scope) {
        return FINDINGS_PREFIX + scope.accountId() + "#" + scope.region();
    }

    private static StoredFinding stored(ScanScope scope, Map<String, AttributeValue> item) {
        PolicyFinding finding = new PolicyFinding(scope, text(item, "certificateArn"), text(item, "subject"),
                FindingCode.valueOf(text(item, "code")), Severity.valueOf(text(item, "severity")
                .toUpperCase(Locale.ROOT)), text(item, "detail"), Side.valueOf(text(item, "side")),
                text(item, "profile"), text(item, "ownerName"), text(item, "environment"));
        return new StoredFinding(finding, Instant.parse(text(item, "firstSeen")),
                Instant.parse(text(item, "lastSeen")));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }
}
