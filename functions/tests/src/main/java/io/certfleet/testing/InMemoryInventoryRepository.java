package io.certfleet.testing;

import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryQuery;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.inventory.ListingOrder;
import io.certfleet.core.inventory.ListingRange;
import io.certfleet.core.inventory.InventoryRepository;
import io.certfleet.core.inventory.ScopeSnapshot;
import io.certfleet.core.discovery.ScanScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** A fake of the inventory port for unit tests, with the port's documented semantics. */
public final class InMemoryInventoryRepository implements InventoryRepository {

    private final Map<InventoryRecord.Key, InventoryRecord> records = new LinkedHashMap<>();
    private final Map<BindingRecord.Key, BindingRecord> bindings = new LinkedHashMap<>();
    private int writes;

    @Override
    public synchronized ScopeSnapshot loadScope(ScanScope scope) {
        return new ScopeSnapshot(
                records.values().stream().filter(r -> r.location().scope().equals(scope)).toList(),
                bindings.values().stream().filter(b -> b.scope().equals(scope)).toList());
    }

    @Override
    public synchronized SeenOutcome recordSeen(InventoryRecord record) {
        writes++;
        InventoryRecord before = records.get(record.key());
        Instant firstSeen = before == null ? record.firstSeen() : before.firstSeen();
        records.put(record.key(), new InventoryRecord(record.certificateId(), record.location(), record.status(),
                record.storeVersion(), record.facts(), record.malformedReason(), record.tags(), record.ownership(),
                firstSeen, record.lastSeen(), null));
        return before == null ? SeenOutcome.NEW : SeenOutcome.KNOWN;
    }

    @Override
    public synchronized SeenOutcome recordBindingSeen(BindingRecord binding) {
        writes++;
        BindingRecord before = bindings.get(binding.key());
        Instant firstSeen = before == null ? binding.firstSeen() : before.firstSeen();
        bindings.put(binding.key(), new BindingRecord(binding.type(), binding.resourceId(), binding.certificateArn(),
                binding.isDefault(), binding.dnsName(), binding.scheme(), binding.port(), binding.sslPolicy(),
                binding.scope(), firstSeen, binding.lastSeen(), null));
        return before == null ? SeenOutcome.NEW : SeenOutcome.KNOWN;
    }

    @Override
    public synchronized void recordSeenAgain(List<InventoryRecord> seen) {
        writes += (seen.size() + 24) / 25;
        seen.forEach(record -> records.put(record.key(), record));
    }

    @Override
    public synchronized void recordBindingsSeenAgain(List<BindingRecord> seen) {
        writes += (seen.size() + 24) / 25;
        seen.forEach(binding -> bindings.put(binding.key(), binding));
    }

    @Override
    public synchronized boolean markRemoved(InventoryRecord record, Instant notSeenSince, Instant removedAt) {
        InventoryRecord current = records.get(record.key());
        if (current == null || !current.isActive() || !current.lastSeen().isBefore(notSeenSince)) {
            return false;
        }
        writes++;
        records.put(record.key(), new InventoryRecord(current.certificateId(), current.location(), current.status(),
                current.storeVersion(), current.facts(), current.malformedReason(), current.tags(),
                current.ownership(), current.firstSeen(), current.lastSeen(), removedAt));
        return true;
    }

    @Override
    public synchronized boolean markBindingRemoved(BindingRecord binding, Instant notSeenSince, Instant removedAt) {
        BindingRecord current = bindings.get(binding.key());
        if (current == null || !current.isActive() || !current.lastSeen().isBefore(notSeenSince)) {
            return false;
        }
        writes++;
        bindings.put(binding.key(), new BindingRecord(current.type(), current.resourceId(), current.certificateArn(),
                current.isDefault(), current.dnsName(), current.scheme(), current.port(), current.sslPolicy(),
                current.scope(), current.firstSeen(), current.lastSeen(), removedAt));
        return true;
    }

    @Override
    public void ensureBindingLists() {
        // bindings in memory are read by certificate ARN directly
    }

    @Override
    public synchronized List<InventoryRecord> locationsOf(String certificateId) {
        return records.values().stream().filter(r -> r.certificateId().equals(certificateId)).toList();
    }

    @Override
    public synchronized List<InventoryRecord> find(InventoryQuery query) {
        return records.values().stream().filter(query::matches).toList();
    }

    @Override
    public synchronized List<InventoryRecord> presentInOrder(ListingRange range, String after, int limit) {
        return records.values().stream().filter(range::contains)
                .filter(record -> after == null || ListingOrder.positionOf(record).compareTo(after) > 0)
                .sorted(java.util.Comparator.comparing(ListingOrder::positionOf)).limit(limit).toList();
    }

    @Override
    public synchronized List<BindingRecord> bindingsOf(String certificateArn) {
        return bindings.values().stream().filter(b -> b.certificateArn().equals(certificateArn)).toList();
    }

    @Override
    public synchronized Map<String, List<BindingRecord>> bindingsOf(Set<String> certificateArns) {
        Map<String, List<BindingRecord>> found = new HashMap<>();
        certificateArns.forEach(arn -> found.put(arn, bindingsOf(arn)));
        return found;
    }

    public synchronized List<InventoryRecord> allRecords() {
        return new ArrayList<>(records.values());
    }

    public synchronized List<BindingRecord> allBindings() {
        return new ArrayList<>(bindings.values());
    }

    public synchronized int writes() {
        return writes;
    }
}
