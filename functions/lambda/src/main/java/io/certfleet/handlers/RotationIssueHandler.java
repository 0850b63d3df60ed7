package io.certfleet.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import io.certfleet.core.rotation.IssueReplacement;
import io.certfleet.handlers.events.EventJson;
import io.certfleet.handlers.events.RotationRequests;
import io.certfleet.wiring.Wiring;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** The rotation workflow's issue step: finds (or issues) the replacement and runs its preflight. */
public final class RotationIssueHandler extends CertfleetHandler {

    public RotationIssueHandler() {
        this(Wiring.forLambda());
    }

    /** With the caller's wiring: tests, and `certfleet rotate`, which runs the workflow in-process. */
    public RotationIssueHandler(Wiring wiring) {
        super(wiring);
    }

    @Override
    protected void handle(InputStream input, OutputStream output, Context context) {
        RotationRequests.Step step = RotationRequests.readStep(input);
        IssueReplacement.Outcome outcome = wiring.rotation().issueReplacement().issue(step.rotationId());
        EventJson.write(output, Map.of("ready", outcome.ready(), "pending", outcome.pending(),
                "problems", outcome.problems(), "cause", outcome.pending() ? outcome.waiting()
                        : String.join("; ", outcome.problems())));
    }
}
