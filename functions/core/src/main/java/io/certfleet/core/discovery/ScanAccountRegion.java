package io.certfleet.core.discovery;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.certificate.CertificateParser;
import io.certfleet.core.certificate.CertificateSource;
import io.certfleet.core.certificate.MalformedCertificateException;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.inventory.InventoryRepository;
import io.certfleet.core.inventory.InventoryRepository.SeenOutcome;
import io.certfleet.core.inventory.ScopeSnapshot;
import io.certfleet.core.ownership.Ownership;
import io.certfleet.core.ownership.ResolveOwnership;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Use case: scan one account and region into the inventory.
 *
 * <ol>
 *   <li>load what the inventory holds for the scope (and the account's global scope, for the global item);</li>
 *   <li>read every endpoint source: the bindings, and the resource tags that feed ownership;</li>
 *   <li>read every certificate store, skipping certificates whose store version is unchanged; parse the rest (an
 *       unreadable body is kept with its reason, never aborts the scan); resolve ownership; record them seen;</li>
 *   <li>record the bindings seen;</li>
 *   <li>rewrite what is unchanged but for {@code lastSeen}, many at a time (new and changed items are single
 *       conditional writes);</li>
 *   <li>mark removed what a source that was read completely no longer lists. A source that failed is recorded as
 *       a {@link ScanError} and its records are left alone.</li>
 * </ol>
 * Re-running it over an unchanged account changes nothing but {@code lastSeen}.
 */
public final class ScanAccountRegion {

    private final CertificateParser parser;
    private final InventoryRepository inventory;
    private final ResolveOwnership ownership;
    private final Clock clock;

    public ScanAccountRegion(CertificateParser parser, InventoryRepository inventory, ResolveOwnership ownership,
                             Clock clock) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.ownership = Objects.requireNonNull(ownership, "ownership");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public WorkResult scan(WorkItem item, ScanSources sources) {
        inventory.ensureBindingLists(); // before the first binding is recorded: a one-time step of older tables
        Run run = new Run(item, clock.instant(), load(item));
        run.readEndpoints(sources.endpoints());
        run.readCertificates(sources.stores());
        run.recordBindings();
        run.recordUnchanged();
        run.markVanished();
        long durationMs = clock.instant().toEpochMilli() - run.startedAt.toEpochMilli();
        return run.result(sources.apiCalls(), sources.apiRetries(), durationMs);
    }

    private ScopeSnapshot load(WorkItem item) {
        ScopeSnapshot regional = inventory.loadScope(item.scope());
        if (!item.includesGlobalSources()) {
            return regional;
        }
        ScopeSnapshot global = inventory.loadScope(item.scope().global());
        List<InventoryRecord> records = new ArrayList<>(regional.records());
        records.addAll(global.records());
        List<BindingRecord> bindings = new ArrayList<>(regional.bindings());
        bindings.addAll(global.bindings());
        return new ScopeSnapshot(records, bindings);
    }

    /** The state of one scan run. */
    private final class Run {
        private final WorkItem item;
        private final Instant startedAt;
        private final ScopeSnapshot known;
        private final List<ScanError> errors = new ArrayList<>();
        private final Map<String, List<BindingRecord>> bindingsByCertificate = new LinkedHashMap<>();
        private final Map<String, List<Map<String, String>>> resourceTagsByCertificate = new LinkedHashMap<>();
        private final Set<BindingType> endpointTypesRead = EnumSet.noneOf(BindingType.class);
        private final Set<CertificateSource> storesRead = EnumSet.noneOf(CertificateSource.class);
        private final Set<InventoryRecord.Key> recordsSeen = new HashSet<>();
        private final Set<BindingRecord.Key> bindingsSeen = new HashSet<>();
        private final List<InventoryRecord> recordsSeenAgain = new ArrayList<>();
        private final List<BindingRecord> bindingsSeenAgain = new ArrayList<>();
        private int certificates;
        private int certificatesAdded;
        private int certificatesUnchanged;
        private int malformed;
        private int certificatesRemoved;
        private int bindingsAdded;
        private int bindingsRemoved;

        Run(WorkItem item, Instant startedAt, ScopeSnapshot known) {
            this.item = item;
            this.startedAt = startedAt;
            this.known = known;
        }

        void readEndpoints(List<EndpointSource> sources) {
            for (EndpointSource source : sources) {
                ScanScope scope = source.isGlobal() ? item.scope().global() : item.scope();
                try {
                    List<DiscoveredBinding> found = new ArrayList<>(source.listBindings());
                    found.sort(Comparator.comparing(DiscoveredBinding::resourceId));
                    for (DiscoveredBinding binding : found) {
                        bindingsByCertificate.computeIfAbsent(binding.certificateArn(), arn -> new ArrayList<>())
                                .add(BindingRecord.seen(binding, scope, startedAt));
                        resourceTagsByCertificate.computeIfAbsent(binding.certificateArn(), arn -> new ArrayList<>())
                                .add(binding.resourceTags());
                    }
                    endpointTypesRead.add(source.type());
                } catch (RuntimeException failure) {
                    errors.add(ScanError.of(scope, source.name(), failure));
                }
            }
        }

        void readCertificates(List<CertificateStore> stores) {
            for (CertificateStore store : stores) {
                List<ListedCertificate> listed;
                try {
                    listed = store.list(known.knownVersions(store.source()));
                    storesRead.add(store.source());
                } catch (RuntimeException failure) {
                    ScanScope scope = store.source() == CertificateSource.IAM ? item.scope().global() : item.scope();
                    errors.add(ScanError.of(scope, store.name(), failure));
                    continue;
                }
                listed.forEach(this::record);
            }
        }

        private void record(ListedCertificate listed) {
            String arn = listed.location().arn();
            Optional<InventoryRecord> present = known.presentAt(arn);
            Map<String, String> tags = listed.tags();
            Ownership owner = ownership.resolve(tags, resourceTagsByCertificate.getOrDefault(arn, List.of()),
                    item.accountTags());
            certificates++;
            InventoryRecord record;
            if (listed instanceof ListedCertificate.Unchanged unchanged) {
                record = present.orElseThrow(() -> new IllegalStateException("store reported " + arn
                        + " unchanged, but the inventory holds no present record there"))
                        .seenAgain(startedAt, unchanged.status(), tags, owner);
                certificatesUnchanged++;
                recordsSeenAgain.add(record);
            } else {
                record = read((ListedCertificate.Fetched) listed, tags, owner);
                certificatesAdded += inventory.recordSeen(record) == SeenOutcome.NEW ? 1 : 0;
            }
            malformed += record.isReadable() ? 0 : 1;
            recordsSeen.add(record.key());
        }

        private InventoryRecord read(ListedCertificate.Fetched fetched, Map<String, String> tags, Ownership owner) {
            try {
                CertificateFacts facts = parser.parse(fetched.certificatePem(), fetched.chainPem());
                return new InventoryRecord(facts.sha256(), fetched.location(), fetched.status(), fetched.version(),
                        facts, null, tags, owner, startedAt, startedAt, null);
            } catch (MalformedCertificateException e) {
                return new InventoryRecord(InventoryRecord.unreadableId(fetched.certificatePem()),
                        fetched.location(), fetched.status(), fetched.version(), null, e.getMessage(), tags, owner,
                        startedAt, startedAt, null);
            }
        }

        void recordBindings() {
            Map<BindingRecord.Key, BindingRecord> present = new HashMap<>();
            known.bindings().stream().filter(BindingRecord::isActive).forEach(b -> present.put(b.key(), b));
            for (List<BindingRecord> bindings : bindingsByCertificate.values()) {
                for (BindingRecord binding : bindings) {
                    if (!bindingsSeen.add(binding.key())) {
                        continue; // listed twice (e.g. an API domain's edge and regional certificate are the same)
                    }
                    BindingRecord before = present.get(binding.key());
                    if (before != null && before.sameAs(binding)) {
                        bindingsSeenAgain.add(before.seenAgain(startedAt));
                    } else {
                        bindingsAdded += inventory.recordBindingSeen(binding) == SeenOutcome.NEW ? 1 : 0;
                    }
                }
            }
        }

        void recordUnchanged() {
            inventory.recordSeenAgain(recordsSeenAgain);
            inventory.recordBindingsSeenAgain(bindingsSeenAgain);
        }

        void markVanished() {
            for (InventoryRecord record : known.records()) {
                boolean vanished = record.isActive() && storesRead.contains(record.location().source())
                        && !recordsSeen.contains(record.key());
                if (vanished && inventory.markRemoved(record, startedAt, clock.instant())) {
                    certificatesRemoved++;
                }
            }
            for (BindingRecord binding : known.bindings()) {
                boolean vanished = binding.isActive() && endpointTypesRead.contains(binding.type())
                        && !bindingsSeen.contains(binding.key());
                if (vanished && inventory.markBindingRemoved(binding, startedAt, clock.instant())) {
                    bindingsRemoved++;
                }
            }
        }

        WorkResult result(Map<String, Long> apiCalls, Map<String, Long> apiRetries, long durationMs) {
            return new WorkResult(item, certificates, certificatesAdded, certificatesUnchanged, malformed,
                    certificatesRemoved, bindingsSeen.size(), bindingsAdded, bindingsRemoved, errors, apiCalls,
                    apiRetries, durationMs);
        }
    }
}
