package io.certfleet.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an Amazon States Language definition in {@code aws-local-stepfunctions} through
 * {@code localstack/run-state-machine.mjs} (on the Node 22 that {@code localstack/package.json} pins), with Lambda
 * task invocations sent to a local endpoint (e.g. a {@link LocalLambdaRuntime}).
 */
public final class LocalStateMachine {

    private final Path localstack;

    /** @param localstack the repository's {@code localstack} folder, with its Node tools installed */
    public LocalStateMachine(Path localstack) {
        this.localstack = localstack;
    }

    /** One execution: the runner's exit code (0 succeeded, 2 failed), the output JSON and the log. */
    public record Execution(int exitCode, String output, String log) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /**
     * @param retryOverrides state name to retry pause in milliseconds (so tests need not wait for backoff)
     */
    public Execution run(Path definition, String input, URI lambdaEndpoint, Map<String, Integer> retryOverrides,
                         Duration timeout) throws IOException, InterruptedException {
        return run(definition, input, lambdaEndpoint, retryOverrides, Map.of(), timeout);
    }

    /**
     * @param retryOverrides state name to retry pause in milliseconds (so tests need not wait for backoff)
     * @param waitOverrides  Wait state name to its wait in milliseconds (so tests need not wait for tomorrow)
     */
    public Execution run(Path definition, String input, URI lambdaEndpoint, Map<String, Integer> retryOverrides,
                         Map<String, Integer> waitOverrides, Duration timeout)
            throws IOException, InterruptedException {
        Path node = localstack.resolve(Path.of("node_modules", ".bin", "node"));
        Path runner = localstack.resolve("run-state-machine.mjs");
        if (!Files.isExecutable(node) || !Files.exists(runner)) {
            throw new IllegalStateException("the local Step Functions runner is not installed under " + localstack
                    + ": run npm ci --prefix localstack");
        }
        List<String> command = new ArrayList<>(List.of(node.toString(), runner.toString(), definition.toString()));
        retryOverrides.forEach((state, millis) -> command.addAll(List.of("--retry", state + ":" + millis)));
        waitOverrides.forEach((state, millis) -> command.addAll(List.of("--wait", state + ":" + millis)));
        Path output = Files.createTempFile("sfn-output", ".json");
        Path log = Files.createTempFile("sfn-log", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(log.toFile());
        builder.environment().putAll(Map.of(
                "AWS_ENDPOINT_URL_LAMBDA", lambdaEndpoint.toString(),
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "testing",
                "AWS_SECRET_ACCESS_KEY", "testing"));
        Process process = builder.start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8)); // the runner reads its input until end of stream
        }
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        Execution execution = new Execution(finished ? process.exitValue() : -1,
                Files.readString(output, StandardCharsets.UTF_8), Files.readString(log, StandardCharsets.UTF_8));
        Files.deleteIfExists(output);
        Files.deleteIfExists(log);
        if (!finished) {
            throw new IllegalStateException("the state machine did not finish within " + timeout + "; its log:\n"
                    + execution.log());
        }
        return execution;
    }
}
