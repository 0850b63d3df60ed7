package io.certfleet.core.rotation.swap;

/** A swap or restore that could not be made; the message names the binding and the reason. */
public class SwapException extends RuntimeException {

    private final boolean retryable;

    public SwapException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public SwapException(String message) {
        this(message, false, null);
    }

    /** Whether trying again may succeed (throttling, a concurrent change, a service error). */
    public boolean retryable() {
        return retryable;
    }
}
