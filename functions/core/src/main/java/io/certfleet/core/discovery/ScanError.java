package io.certfleet.core.discovery;

import java.util.Arrays;
import java.util.Objects;

/**
 * One thing a scan could not read: which account, region and source, why, and the service's message.
 *
 * @param source    the store or endpoint source ({@code acm}, {@code elbv2}, ...), or {@code account} when the
 *                  account could not be entered at all
 * @param operation the failed call, e.g. {@code acm:ListCertificates}
 */
public record ScanError(String accountId, String region, String source, String operation, FailureReason reason,
                        String message) {
    public ScanError {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(reason, "reason");
        message = message == null ? "" : message;
    }

    static ScanError of(ScanScope scope, String source, RuntimeException failure) {
        if (failure instanceof SourceException known) {
            return new ScanError(scope.accountId(), scope.region(), source, known.operation(), known.reason(),
                    known.getMessage());
        }
        return new ScanError(scope.accountId(), scope.region(), source, source, FailureReason.ERROR,
                describeUnexpected(failure));
    }

    /**
     * {@code NullPointerException: message (at Class.method(File.java:42))}, naming certfleet's own frame nearest the
     * failure (else the first): enough to find an unexpected bug from the scan report alone.
     */
    public static String describeUnexpected(Throwable failure) {
        StackTraceElement[] frames = failure.getStackTrace();
        StackTraceElement where = Arrays.stream(frames)
                .filter(frame -> frame.getClassName().startsWith("io.certfleet."))
                .findFirst()
                .orElse(frames.length == 0 ? null : frames[0]);
        return failure.getClass().getSimpleName() + ": " + failure.getMessage()
                + (where == null ? "" : " (at " + where + ")");
    }
}
