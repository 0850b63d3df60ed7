package io.certfleet.handlers.events;

/** An event a handler cannot take; the message says what is wrong with it. Nothing was changed. */
public final class InvalidEventException extends RuntimeException {
    public InvalidEventException(String reason) {
        super(reason);
    }

    public InvalidEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
