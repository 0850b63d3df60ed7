package io.certfleet.core.discovery;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.certificate.CertificateParser;
import io.certfleet.core.certificate.MalformedCertificateException;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.inventory.InventoryRepository;
import io.certfleet.core.inventory.InventoryRepository.SeenOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Use case: read every certificate of one store into the inventory.
 *
 * <p>Each listed certificate is parsed (an unreadable one is kept, with the reason, never aborts the scan) and
 * recorded as seen; records of the same scope that the store no longer lists are marked removed, not deleted.
 * Running it twice over an unchanged store changes nothing but {@code lastSeen}.
 */
public final class ScanCertificates {

    private final CertificateParser parser;
    private final InventoryRepository inventory;
    private final Clock clock;

    public ScanCertificates(CertificateParser parser, InventoryRepository inventory, Clock clock) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ScanResult scan(CertificateStore store) {
        Instant startedAt = clock.instant();
        Set<InventoryRecord.Key> seen = new HashSet<>();
        int found = 0;
        int added = 0;
        int malformed = 0;
        for (StoredCertificate stored : store.listCertificates()) {
            InventoryRecord record = readRecord(stored, startedAt);
            found++;
            if (!record.isReadable()) {
                malformed++;
            }
            if (inventory.recordSeen(record) == SeenOutcome.NEW) {
                added++;
            }
            seen.add(record.key());
        }
        int removed = markVanished(store.scope(), seen, startedAt);
        long durationMs = clock.instant().toEpochMilli() - startedAt.toEpochMilli();
        return new ScanResult(store.scope(), found, added, malformed, removed, durationMs);
    }

    private InventoryRecord readRecord(StoredCertificate stored, Instant seenAt) {
        try {
            CertificateFacts facts = parser.parse(stored.certificatePem(), stored.chainPem());
            return InventoryRecord.readable(stored.location(), facts, seenAt);
        } catch (MalformedCertificateException e) {
            return InventoryRecord.malformed(stored.location(), stored.certificatePem(), e.getMessage(), seenAt);
        }
    }

    private int markVanished(ScanScope scope, Set<InventoryRecord.Key> seen, Instant startedAt) {
        int removed = 0;
        for (InventoryRecord record : inventory.findInScope(scope)) {
            boolean vanished = record.isActive() && !seen.contains(record.key());
            if (vanished && inventory.markRemoved(record, startedAt, clock.instant())) {
                removed++;
            }
        }
        return removed;
    }
}
