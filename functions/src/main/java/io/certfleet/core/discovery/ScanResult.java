package io.certfleet.core.discovery;

import java.util.Objects;

/**
 * What one scan of one store did to the inventory.
 *
 * @param found     certificates the store listed
 * @param added     of those, seen for the first time at their location
 * @param malformed of those, whose body or chain could not be read (kept in the inventory with the reason)
 * @param removed   inventory records of this scope that the store no longer lists, now marked removed
 */
public record ScanResult(ScanScope scope, int found, int added, int malformed, int removed, long durationMs) {
    public ScanResult {
        Objects.requireNonNull(scope, "scope");
    }
}
