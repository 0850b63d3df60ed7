package io.certfleet.adapters.aws.dynamodb;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.certificate.CertificateSource;
import io.certfleet.core.certificate.ChainCertificate;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.discovery.CertificateLocation;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.inventory.ListingOrder;
import io.certfleet.core.ownership.Ownership;
import io.certfleet.core.ownership.OwnershipSource;
import java.util.List;
import java.util.Map;

/** Maps inventory records and bindings to table items and back, index attributes included. */
final class InventoryItemMapper {

    private InventoryItemMapper() {
    }

    static String recordPartitionKey(String certificateId) {
        return InventoryTableDesign.CERTIFICATE_PREFIX + certificateId;
    }

    static String recordSortKey(String arn) {
        return InventoryTableDesign.LOCATION_PREFIX + arn;
    }

    static String bindingPartitionKey(String certificateArn) {
        return InventoryTableDesign.BINDING_PREFIX + certificateArn;
    }

    static String bindingSortKey(BindingType type, String resourceId) {
        return type.name() + "#" + resourceId;
    }

    /** {@code <region>#}: the prefix of everything of one scope in the {@code byAccount} index. */
    static String scopePrefix(ScanScope scope) {
        return scope.region() + "#";
    }


    static InventoryItem toItem(InventoryRecord record) {
        InventoryItem item = new InventoryItem();
        String arn = record.location().arn();
        item.setPk(recordPartitionKey(record.certificateId()));
        item.setSk(recordSortKey(arn));
        item.setCertificateId(record.certificateId());
        item.setSource(record.location().source().name());
        item.setArn(arn);
        item.setAccountId(record.location().accountId());
        item.setRegion(record.location().region());
        item.setScopeSort(scopePrefix(record.location().scope()) + "LOC#" + arn);
        item.setStatus(record.status());
        item.setStoreVersion(record.storeVersion());
        item.setTags(record.tags().isEmpty() ? null : record.tags());
        item.setOwner(record.ownership().owner());
        item.setOwnerSource(record.ownership().ownerSource().name());
        item.setEnvironment(record.ownership().environment());
        item.setEnvironmentSource(record.ownership().environmentSource().name());
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
            item.setChain(facts.chain().stream().map(InventoryItemMapper::toChainItem).toList());
        }
        item.setExpirySort(ListingOrder.positionOf(record));
        if (record.isActive()) {
            item.setExpiryIndexPk(InventoryTableDesign.PRESENT);
            item.setActiveOwner(record.ownership().owner());
            item.setActiveStatus(record.status());
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
                        : item.getChain().stream().map(InventoryItemMapper::toChainCertificate).toList());
        Ownership ownership = new Ownership(item.getOwner(), OwnershipSource.valueOf(item.getOwnerSource()),
                item.getEnvironment(), OwnershipSource.valueOf(item.getEnvironmentSource()));
        return new InventoryRecord(item.getCertificateId(), location, item.getStatus(), item.getStoreVersion(),
                facts, item.getMalformedReason(), item.getTags() == null ? Map.of() : item.getTags(), ownership,
                item.getFirstSeen(), item.getLastSeen(), item.getRemovedAt());
    }

    static BindingItem toItem(BindingRecord binding) {
        BindingItem item = new BindingItem();
        item.setPk(bindingPartitionKey(binding.certificateArn()));
        item.setSk(bindingSortKey(binding.type(), binding.resourceId()));
        item.setType(binding.type().name());
        item.setResourceId(binding.resourceId());
        item.setCertificateArn(binding.certificateArn());
        item.setIsDefault(binding.isDefault());
        item.setDnsName(binding.dnsName());
        item.setScheme(binding.scheme());
        item.setPort(binding.port());
        item.setSslPolicy(binding.sslPolicy());
        item.setAccountId(binding.scope().accountId());
        item.setRegion(binding.scope().region());
        item.setScopeSort(scopePrefix(binding.scope()) + "BIND#" + binding.type() + "#" + binding.resourceId() + "#"
                + binding.certificateArn());
        item.setFirstSeen(binding.firstSeen());
        item.setLastSeen(binding.lastSeen());
        item.setRemovedAt(binding.removedAt());
        return item;
    }

    static BindingRecord toRecord(BindingItem item) {
        return new BindingRecord(BindingType.valueOf(item.getType()), item.getResourceId(), item.getCertificateArn(),
                Boolean.TRUE.equals(item.getIsDefault()), item.getDnsName(), item.getScheme(), item.getPort(),
                item.getSslPolicy(),
                new ScanScope(item.getAccountId(), item.getRegion()), item.getFirstSeen(), item.getLastSeen(),
                item.getRemovedAt());
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
