package io.certfleet.cli;

/** The command could not do its job for a reason the user can act on; the message says what to do. */
final class CommandFailure extends RuntimeException {
    CommandFailure(String message) {
        super(message);
    }
}
