package io.certfleet.core.inventory;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Objects;

/**
 * Use case: the certificate records a query selects, each with its bindings (present ones, or all when the query
 * includes removed records) and days to expiry; soonest expiry first, unreadable ones first of all.
 */
public final class ListInventory {

    private final InventoryRepository inventory;
    private final Clock clock;

    public ListInventory(InventoryRepository inventory, Clock clock) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public List<InventoryEntry> list(InventoryQuery query) {
        List<InventoryRecord> records = inventory.find(query);
        Map<String, List<BindingRecord>> bindings = inventory.bindingsOf(records.stream()
                .map(record -> record.location().arn()).collect(Collectors.toSet()));
        return records.stream()
                .map(record -> entry(record, bindings.getOrDefault(record.location().arn(), List.of()),
                        query.includeRemoved()))
                .sorted(Comparator.comparing((InventoryEntry e) -> e.daysToExpiry() == null ? Long.MIN_VALUE
                                : e.daysToExpiry())
                        .thenComparing(e -> e.record().location().arn()))
                .toList();
    }

    /** The entries of these records (present bindings only), in the order given. */
    public List<InventoryEntry> entries(List<InventoryRecord> records) {
        Map<String, List<BindingRecord>> bindings = inventory.bindingsOf(records.stream()
                .map(record -> record.location().arn()).collect(Collectors.toSet()));
        return records.stream().map(record -> entry(record, bindings.getOrDefault(record.location().arn(),
                List.of()), false)).toList();
    }

    private InventoryEntry entry(InventoryRecord record, List<BindingRecord> all, boolean includeRemoved) {
        List<BindingRecord> bindings = all.stream()
                .filter(binding -> includeRemoved || binding.isActive())
                .sorted(Comparator.comparing(BindingRecord::type).thenComparing(BindingRecord::resourceId))
                .toList();
        Long days = record.isReadable() ? record.facts().daysToExpiry(clock) : null;
        return new InventoryEntry(record, bindings, days);
    }
}
