package io.certfleet.local.faults;

import java.util.Map;

/**
 * What a fault-injecting proxy did: requests it saw (the emulator's own API not counted) in all and by service
 * (its signing name), faults it injected by kind and by service.
 */
public record FaultCounts(long requests, Map<String, Long> requestsByService, Map<FaultKind, Long> byKind,
                          Map<String, Long> byService) {

    public FaultCounts {
        requestsByService = Map.copyOf(requestsByService);
        byKind = Map.copyOf(byKind);
        byService = Map.copyOf(byService);
    }

    public long faults() {
        return byKind.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Share of requests faulted, 0 to 1. */
    public double rate() {
        return requests == 0 ? 0 : (double) faults() / requests;
    }
}
