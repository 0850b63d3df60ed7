package io.certfleet.adapters.aws.dynamodb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Reads many small partitions (one certificate's bindings, one binding's probe) with a few queries in flight at once:
 * a page of a listing costs about one round trip per {@value #IN_FLIGHT} certificates, not one per certificate, and
 * never a scan of the table. Up to {@value #QUERIES_MAX} partitions; beyond, a scan of the item type is cheaper.
 */
final class PartitionReads {

    /** Queries in flight at once (well under the HTTP client's connection pool). */
    static final int IN_FLIGHT = 16;
    /** Above this many partitions, callers scan instead. */
    static final int QUERIES_MAX = 1000;

    private PartitionReads() {
    }

    /** {@code read} applied to every key, concurrently; the first failure is thrown as it was. */
    static <K, V> Map<K, V> each(Collection<K> keys, Function<K, V> read) {
        Map<K, V> results = new ConcurrentHashMap<>();
        if (keys.size() <= 1) {
            keys.forEach(key -> results.put(key, read.apply(key)));
            return results;
        }
        Semaphore slots = new Semaphore(IN_FLIGHT);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (K key : keys) {
                futures.add(executor.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        results.put(key, read.apply(key));
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    futures.forEach(other -> other.cancel(true));
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading the inventory", e);
                }
            }
        }
        return results;
    }
}
