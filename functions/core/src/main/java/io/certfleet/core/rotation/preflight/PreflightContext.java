package io.certfleet.core.rotation.preflight;

import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.policy.TlsPolicy;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What a preflight judges: the certificate being replaced, its replacement (both as the inventory reads them), the
 * profile the endpoints are held to, the time, and which issuers are trusted roots (a complete chain ends at one).
 */
public record PreflightContext(InventoryRecord old, InventoryRecord replacement, TlsPolicy policy, Clock clock,
                               Predicate<String> isTrustedRoot) {

    public PreflightContext {
        Objects.requireNonNull(old, "old");
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(isTrustedRoot, "isTrustedRoot");
        if (old.facts() == null || replacement.facts() == null) {
            throw new IllegalArgumentException("a preflight needs both certificates readable");
        }
    }
}
