package io.certfleet.core.inventory;

import io.certfleet.core.discovery.ScanScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fake of the inventory port for unit tests, with the port's documented semantics. */
public final class InMemoryInventoryRepository implements InventoryRepository {

    private final Map<InventoryRecord.Key, InventoryRecord> records = new LinkedHashMap<>();

    @Override
    public synchronized SeenOutcome recordSeen(InventoryRecord record) {
        InventoryRecord before = records.get(record.key());
        Instant firstSeen = before == null ? record.firstSeen() : before.firstSeen();
        records.put(record.key(), new InventoryRecord(record.certificateId(), record.location(), record.facts(),
                record.malformedReason(), firstSeen, record.lastSeen(), null));
        return before == null ? SeenOutcome.NEW : SeenOutcome.KNOWN;
    }

    @Override
    public synchronized List<InventoryRecord> findInScope(ScanScope scope) {
        return records.values().stream().filter(r -> r.location().scope().equals(scope)).toList();
    }

    @Override
    public synchronized List<InventoryRecord> findActive() {
        return records.values().stream().filter(InventoryRecord::isActive).toList();
    }

    @Override
    public synchronized boolean markRemoved(InventoryRecord record, Instant notSeenSince, Instant removedAt) {
        InventoryRecord current = records.get(record.key());
        if (current == null || !current.isActive() || !current.lastSeen().isBefore(notSeenSince)) {
            return false;
        }
        records.put(record.key(), new InventoryRecord(current.certificateId(), current.location(), current.facts(),
                current.malformedReason(), current.firstSeen(), current.lastSeen(), removedAt));
        return true;
    }

    public synchronized List<InventoryRecord> all() {
        return new ArrayList<>(records.values());
    }
}
