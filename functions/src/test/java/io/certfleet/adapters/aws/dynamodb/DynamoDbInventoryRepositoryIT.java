package io.certfleet.adapters.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.adapters.x509.BouncyCastleCertificateParser;
import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.certificate.CertificateSource;
import io.certfleet.core.discovery.CertificateLocation;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.inventory.InventoryRepository.SeenOutcome;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

@ExtendWith(AwsEmulatorExtension.class)
class DynamoDbInventoryRepositoryIT {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final Instant T0 = Instant.parse("2026-11-27T06:00:00.123456789Z");
    private static final ScanScope SCOPE = new ScanScope("111122223333", "eu-west-1");
    private static final IssuedCertificate CA = CertificateBuilder.certificate("IT CA").certificateAuthority().build();

    private final AwsEmulator emulator;
    private final DynamoDbClient dynamoDb;
    private String tableName;
    private DynamoDbInventoryRepository repository;

    DynamoDbInventoryRepositoryIT(AwsEmulator emulator) {
        this.emulator = emulator;
        this.dynamoDb = emulator.clients().dynamoDb();
    }

    @BeforeEach
    void freshTable() {
        tableName = "inventory-it-" + TABLES.incrementAndGet();
        assertThat(new InventoryTable(dynamoDb, tableName).ensureExists()).isEqualTo(InventoryTable.Outcome.CREATED);
        repository = new DynamoDbInventoryRepository(emulator.clients().dynamoDbEnhanced(), tableName);
    }

