package io.certfleet.adapters.aws.dynamodb;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.mapper.UpdateBehavior;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbConvertedBy;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbUpdateBehavior;

/**
 * A certificate at one location, as stored in the inventory table: {@code pk = CERT#<certificateId>},
 * {@code sk = AT#<arn>}, plus the index attributes of {@link InventoryTableDesign}. Never holds a private key: only
 * what the certificate itself publishes.
 */
@DynamoDbBean
public class InventoryItem {
    private String pk;
    private String sk;
    private String certificateId;
    private String source;
    private String arn;
    private String accountId;
    private String region;
    private String subject;
    private List<String> sans;
    private String issuer;
    private String serial;
    private Instant notBefore;
    private Instant notAfter;
    private String keyAlgorithm;
    private Integer keySize;
    private String signatureAlgorithm;
    private List<ChainItem> chain;
    private String malformedReason;
    private String status;
    private String storeVersion;
    private Map<String, String> tags;
    private String owner;
    private String ownerSource;
    private String environment;
    private String environmentSource;
    private String scopeSort;
    private String expiryIndexPk;
    private String expirySort;
    private String activeOwner;
    private String activeStatus;
    private Instant firstSeen;
    private Instant lastSeen;
    private Instant removedAt;

    @DynamoDbPartitionKey
    @DynamoDbAttribute(InventoryTableDesign.PARTITION_KEY)
    public String getPk() {
        return pk;
    }

    public void setPk(String pk) {
        this.pk = pk;
    }

    @DynamoDbSortKey
    @DynamoDbAttribute(InventoryTableDesign.SORT_KEY)
    public String getSk() {
        return sk;
    }

    public void setSk(String sk) {
        this.sk = sk;
    }

    public String getCertificateId() {
        return certificateId;
    }

    public void setCertificateId(String certificateId) {
        this.certificateId = certificateId;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getArn() {
        return arn;
    }

    public void setArn(String arn) {
        this.arn = arn;
    }

    public String getAccountId() {
        return accountId;
    }

    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public List<String> getSans() {
        return sans;
    }

    public void setSans(List<String> sans) {
        this.sans = sans;
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String getSerial() {
        return serial;
    }

    public void setSerial(String serial) {
        this.serial = serial;
    }

    @DynamoDbConvertedBy(SortableInstantConverter.class)
    public Instant getNotBefore() {
        return notBefore;
    }

    public void setNotBefore(Instant notBefore) {
        this.notBefore = notBefore;
    }

    @DynamoDbConvertedBy(SortableInstantConverter.class)
    public Instant getNotAfter() {
        return notAfter;
    }

    public void setNotAfter(Instant notAfter) {
        this.notAfter = notAfter;
    }

    public String getKeyAlgorithm() {
        return keyAlgorithm;
    }

    public void setKeyAlgorithm(String keyAlgorithm) {
        this.keyAlgorithm = keyAlgorithm;
    }

    public Integer getKeySize() {
        return keySize;
    }

    public void setKeySize(Integer keySize) {
        this.keySize = keySize;
    }

    public String getSignatureAlgorithm() {
        return signatureAlgorithm;
    }

    public void setSignatureAlgorithm(String signatureAlgorithm) {
        this.signatureAlgorithm = signatureAlgorithm;
    }

    public List<ChainItem> getChain() {
        return chain;
    }

    public void setChain(List<ChainItem> chain) {
        this.chain = chain;
    }

    public String getMalformedReason() {
        return malformedReason;
    }

    public void setMalformedReason(String malformedReason) {
        this.malformedReason = malformedReason;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getStoreVersion() {
        return storeVersion;
    }

    public void setStoreVersion(String storeVersion) {
        this.storeVersion = storeVersion;
    }

    public Map<String, String> getTags() {
        return tags;
    }

    public void setTags(Map<String, String> tags) {
        this.tags = tags;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public String getOwnerSource() {
        return ownerSource;
    }

    public void setOwnerSource(String ownerSource) {
        this.ownerSource = ownerSource;
    }

    public String getEnvironment() {
        return environment;
    }

    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    public String getEnvironmentSource() {
        return environmentSource;
    }

    public void setEnvironmentSource(String environmentSource) {
        this.environmentSource = environmentSource;
    }

    public String getScopeSort() {
        return scopeSort;
    }

    public void setScopeSort(String scopeSort) {
        this.scopeSort = scopeSort;
    }

    public String getExpiryIndexPk() {
        return expiryIndexPk;
    }

    public void setExpiryIndexPk(String expiryIndexPk) {
        this.expiryIndexPk = expiryIndexPk;
    }

    public String getExpirySort() {
        return expirySort;
    }

    public void setExpirySort(String expirySort) {
        this.expirySort = expirySort;
    }

    public String getActiveOwner() {
        return activeOwner;
    }

    public void setActiveOwner(String activeOwner) {
        this.activeOwner = activeOwner;
    }

    public String getActiveStatus() {
        return activeStatus;
    }

    public void setActiveStatus(String activeStatus) {
        this.activeStatus = activeStatus;
    }

    /** Written only when the item is created: a re-scan keeps the first sighting. */
    @DynamoDbUpdateBehavior(UpdateBehavior.WRITE_IF_NOT_EXISTS)
    @DynamoDbConvertedBy(SortableInstantConverter.class)
    public Instant getFirstSeen() {
        return firstSeen;
    }

    public void setFirstSeen(Instant firstSeen) {
        this.firstSeen = firstSeen;
    }

    @DynamoDbConvertedBy(SortableInstantConverter.class)
    public Instant getLastSeen() {
        return lastSeen;
    }

    public void setLastSeen(Instant lastSeen) {
        this.lastSeen = lastSeen;
    }

    @DynamoDbConvertedBy(SortableInstantConverter.class)
    public Instant getRemovedAt() {
        return removedAt;
    }

    public void setRemovedAt(Instant removedAt) {
        this.removedAt = removedAt;
    }
}
