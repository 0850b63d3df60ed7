package io.certfleet.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.certfleet.wiring.Wiring;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every certfleet Lambda handler does around its own work: after each invocation, failed or not, one log line
 * with the AWS calls it made and how many of their attempts were retried (throttling, 5xx, dropped connections), so
 * that a run that rode out faults says so ({@code AWS calls of this invocation: 12 AWS call(s), 3 attempt(s)
 * retried, 0 failed}). Counted by the wiring's AWS clients ({@link Wiring#awsCallsFromNow()}); a Lambda instance
 * runs one invocation at a time, so the difference of two readings is this invocation's.
 */
public abstract class CertfleetHandler implements RequestStreamHandler {

    static final String AWS_CALLS = "AWS calls of this invocation: ";

    protected final Wiring wiring;

    protected CertfleetHandler(Wiring wiring) {
        this.wiring = Objects.requireNonNull(wiring, "wiring");
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) {
        Supplier<Optional<String>> awsCalls = wiring.awsCallsFromNow();
        try {
            handle(input, output, context);
        } finally {
            awsCalls.get().ifPresent(calls -> context.getLogger().log(AWS_CALLS + calls));
        }
    }

    /** The handler's own work: parse the event, call one use case, write the result. */
    protected abstract void handle(InputStream input, OutputStream output, Context context);
}
