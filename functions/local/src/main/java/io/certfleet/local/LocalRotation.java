package io.certfleet.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.certfleet.handlers.RotationCanaryHandler;
import io.certfleet.handlers.RotationFinishHandler;
import io.certfleet.handlers.RotationIssueHandler;
import io.certfleet.handlers.RotationStartHandler;
import io.certfleet.handlers.RotationSwapHandler;
import io.certfleet.wiring.Wiring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the rotation workflow on this machine: the definition CDK synthesizes (kept in
 * {@code localstack/rotation-workflow.asl.json}, equal to the synthesized one by test) in the local Step Functions
 * runner, every step served in this process by the real handlers with the caller's wiring, against whatever AWS the
 * wiring talks to.
 */
public final class LocalRotation {

    /** The definition's functions are named after their handler classes. */
    static final String DEFINITION = "rotation-workflow.asl.json";

    private final Path localstack;

    /** @param localstack the repository's {@code localstack} folder, with its Node tools installed */
    public LocalRotation(Path localstack) {
        this.localstack = localstack;
    }

    /** One run: the workflow's output ({@code rotationId}, {@code status}, {@code reason}) and the steps' log. */
    public record Run(LocalStateMachine.Execution execution, List<String> stepLog) {
    }

    public Run run(Wiring wiring, String input, Duration timeout) throws IOException, InterruptedException {
        Path definition = localstack.resolve(DEFINITION);
        if (!Files.isRegularFile(definition)) {
            throw new IllegalStateException("no rotation workflow definition at " + definition);
        }
        Map<String, RequestStreamHandler> handlers = Map.of(
                "RotationStartHandler", new RotationStartHandler(wiring),
                "RotationIssueHandler", new RotationIssueHandler(wiring),
                "RotationSwapHandler", new RotationSwapHandler(wiring),
                "RotationCanaryHandler", new RotationCanaryHandler(wiring),
                "RotationFinishHandler", new RotationFinishHandler(wiring));
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        try (LocalLambdaRuntime runtime = LocalLambdaRuntime.startWith(handlers, log::add)) {
            LocalStateMachine.Execution execution = new LocalStateMachine(localstack).run(definition, input,
                    runtime.endpoint(), Map.of(), timeout);
            return new Run(execution, List.copyOf(log));
        }
    }

    /** The repository's {@code localstack} folder: {@code CERTFLEET_HOME}'s, else the one beside this jar's build. */
    public static Path localstackFolder() {
        String home = System.getenv("CERTFLEET_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home, "localstack");
        }
        try {
            Path jar = Path.of(LocalRotation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // functions/local/target/certfleet.jar (or .../target/classes) -> the repository root
            return jar.getParent().getParent().getParent().getParent().resolve("localstack");
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
