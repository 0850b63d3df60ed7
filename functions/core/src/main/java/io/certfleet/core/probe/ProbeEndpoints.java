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

    /** Probes every target under one policy (and, if given, one expected leaf fingerprint for all). */
    public List<Diagnosis> probe(List<ProbeTarget> targets, TlsPolicy policy, Optional<String> expectedSha256,
                                 Duration timeout, int concurrency) {
        return probeEach(targets.stream().map(target -> new Request(target, policy, expectedSha256)).toList(),
                timeout, concurrency);
    }

    /** Probes each request under its own policy and expectation; results in the requests' order. */
    public List<Diagnosis> probeEach(List<Request> requests, Duration timeout, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        Semaphore permits = new Semaphore(concurrency);
        List<Future<Diagnosis>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Request request : requests) {
                ProbeSettings settings = new ProbeSettings(request.policy().allowedCipherSuites(), timeout, timeout);
                futures.add(threads.submit(() -> {
                    permits.acquire();
                    try {
                        return diagnose.diagnose(prober.observe(request.target(), settings), request.policy(),
                                request.expectedSha256());
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

    /** One endpoint to probe, the policy to judge it by, and the leaf fingerprint it must serve (if known). */
    public record Request(ProbeTarget target, TlsPolicy policy, Optional<String> expectedSha256) {
        public Request {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(expectedSha256, "expectedSha256");
        }
    }
}
