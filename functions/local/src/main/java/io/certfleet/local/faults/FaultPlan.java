package io.certfleet.local.faults;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Which requests fault, and how: each request faults with probability {@code rate}, drawn from a generator seeded
 * with {@code seed} (the same seed gives the same sequence of decisions), the kind chosen evenly among
 * {@code kinds}. Thread-safe; decisions are taken in the order requests arrive.
 */
public final class FaultPlan {

    private final double rate;
    private final long seed;
    private final List<FaultKind> kinds;
    private final Random random;
    private final Map<FaultKind, Long> byKind = new EnumMap<>(FaultKind.class);
    private final Map<String, Long> byService = new TreeMap<>();
    private final Map<String, Long> requestsByService = new TreeMap<>();

    public FaultPlan(double rate, long seed, List<FaultKind> kinds) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("a fault rate is between 0 and 1, got " + rate);
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("name at least one kind of fault");
        }
        this.rate = rate;
        this.seed = seed;
        this.kinds = List.copyOf(kinds);
        this.random = new Random(seed);
    }

    /** The faults of a request that never reaches the service, each as likely, at {@code rate}. */
    public static final List<FaultKind> BEFORE_THE_SERVICE = List.of(FaultKind.SERVICE_UNAVAILABLE,
            FaultKind.INTERNAL_ERROR, FaultKind.THROTTLING, FaultKind.DROPPED_CONNECTION);

    public static FaultPlan of(double rate, long seed) {
        return new FaultPlan(rate, seed, BEFORE_THE_SERVICE);
    }

    public double rate() {
        return rate;
    }

    public long seed() {
        return seed;
    }

    /** The fault for the next request to {@code service}, or {@code null} to forward it. */
    synchronized FaultKind next(String service) {
        requestsByService.merge(service, 1L, Long::sum);
        if (random.nextDouble() >= rate) {
            return null;
        }
        FaultKind kind = kinds.get(random.nextInt(kinds.size()));
        byKind.merge(kind, 1L, Long::sum);
        byService.merge(service, 1L, Long::sum);
        return kind;
    }

    synchronized FaultCounts counts() {
        return new FaultCounts(requestsByService, byKind, byService, List.of());
    }
}
