package io.certfleet.core.discovery;

import java.util.Objects;

/** A source (or the account as a whole) could not be read; carries why, in terms the core understands. */
public final class SourceException extends RuntimeException {

    private final FailureReason reason;
    private final String operation;

    /**
     * @param operation the failed call, e.g. {@code acm:ListCertificates} or {@code sts:AssumeRole}
     */
    public SourceException(FailureReason reason, String operation, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.operation = Objects.requireNonNull(operation, "operation");
    }

    public FailureReason reason() {
        return reason;
    }

    public String operation() {
        return operation;
    }
}
