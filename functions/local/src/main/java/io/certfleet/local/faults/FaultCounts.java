package io.certfleet.local.faults;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a fault-injecting proxy did: requests it saw (the emulator's own API not counted) by service (its signing
 * name), faults it injected by kind and by service; each map sorted, so that printing it reads the same every time.
 * {@code unplanned}: requests that failed although no fault was planned for them, each as {@code METHOD service: what
 * happened}: the emulator could not be reached or the client went away (the client saw a dropped connection), or
 * the emulator answered with an error of its own (5xx, 429); a client may send such a request again.
 */
public record FaultCounts(Map<String, Long> requestsByService, Map<FaultKind, Long> byKind,
                          Map<String, Long> byService, List<String> unplanned) {

    public FaultCounts {
        requestsByService = Collections.unmodifiableMap(new TreeMap<>(requestsByService));
        byKind = Collections.unmodifiableMap(byKind.isEmpty() ? Map.of() : new EnumMap<>(byKind));
        byService = Collections.unmodifiableMap(new TreeMap<>(byService));
        unplanned = List.copyOf(unplanned);
    }

    FaultCounts withUnplanned(List<String> failures) {
        return new FaultCounts(requestsByService, byKind, byService, failures);
    }

    public long requests() {
        return requestsByService.values().stream().mapToLong(Long::longValue).sum();
    }

    public long faults() {
        return byKind.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Share of requests faulted, 0 to 1. */
    public double rate() {
        long requests = requests();
        return requests == 0 ? 0 : (double) faults() / requests;
    }
}
