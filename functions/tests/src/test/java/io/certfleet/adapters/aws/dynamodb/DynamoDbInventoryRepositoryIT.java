package io.certfleet.adapters.aws.dynamodb;

import static io.certfleet.testing.InventoryFixtures.binding;
import static io.certfleet.testing.InventoryFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.adapters.aws.ApiCallRecorder;
import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.AwsSettings;
import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryQuery;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.inventory.InventoryRepository.SeenOutcome;
import io.certfleet.core.inventory.ScopeSnapshot;
import io.certfleet.core.ownership.OwnershipSource;
import io.certfleet.core.probe.TlsVersion;
import io.certfleet.core.probe.fleet.BindingProbe;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.testing.InventoryFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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
        repository = new DynamoDbInventoryRepository(emulator.clients().dynamoDbEnhanced(), dynamoDb, tableName);
    }

    @Test
    void onceATableHasItsBindingListsManyCertificatesBindingsAreReadByKeyWithTheSameAnswer() throws Exception {
        // written as a certfleet before binding lists did: batch puts, no lists
        repository.recordBindingsSeenAgain(List.of(binding("listener/a-1", "arn:a").seenAt(T0).build(),
                binding("listener/a-2", "arn:a").sni().seenAt(T0).build(),
                binding("listener/b-1", "arn:b").seenAt(T0).build()));
        BindingRecord gone = binding("listener/a-2", "arn:a").sni().seenAt(T0).build();
        assertThat(repository.markBindingRemoved(gone, T0.plusSeconds(1), T0.plusSeconds(2))).isTrue();
        Set<String> arns = Set.of("arn:a", "arn:b", "arn:unbound");
        Map<String, Set<BindingRecord>> before = asSets(repository.bindingsOf(arns));

        ApiCallRecorder recorder = new ApiCallRecorder();
        try (AwsClients counted = new AwsClients(AwsSettings.forEmulator(emulator.endpoint(), AwsEmulator.REGION),
                List.of(recorder))) {
            DynamoDbInventoryRepository reading = new DynamoDbInventoryRepository(counted.dynamoDbEnhanced(),
                    counted.dynamoDb(), tableName);
            reading.ensureBindingLists();
            Map<String, Long> migration = recorder.snapshot();
            assertThat(migration).containsEntry("dynamodb:Scan", 1L).containsEntry("dynamodb:UpdateItem", 2L)
                    .containsEntry("dynamodb:PutItem", 1L);

            Map<String, Set<BindingRecord>> after = asSets(reading.bindingsOf(arns));
            Map<String, Long> reads = minus(recorder.snapshot(), migration);

            assertThat(after).isEqualTo(before);
            assertThat(after.get("arn:a")).extracting(BindingRecord::resourceId)
                    .containsExactlyInAnyOrder("listener/a-1", "listener/a-2"); // present and removed, as before
            assertThat(reads).as("two batch reads (lists, then bindings), no query, no scan")
                    .isEqualTo(Map.of("dynamodb:BatchGetItem", 2L));

            BindingRecord added = binding("listener/unbound-1", "arn:unbound").seenAt(T0).build();
            assertThat(reading.recordBindingSeen(added)).isEqualTo(SeenOutcome.NEW);
            assertThat(reading.bindingsOf(arns).get("arn:unbound")).containsExactly(added);
            assertThat(reading.bindingsOf("arn:unbound")).as("the list is not a binding").containsExactly(added);
            assertThat(repository.bindingsOf(Set.of("arn:unbound")).get("arn:unbound"))
                    .as("a fresh repository reads the table's mark").containsExactly(added);
            long migrations = recorder.snapshot().getOrDefault("dynamodb:Scan", 0L);
            reading.ensureBindingLists();
            assertThat(recorder.snapshot().getOrDefault("dynamodb:Scan", 0L)).as("done once").isEqualTo(migrations);
        }
        assertThat(repository.loadScope(SCOPE).bindings()).as("lists are in no index")
                .extracting(BindingRecord::resourceId).doesNotContain("#KEYS");
    }

    @Test
    void probesAreReadByBindingKeyWithTheSameAnswerAsByCertificate() {
        BindingRecord one = binding("listener/p-1", "arn:p").seenAt(T0).build();
        BindingRecord two = binding("listener/p-2", "arn:p").sni().seenAt(T0).build();
        BindingRecord never = binding("listener/q-1", "arn:q").seenAt(T0).build();
        DynamoDbProbeResults probes = new DynamoDbProbeResults(dynamoDb, tableName);
        probes.record(List.of(probe(one), probe(two)));

        assertThat(probes.latestOfBindings(List.of(one.key(), two.key(), never.key())))
                .isEqualTo(probes.latestOf(Set.of("arn:p", "arn:q"))).containsOnlyKeys(one.key(), two.key());
        assertThat(probes.latestOfBindings(List.of())).isEmpty();
    }

    private static BindingProbe probe(BindingRecord binding) {
        return new BindingProbe(binding.key(), T0, Optional.of("lb.example.test:443"), Optional.of("x.example.test"),
                "public-web", List.of(), Optional.of(TlsVersion.TLS_1_3), Optional.of("TLS_AES_128_GCM_SHA256"),
                List.of(TlsVersion.TLS_1_3), Optional.empty(), 9, Optional.empty(), Optional.empty());
    }

    private static Map<String, Set<BindingRecord>> asSets(Map<String, List<BindingRecord>> bindings) {
        return bindings.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
    }

    private static Map<String, Long> minus(Map<String, Long> now, Map<String, Long> before) {
        return now.entrySet().stream().filter(e -> e.getValue() > before.getOrDefault(e.getKey(), 0L))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)));
    }

    @Test
    void createdTableHasTheDesignedKeysIndexesBillingEncryptionAndPitr() {
        TableDescription table = dynamoDb.describeTable(r -> r.tableName(tableName)).table();

        assertThat(table.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType())
                .containsExactly("pk:" + KeyType.HASH, "sk:" + KeyType.RANGE);
        assertThat(table.globalSecondaryIndexes()).extracting(index -> index.indexName() + "("
                        + index.keySchema().get(0).attributeName() + "," + index.keySchema().get(1).attributeName() + ")")
                .containsExactlyInAnyOrder("byAccount(accountId,scopeSort)", "byExpiry(expiryIndexPk,expirySort)",
                        "byOwner(activeOwner,expirySort)", "byStatus(activeStatus,expirySort)");
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.sseDescription().statusAsString()).isEqualTo("ENABLED");
        assertThat(dynamoDb.describeContinuousBackups(r -> r.tableName(tableName)).continuousBackupsDescription()
                .pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString()).isEqualTo("ENABLED");
        assertThat(new InventoryTable(dynamoDb, tableName).ensureExists()).isEqualTo(InventoryTable.Outcome.EXISTED);
    }

    @Test
    void aRecordRoundTripsWithEveryFactTagAndOwnership() {
        InventoryRecord record = record("arn:round-trip").seenAt(T0).tags(Map.of("owner", "payments"))
                .owner("payments", OwnershipSource.CERTIFICATE_TAG).build();

        assertThat(repository.recordSeen(record)).isEqualTo(SeenOutcome.NEW);

        assertThat(repository.find(InventoryQuery.ALL_PRESENT)).singleElement().usingRecursiveComparison()
                .isEqualTo(record);
    }

    @Test
    void seeingAgainKeepsFirstSeenAndMovesLastSeen() {
        InventoryRecord first = record("arn:again").seenAt(T0).build();
        repository.recordSeen(first);

        assertThat(repository.recordSeen(first.seenAgain(T0.plus(Duration.ofHours(6)), "ISSUED", Map.of(),
                first.ownership()))).isEqualTo(SeenOutcome.KNOWN);

        assertThat(repository.find(InventoryQuery.ALL_PRESENT)).singleElement().satisfies(stored -> {
            assertThat(stored.firstSeen()).isEqualTo(T0);
            assertThat(stored.lastSeen()).isEqualTo(T0.plus(Duration.ofHours(6)));
        });
    }

    @Test
    void loadScopeReturnsTheScopesRecordsAndTheBindingsFoundThere() {
        repository.recordSeen(record("arn:here").seenAt(T0).build());
        repository.recordSeen(record("arn:other-region").scope(new ScanScope(SCOPE.accountId(), "us-east-1")).build());
        repository.recordSeen(record("arn:global").scope(SCOPE.global()).build());
        repository.recordBindingSeen(binding("listener/1", "arn:here").build());
        repository.recordBindingSeen(binding("listener/2", "arn:here").sni().build());
        repository.recordBindingSeen(binding("E123", "arn:global").scope(SCOPE.global()).build());

        ScopeSnapshot here = repository.loadScope(SCOPE);
        ScopeSnapshot global = repository.loadScope(SCOPE.global());

        assertThat(here.records()).extracting(r -> r.location().arn()).containsExactly("arn:here");
        assertThat(here.bindings()).extracting(BindingRecord::resourceId)
                .containsExactlyInAnyOrder("listener/1", "listener/2");
        assertThat(here.bindings()).filteredOn(b -> b.resourceId().equals("listener/2")).singleElement()
                .satisfies(sni -> assertThat(sni.isDefault()).isFalse());
        assertThat(global.records()).extracting(r -> r.location().arn()).containsExactly("arn:global");
        assertThat(global.bindings()).extracting(BindingRecord::resourceId).containsExactly("E123");
        assertThat(repository.bindingsOf("arn:here")).hasSize(2);
    }

    @Test
    void theIndexesAnswerByExpiryOwnerAccountAndStatus() {
        Instant soon = Instant.parse("2026-12-10T00:00:00Z");
        Instant later = Instant.parse("2027-06-01T00:00:00Z");
        repository.recordSeen(record("arn:soon").expiringAt(soon).owner("payments", OwnershipSource.CERTIFICATE_TAG)
                .build());
        repository.recordSeen(record("arn:later").expiringAt(later).owner("web", OwnershipSource.RESOURCE_TAG)
                .status("EXPIRED").build());
        repository.recordSeen(record("arn:elsewhere").scope(new ScanScope("999988887777", "eu-west-1"))
                .expiringAt(soon).owner("payments", OwnershipSource.ACCOUNT_TAG).build());
        repository.recordSeen(record("arn:garbage").malformed("no PEM block").build());

        assertThat(arns(query(Optional.of(Instant.parse("2027-01-01T00:00:00Z")), Optional.empty(), Optional.empty())))
                .containsExactlyInAnyOrder("arn:soon", "arn:elsewhere");
        assertThat(arns(query(Optional.empty(), Optional.of("payments"), Optional.empty())))
                .containsExactlyInAnyOrder("arn:soon", "arn:elsewhere");
        assertThat(arns(query(Optional.empty(), Optional.empty(), Optional.of("999988887777"))))
                .containsExactly("arn:elsewhere");
        assertThat(arns(query(Optional.of(Instant.parse("2027-01-01T00:00:00Z")), Optional.of("payments"),
                Optional.of("111122223333")))).containsExactly("arn:soon");
        assertThat(arns(repository.find(new InventoryQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("EXPIRED"), false)))).containsExactly("arn:later");
        assertThat(arns(repository.find(InventoryQuery.ALL_PRESENT))).hasSize(4);
    }

    @Test
    void markRemovedOnlyWhenNotSeenSinceAndOnlyOnceAndTheRecordLeavesThePresentIndexes() {
        InventoryRecord record = record("arn:gone").seenAt(T0).owner("payments", OwnershipSource.CERTIFICATE_TAG)
                .build();
        repository.recordSeen(record);

        assertThat(repository.markRemoved(record, T0, T0.plusSeconds(1)))
                .as("seen at the scan's start: a concurrent scan saw it, keep it").isFalse();
        assertThat(repository.markRemoved(record, T0.plusNanos(1), T0.plusSeconds(2))).isTrue();
        assertThat(repository.markRemoved(record, T0.plusSeconds(3), T0.plusSeconds(3))).as("already removed").isFalse();

        assertThat(repository.find(InventoryQuery.ALL_PRESENT)).isEmpty();
        assertThat(query(Optional.of(T0.plus(Duration.ofDays(3650))), Optional.empty(), Optional.empty())).isEmpty();
        assertThat(query(Optional.empty(), Optional.of("payments"), Optional.empty())).isEmpty();
        assertThat(repository.find(new InventoryQuery(Optional.empty(), Optional.empty(), Optional.empty(), true)))
                .singleElement().satisfies(r -> assertThat(r.removedAt()).isEqualTo(T0.plusSeconds(2)));
        assertThat(repository.loadScope(SCOPE).records()).singleElement()
                .satisfies(r -> assertThat(r.isActive()).isFalse());

        repository.recordSeen(record.seenAgain(T0.plusSeconds(10), "ISSUED", Map.of(), record.ownership()));
        assertThat(query(Optional.empty(), Optional.of("payments"), Optional.empty())).singleElement()
                .satisfies(r -> assertThat(r.firstSeen()).isEqualTo(T0));
    }

    @Test
    void bindingsAreMarkedRemovedWithTheSameRules() {
        BindingRecord listener = binding("listener/1", "arn:a").seenAt(T0).build();
        assertThat(repository.recordBindingSeen(listener)).isEqualTo(SeenOutcome.NEW);
        assertThat(repository.recordBindingSeen(listener)).isEqualTo(SeenOutcome.KNOWN);

        assertThat(repository.markBindingRemoved(listener, T0, T0.plusSeconds(1))).isFalse();
        assertThat(repository.markBindingRemoved(listener, T0.plusNanos(1), T0.plusSeconds(1))).isTrue();
        assertThat(repository.bindingsOf("arn:a")).singleElement()
                .satisfies(b -> assertThat(b.removedAt()).isEqualTo(T0.plusSeconds(1)));
    }

    @Test
    void markRemovedOfARecordThatNeverExistedCreatesNothing() {
        assertThat(repository.markRemoved(record("arn:phantom").build(), T0.plusSeconds(1), T0.plusSeconds(1)))
                .isFalse();
        assertThat(repository.markBindingRemoved(binding("x", "arn:phantom").build(), T0.plusSeconds(1),
                T0.plusSeconds(1))).isFalse();
        assertThat(dynamoDb.scan(r -> r.tableName(tableName)).items()).isEmpty();
    }

    @Test
    void unchangedRecordsAndBindingsAreRewrittenInBatchesWithOnlyLastSeenMoved() {
        CertificateFacts facts = InventoryFixtures.facts("batch.example.test", T0.plus(Duration.ofDays(30)));
        List<InventoryRecord> first = new ArrayList<>();
        List<BindingRecord> firstBindings = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            InventoryRecord record = record("arn:batch-" + i).facts(facts).seenAt(T0).build();
            repository.recordSeen(record);
            first.add(record);
            BindingRecord binding = binding("listener/" + i, "arn:batch-" + i).seenAt(T0).build();
            repository.recordBindingSeen(binding);
            firstBindings.add(binding);
        }
        Instant later = T0.plus(Duration.ofHours(6));

        repository.recordSeenAgain(first.stream()
                .map(r -> r.seenAgain(later, r.status(), r.tags(), r.ownership())).toList());
        repository.recordBindingsSeenAgain(firstBindings.stream().map(b -> b.seenAgain(later)).toList());

        ScopeSnapshot after = repository.loadScope(SCOPE);
        assertThat(after.records()).hasSize(60).allSatisfy(r -> {
            assertThat(r.firstSeen()).isEqualTo(T0);
            assertThat(r.lastSeen()).isEqualTo(later);
        });
        assertThat(after.records()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("lastSeen")
                .containsExactlyInAnyOrderElementsOf(first);
        assertThat(after.bindings()).hasSize(60).allSatisfy(b -> assertThat(b.lastSeen()).isEqualTo(later));
        // Bindings of many certificates at once (one scan), of a few (one query each): the same answer.
        Map<String, List<BindingRecord>> many = repository.bindingsOf(first.stream()
                .map(r -> r.location().arn()).collect(Collectors.toSet()));
        assertThat(many).hasSize(60).allSatisfy((arn, found) -> assertThat(found).singleElement()
                .satisfies(b -> assertThat(b.certificateArn()).isEqualTo(arn)));
        assertThat(repository.bindingsOf(Set.of("arn:batch-7", "arn:batch-8")))
                .containsOnlyKeys("arn:batch-7", "arn:batch-8");
        assertThat(query(Optional.of(T0.plus(Duration.ofDays(31))), Optional.empty(), Optional.empty()))
                .as("still in the expiry index").hasSize(60);
    }

    @Test
    void malformedRecordsKeepTheirReasonAndNoFacts() {
        InventoryRecord garbage = record("arn:garbage").malformed("no PEM block").build();

        repository.recordSeen(garbage);

        assertThat(repository.find(InventoryQuery.ALL_PRESENT)).singleElement().usingRecursiveComparison()
                .isEqualTo(garbage);
    }

    @Test
    void concurrentSightingsOfOneRecordYieldOneItemAndOneNew() throws Exception {
        CertificateFacts facts = InventoryFixtures.facts("busy.example.test", T0.plus(Duration.ofDays(30)));
        List<Callable<SeenOutcome>> sightings = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Instant at = T0.plusSeconds(i);
            sightings.add(() -> repository.recordSeen(record("arn:busy").facts(facts).seenAt(at).build()));
        }
        List<SeenOutcome> outcomes = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (Future<SeenOutcome> outcome : threads.invokeAll(sightings)) {
                outcomes.add(outcome.get());
            }
        }

        assertThat(outcomes).containsOnlyOnce(SeenOutcome.NEW);
        assertThat(repository.loadScope(SCOPE).records()).singleElement()
                .satisfies(r -> assertThat(r.firstSeen()).isBetween(T0, T0.plusSeconds(7)));
    }

    @Test
    void noPrivateKeyMaterialIsStored() {
        repository.recordSeen(record("arn:secret").build());

        List<Map<String, AttributeValue>> items = dynamoDb.scan(r -> r.tableName(tableName)).items();

        assertThat(items).singleElement().satisfies(item -> assertThat(item.toString())
                .doesNotContain("PRIVATE KEY").doesNotContain("BEGIN CERTIFICATE"));
    }

    private List<InventoryRecord> query(Optional<Instant> before, Optional<String> owner, Optional<String> account) {
        return repository.find(new InventoryQuery(before, owner, account, false));
    }

    private static List<String> arns(List<InventoryRecord> records) {
        return records.stream().map(r -> r.location().arn()).toList();
    }
}
