package io.certfleet.core.inventory;

import java.util.List;
import java.util.Objects;

/**
 * A certificate record with the endpoints that serve it, as the inventory lists it.
 *
 * @param daysToExpiry whole days to expiry at listing time; {@code null} when the certificate is unreadable
 */
public record InventoryEntry(InventoryRecord record, List<BindingRecord> bindings, Long daysToExpiry) {
    public InventoryEntry {
        Objects.requireNonNull(record, "record");
        bindings = List.copyOf(bindings);
    }
}
