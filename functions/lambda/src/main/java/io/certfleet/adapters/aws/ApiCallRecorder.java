package io.certfleet.adapters.aws;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts AWS API calls by {@code service:Operation} (one per call, retries not counted), and remembers the
 * operation each thread called last, so that a failure can name it.
 */
public final class ApiCallRecorder implements ExecutionInterceptor {

    private static final ThreadLocal<String> LAST_OPERATION = new ThreadLocal<>();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = operationName(attributes);
        LAST_OPERATION.set(operation);
        calls.computeIfAbsent(operation, key -> new LongAdder()).increment();
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

    /** Calls so far, sorted by operation. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        calls.forEach((operation, count) -> copy.put(operation, count.sum()));
        return copy;
    }
}
