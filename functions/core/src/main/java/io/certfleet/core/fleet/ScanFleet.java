package io.certfleet.core.fleet;

import io.certfleet.core.discovery.FailureReason;
import io.certfleet.core.discovery.ScanAccountRegion;
import io.certfleet.core.discovery.ScanError;
import io.certfleet.core.discovery.ScanSources;
import io.certfleet.core.discovery.SourceException;
import io.certfleet.core.discovery.SourceFactory;
import io.certfleet.core.discovery.WorkItem;
import io.certfleet.core.discovery.WorkResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Use case: run a scan plan, account-regions in parallel (quotas are per account and region, so items do not
 * compete for them). An item that fails — its account cannot be entered, or it breaks unexpectedly — is recorded
 * with its error and never fails the scan.
 */
public final class ScanFleet {

    private final SourceFactory sources;
    private final ScanAccountRegion scan;
    private final Clock clock;

    public ScanFleet(SourceFactory sources, ScanAccountRegion scan, Clock clock) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.scan = Objects.requireNonNull(scan, "scan");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Scans every item of the plan, at most {@code concurrency} at a time. */
    public FleetScanResult run(ScanPlan plan, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        Instant startedAt = clock.instant();
        Semaphore permits = new Semaphore(concurrency);
        List<Future<WorkResult>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (WorkItem item : plan.items()) {
                futures.add(threads.submit(() -> {
                    permits.acquire();
                    try {
                        return scanOne(item);
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        List<WorkResult> results = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            results.add(await(futures.get(i), plan.items().get(i)));
        }
        return FleetScanResult.of(plan, results, clock.instant().toEpochMilli() - startedAt.toEpochMilli());
    }

    /** Scans one item; whatever goes wrong becomes the item's error. */
    public WorkResult scanOne(WorkItem item) {
        Instant startedAt = clock.instant();
        ScanSources opened;
        try {
            opened = sources.open(item);
        } catch (RuntimeException failure) {
            return failedItem(item, failure, Map.of(), Map.of(), startedAt);
        }
        try (ScanSources itemSources = opened) {
            return scan.scan(item, itemSources);
        } catch (RuntimeException failure) {
            return failedItem(item, failure, opened.apiCalls(), opened.apiRetries(), startedAt);
        }
    }

    private WorkResult failedItem(WorkItem item, RuntimeException failure, Map<String, Long> apiCalls,
                                  Map<String, Long> apiRetries, Instant startedAt) {
        ScanError error = failure instanceof SourceException known
                ? new ScanError(item.scope().accountId(), item.scope().region(), "account", known.operation(),
                        known.reason(), known.getMessage())
                : new ScanError(item.scope().accountId(), item.scope().region(), "account", "scan",
                        FailureReason.ERROR, ScanError.describeUnexpected(failure));
        return WorkResult.failed(item, error, apiCalls, apiRetries, clock.instant().toEpochMilli() - startedAt.toEpochMilli());
    }

    private static WorkResult await(Future<WorkResult> future, WorkItem item) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scanning " + item.scope(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("scan of " + item.scope() + " failed unexpectedly", e.getCause());
        }
    }
}
