package io.certfleet.core.policy.checks;

import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.policy.TlsPolicy;
import java.time.Clock;

/** A stored certificate and the profile it is judged under. */
public record CertificateContext(InventoryRecord record, TlsPolicy policy, Clock clock) {
}
