package io.certfleet.adapters.aws.dynamodb;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.certificate.CertificateSource;
import io.certfleet.core.certificate.ChainCertificate;
import io.certfleet.core.discovery.CertificateLocation;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.inventory.InventoryRepository;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.IgnoreNullsMode;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The inventory in DynamoDB through the Enhanced Client. Writes are single-item conditional updates, so
 * concurrent scans never lose each other's work and re-running a scan is idempotent.
 */
public final class DynamoDbInventoryRepository implements InventoryRepository {

    static final TableSchema<InventoryItem> SCHEMA = TableSchema.fromBean(InventoryItem.class);

    private final DynamoDbTable<InventoryItem> table;

    public DynamoDbInventoryRepository(DynamoDbEnhancedClient enhanced, String tableName) {
        this.table = enhanced.table(tableName, SCHEMA);
    }

    @Override
    public SeenOutcome recordSeen(InventoryRecord record) {
        // Null attributes are removed (removedAt, stale facts); firstSeen is written only if absent.
        InventoryItem before = table.updateItemWithResponse(request -> request
                        .item(toItem(record))
                        .ignoreNullsMode(IgnoreNullsMode.DEFAULT)
                        .returnValues(ReturnValue.ALL_OLD))
                .attributes();
        return before == null || before.getPk() == null ? SeenOutcome.NEW : SeenOutcome.KNOWN;
    }

    @Override
    public List<InventoryRecord> findInScope(ScanScope scope) {
        Expression inScope = Expression.builder()
                .expression("accountId = :account AND #region = :region")
                .putExpressionName("#region", "region")
                .putExpressionValue(":account", AttributeValue.fromS(scope.accountId()))
                .putExpressionValue(":region", AttributeValue.fromS(scope.region()))
                .build();
        return scan(inScope);
    }

    @Override
    public List<InventoryRecord> findActive() {
        return scan(Expression.builder().expression("attribute_not_exists(removedAt)").build());
    }

    @Override
    public boolean markRemoved(InventoryRecord record, Instant notSeenSince, Instant removedAt) {
        InventoryItem removal = new InventoryItem();
        removal.setPk(partitionKey(record.certificateId()));
        removal.setSk(sortKey(record.location().arn()));
        removal.setRemovedAt(removedAt);
        Expression stillGone = Expression.builder()
                .expression("attribute_exists(pk) AND attribute_not_exists(removedAt) AND lastSeen < :since")
                .expressionValues(Map.of(":since", AttributeValue.fromS(SortableInstantConverter.format(notSeenSince))))
                .build();
        try {
            table.updateItem(request -> request
                    .item(removal)
                    .ignoreNullsMode(IgnoreNullsMode.SCALAR_ONLY)
                    .conditionExpression(stillGone));
            return true;
        } catch (ConditionalCheckFailedException seenAgainOrAlreadyRemoved) {
            return false;
        }
    }

    private List<InventoryRecord> scan(Expression filter) {
        // Scans are fine at demo and single-account size; indexed queries replace them with the fleet-wide inventory.
        return table.scan(ScanEnhancedRequest.builder().filterExpression(filter).consistentRead(true).build())
                .items().stream()
                .map(DynamoDbInventoryRepository::toRecord)
                .toList();
    }

    static String partitionKey(String certificateId) {
        return InventoryTableDesign.CERTIFICATE_PREFIX + certificateId;
    }

    static String sortKey(String arn) {
        return InventoryTableDesign.LOCATION_PREFIX + arn;
    }

    static InventoryItem toItem(InventoryRecord record) {
        InventoryItem item = new InventoryItem();
        item.setPk(partitionKey(record.certificateId()));
        item.setSk(sortKey(record.location().arn()));
        item.setCertificateId(record.certificateId());
        item.setSource(record.location().source().name());
        item.setArn(record.location().arn());
        item.setAccountId(record.location().accountId());
        item.setRegion(record.location().region());
        item.setMalformedReason(record.malformedReason());
        item.setFirstSeen(record.firstSeen());
        item.setLastSeen(record.lastSeen());
        item.setRemovedAt(record.removedAt());
        if (record.isReadable()) {
            CertificateFacts facts = record.facts();
            item.setSubject(facts.subject());
            item.setSans(facts.sans());
            item.setIssuer(facts.issuer());
            item.setSerial(facts.serial());
            item.setNotBefore(facts.notBefore());
            item.setNotAfter(facts.notAfter());
            item.setKeyAlgorithm(facts.keyAlgorithm());
            item.setKeySize(facts.keySize());
            item.setSignatureAlgorithm(facts.signatureAlgorithm());
            item.setChain(facts.chain().stream().map(DynamoDbInventoryRepository::toChainItem).toList());
        }
        return item;
    }

    static InventoryRecord toRecord(InventoryItem item) {
        CertificateLocation location = new CertificateLocation(
                CertificateSource.valueOf(item.getSource()), item.getArn(), item.getAccountId(), item.getRegion());
        CertificateFacts facts = item.getMalformedReason() != null ? null : new CertificateFacts(
                item.getSubject(),
                item.getSans() == null ? List.of() : item.getSans(),
                item.getIssuer(),
                item.getSerial(),
                item.getCertificateId(),
                item.getNotBefore(),
                item.getNotAfter(),
                item.getKeyAlgorithm(),
                item.getKeySize(),
                item.getSignatureAlgorithm(),
                item.getChain() == null ? List.of()
                        : item.getChain().stream().map(DynamoDbInventoryRepository::toChainCertificate).toList());
        return new InventoryRecord(item.getCertificateId(), location, facts, item.getMalformedReason(),
                item.getFirstSeen(), item.getLastSeen(), item.getRemovedAt());
    }

    private static ChainItem toChainItem(ChainCertificate certificate) {
        ChainItem item = new ChainItem();
        item.setSubject(certificate.subject());
        item.setIssuer(certificate.issuer());
        item.setSha256(certificate.sha256());
        item.setNotAfter(certificate.notAfter());
        return item;
    }

    private static ChainCertificate toChainCertificate(ChainItem item) {
        return new ChainCertificate(item.getSubject(), item.getIssuer(), item.getSha256(), item.getNotAfter());
    }
}