    @Test
    void createdTableHasTheDesignedKeysBillingEncryptionAndPitr() {
        TableDescription table = dynamoDb.describeTable(r -> r.tableName(tableName)).table();

        assertThat(table.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType())
                .containsExactly(InventoryTableDesign.PARTITION_KEY + ":" + KeyType.HASH,
                        InventoryTableDesign.SORT_KEY + ":" + KeyType.RANGE);
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.sseDescription().statusAsString()).isEqualTo("ENABLED");
        assertThat(dynamoDb.describeContinuousBackups(r -> r.tableName(tableName)).continuousBackupsDescription()
                .pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString()).isEqualTo("ENABLED");
        assertThat(new InventoryTable(dynamoDb, tableName).ensureExists()).isEqualTo(InventoryTable.Outcome.EXISTED);
    }

    @Test
    void aRecordRoundTripsWithEveryFact() throws Exception {
        InventoryRecord record = readable("arn:round-trip", T0);

        assertThat(repository.recordSeen(record)).isEqualTo(SeenOutcome.NEW);

        assertThat(repository.findActive()).singleElement().usingRecursiveComparison().isEqualTo(record);
    }

    @Test
    void seeingAgainKeepsFirstSeenAndMovesLastSeen() throws Exception {
        InventoryRecord first = readable("arn:again", T0);
        repository.recordSeen(first);
        InventoryRecord later = new InventoryRecord(first.certificateId(), first.location(), first.facts(), null,
                T0.plus(Duration.ofHours(6)), T0.plus(Duration.ofHours(6)), null);

        assertThat(repository.recordSeen(later)).isEqualTo(SeenOutcome.KNOWN);

        assertThat(repository.findActive()).singleElement().satisfies(stored -> {
            assertThat(stored.firstSeen()).isEqualTo(T0);
            assertThat(stored.lastSeen()).isEqualTo(T0.plus(Duration.ofHours(6)));
        });
    }

    @Test
    void markRemovedOnlyWhenNotSeenSinceAndOnlyOnce() throws Exception {
        InventoryRecord record = readable("arn:gone", T0);
        repository.recordSeen(record);

        assertThat(repository.markRemoved(record, T0, T0.plusSeconds(1)))
                .as("seen at the scan's start: a concurrent scan saw it, keep it").isFalse();
        assertThat(repository.markRemoved(record, T0.plusNanos(1), T0.plusSeconds(2))).isTrue();
        assertThat(repository.markRemoved(record, T0.plusSeconds(3), T0.plusSeconds(3))).as("already removed").isFalse();

        assertThat(repository.findActive()).isEmpty();
        assertThat(repository.findInScope(SCOPE)).singleElement()
                .satisfies(r -> assertThat(r.removedAt()).isEqualTo(T0.plusSeconds(2)));
        repository.recordSeen(readable("arn:gone", record.facts(), T0.plusSeconds(10)));
        assertThat(repository.findActive()).singleElement().satisfies(r -> {
            assertThat(r.removedAt()).isNull();
            assertThat(r.firstSeen()).isEqualTo(T0);
        });
    }

    @Test
    void markRemovedOfARecordThatNeverExistedCreatesNothing() throws Exception {
        assertThat(repository.markRemoved(readable("arn:phantom", T0), T0.plusSeconds(1), T0.plusSeconds(1)))
                .isFalse();
        assertThat(repository.findInScope(SCOPE)).isEmpty();
    }

    @Test
    void malformedRecordsKeepTheirReasonAndNoFacts() {
        InventoryRecord garbage = InventoryRecord.malformed(location("arn:garbage"), "junk", "no PEM block", T0);

        repository.recordSeen(garbage);

        assertThat(repository.findActive()).singleElement().usingRecursiveComparison().isEqualTo(garbage);
    }

    @Test
    void findInScopeSeesOnlyThatAccountAndRegion() throws Exception {
        repository.recordSeen(readable("arn:here", T0));
        InventoryRecord elsewhere = readable("arn:there", T0);
        repository.recordSeen(new InventoryRecord(elsewhere.certificateId(),
                new CertificateLocation(CertificateSource.ACM, "arn:there", "111122223333", "us-east-1"),
                elsewhere.facts(), null, T0, T0, null));

        assertThat(repository.findInScope(SCOPE)).extracting(r -> r.location().arn()).containsExactly("arn:here");
    }

    @Test
    void concurrentSightingsOfOneRecordYieldOneItemAndOneNew() throws Exception {
        IssuedCertificate certificate = CertificateBuilder.certificate("busy.example.test").build();
        CertificateFacts facts = new BouncyCastleCertificateParser().parse(certificate.certificatePem(), null);
        List<Callable<SeenOutcome>> sightings = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Instant at = T0.plusSeconds(i);
            sightings.add(() -> repository.recordSeen(readable("arn:busy", facts, at)));
        }
        List<SeenOutcome> outcomes = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (Future<SeenOutcome> outcome : threads.invokeAll(sightings)) {
                outcomes.add(outcome.get());
            }
        }

        assertThat(outcomes).containsOnlyOnce(SeenOutcome.NEW);
        assertThat(repository.findInScope(SCOPE)).singleElement()
                .satisfies(r -> assertThat(r.firstSeen()).isBetween(T0, T0.plusSeconds(7)));
    }

    @Test
    void noPrivateKeyMaterialIsStored() throws Exception {
        repository.recordSeen(readable("arn:secret", T0));

        List<Map<String, AttributeValue>> items = dynamoDb.scan(r -> r.tableName(tableName)).items();

        assertThat(items).singleElement().satisfies(item -> assertThat(item.toString())
                .doesNotContain("PRIVATE KEY").doesNotContain("BEGIN CERTIFICATE"));
    }

    private static InventoryRecord readable(String arn, Instant seenAt) throws Exception {
        IssuedCertificate certificate = CertificateBuilder.certificate(arn.replace(':', '-') + ".example.test")
                .dnsNames("a.example.test", "b.example.test").issuedBy(CA).build();
        return readable(arn, new BouncyCastleCertificateParser().parse(certificate.certificatePem(),
                certificate.chainPem()), seenAt);
    }

    private static InventoryRecord readable(String arn, CertificateFacts facts,
                                            Instant seenAt) {
        return InventoryRecord.readable(location(arn), facts, seenAt);
    }

    private static CertificateLocation location(String arn) {
        return new CertificateLocation(CertificateSource.ACM, arn, SCOPE.accountId(), SCOPE.region());
    }
}
