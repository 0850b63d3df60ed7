package io.certfleet.core.probe;

import io.certfleet.core.policy.TlsPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Use case: probe many endpoints at once (a virtual thread each, at most {@code concurrency} in flight) and
 * diagnose each under the policy; results come back in the targets' order.
 */
public final class ProbeEndpoints {

    private final TlsProber prober;
    private final DiagnoseEndpoint diagnose;

    public ProbeEndpoints(TlsProber prober, DiagnoseEndpoint diagnose) {
        this.prober = Objects.requireNonNull(prober, "prober");
        this.diagnose = Objects.requireNonNull(diagnose, "diagnose");
    }

    public List<Diagnosis> probe(List<ProbeTarget> targets, TlsPolicy policy, Optional<String> expectedSha256,
                                 Duration timeout, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        ProbeSettings settings = new ProbeSettings(policy.allowedCipherSuites(), timeout, timeout);
        Semaphore permits = new Semaphore(concurrency);
        List<Future<Diagnosis>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ProbeTarget target : targets) {
                futures.add(threads.submit(() -> {
                    permits.acquire();
                    try {
                        return diagnose.diagnose(prober.observe(target, settings), policy, expectedSha256);
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        List<Diagnosis> diagnoses = new ArrayList<>();
        for (Future<Diagnosis> future : futures) {
            try {
                diagnoses.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while probing", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("probing failed unexpectedly: " + e.getCause(), e.getCause());
            }
        }
        return diagnoses;
    }
}
