package io.certfleet.testing;

import io.certfleet.core.alerting.AlertLedger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** A ledger behind the port for unit tests (the DynamoDB one is tested against moto). */
public final class InMemoryAlertLedger implements AlertLedger {

    private final Map<String, Long> last = new HashMap<>();

    @Override
    public synchronized boolean claim(String certificateId, String subject, long threshold, Instant at) {
        Long previous = last.get(certificateId + "@" + subject);
        if (previous != null && previous <= threshold) {
            return false;
        }
        last.put(certificateId + "@" + subject, threshold);
        return true;
    }

    @Override
    public synchronized void release(String certificateId, String subject, long threshold) {
        last.remove(certificateId + "@" + subject, threshold);
    }
}
