package io.certfleet.core.inventory;

import io.certfleet.core.certificate.CertificateSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the inventory holds for one account and region before a scan: the certificate records located there and
 * the bindings found there (present and removed).
 */
public record ScopeSnapshot(List<InventoryRecord> records, List<BindingRecord> bindings) {

    public ScopeSnapshot {
        records = List.copyOf(records);
        bindings = List.copyOf(bindings);
    }

    public static ScopeSnapshot empty() {
        return new ScopeSnapshot(List.of(), List.of());
    }

    /** Store version by ARN of the present, readable records of one store: what it may skip reading. */
    public Map<String, String> knownVersions(CertificateSource source) {
        Map<String, String> versions = new HashMap<>();
        for (InventoryRecord record : records) {
            if (record.isActive() && record.isReadable() && record.location().source() == source) {
                versions.put(record.location().arn(), record.storeVersion());
            }
        }
        return versions;
    }

    /** The present record at an ARN, if any. */
    public Optional<InventoryRecord> presentAt(String arn) {
        return records.stream().filter(r -> r.isActive() && r.location().arn().equals(arn)).findFirst();
    }
}
