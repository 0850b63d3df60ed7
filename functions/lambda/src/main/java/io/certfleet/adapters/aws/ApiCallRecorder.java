package io.certfleet.adapters.aws;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts AWS API calls by {@code service:Operation} (one per call), and the retries among their attempts (every
 * attempt after a call's first: throttling, 5xx, dropped connections the SDK tried again), and remembers the
 * operation each thread called last, so that a failure can name it.
 */
public final class ApiCallRecorder implements ExecutionInterceptor {

    private static final ThreadLocal<String> LAST_OPERATION = new ThreadLocal<>();
    /** Attempts so far of one call, per recorder (a call may pass through several: a work item's and the run's). */
    private static final ExecutionAttribute<Map<ApiCallRecorder, AtomicInteger>> ATTEMPTS =
            new ExecutionAttribute<>("certfleet.attempts");
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> retries = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = operationName(attributes);
        LAST_OPERATION.set(operation);
        calls.computeIfAbsent(operation, key -> new LongAdder()).increment();
        attributes.putAttributeIfAbsent(ATTEMPTS, new ConcurrentHashMap<>());
        attributes.getAttribute(ATTEMPTS).put(this, new AtomicInteger());
    }

    /** Called once per attempt: the second and later attempts of a call are its retries. */
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Map<ApiCallRecorder, AtomicInteger> perRecorder = attributes.getAttribute(ATTEMPTS);
        AtomicInteger attempts = perRecorder == null ? null : perRecorder.get(this);
        if (attempts != null && attempts.incrementAndGet() > 1) {
            retries.computeIfAbsent(operationName(attributes), key -> new LongAdder()).increment();
        }
    }

    /** {@code acm:ListCertificates}: the service name in lower case, the operation as the API spells it. */
    static String operationName(ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return (service == null ? "aws" : service.toLowerCase(Locale.ROOT)) + ":" + operation;
    }

    /** The operation the current thread called last through a recorded client, if any. */
    public static String lastOperationOnThisThread() {
        String operation = LAST_OPERATION.get();
        return operation == null ? "aws:unknown" : operation;
    }

    /** A call that failed for good (after its retries, or not retryable): counted, the caller decides the rest. */
    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        failures.computeIfAbsent(operationName(attributes), key -> new LongAdder()).increment();
    }

    /** Calls so far, sorted by operation. */
    public Map<String, Long> snapshot() {
        return sorted(calls);
    }

    /** Retried attempts so far, sorted by operation (operations never retried are absent). */
    public Map<String, Long> retries() {
        return sorted(retries);
    }

    /**
     * Calls that failed for good so far, sorted by operation: after their retries, or at once when the error is not
     * retryable (access denied, not found - some of which callers expect).
     */
    public Map<String, Long> failures() {
        return sorted(failures);
    }

    /** Calls, retried attempts and failed calls so far, all operations together. */
    public Tally tally() {
        return new Tally(total(calls), total(retries), total(failures));
    }

    private static long total(Map<String, LongAdder> counts) {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /**
     * Totals of a recorder at one moment; {@link #since} gives what happened between two moments (one Lambda
     * invocation: an instance runs one at a time).
     */
    public record Tally(long calls, long retries, long failures) {

        public Tally since(Tally earlier) {
            return new Tally(calls - earlier.calls, retries - earlier.retries, failures - earlier.failures);
        }

        @Override
        public String toString() {
            return calls + " AWS call(s), " + retries + " attempt(s) retried, " + failures + " failed";
        }
    }

    private static Map<String, Long> sorted(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((operation, count) -> copy.put(operation, count.sum()));
        return copy;
    }
}
