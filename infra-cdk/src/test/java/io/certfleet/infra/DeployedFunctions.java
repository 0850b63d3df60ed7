package io.certfleet.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.local.LocalLambdaRuntime;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awscdk.assertions.Template;

/**
 * The deployed jar, exactly as ProGuard shrank it, serving Lambda invocations: a {@link LocalLambdaRuntime} in its
 * own JVM (the jar's classes first; only the runtime's two classes come from the local module), with the
 * environment the caller gives it, its output in a log under {@code target/}.
 */
final class DeployedFunctions implements AutoCloseable {

    static final Path JAR = CertfleetStack.Settings.DEFAULT_LAMBDA_JAR;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process runtime;
    private final URI endpoint;
    private final Path log;

    private DeployedFunctions(Process runtime, URI endpoint, Path log) {
        this.runtime = runtime;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** @param handlers handler by function name ({@code Class::handleRequest}) */
    static DeployedFunctions start(Map<String, String> handlers, Map<String, String> environment, Path log)
            throws Exception {
        Path portFile = Files.createTempFile("lambda-runtime", ".port");
        Files.delete(portFile);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", classpath(), LocalLambdaRuntime.class.getName(), "--port-file", portFile.toString()));
        handlers.forEach((function, handler) -> command.addAll(List.of("--function", function + "=" + handler)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process runtime = builder.start();
        try {
            return new DeployedFunctions(runtime, URI.create("http://127.0.0.1:" + awaitPort(runtime, portFile)),
                    log);
        } catch (Exception e) {
            runtime.destroy();
            throw e;
        }
    }

    URI endpoint() {
        return endpoint;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        runtime.destroy();
        runtime.waitFor(10, TimeUnit.SECONDS);
    }

    /** The deployed jar first (its classes win), then the local module, which holds the runtime only it lacks. */
    static String classpath() {
        try {
            Path local = Path.of(LocalLambdaRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return JAR.toAbsolutePath() + File.pathSeparator + local;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Handler by function (logical id), as the template declares them, of the functions whose id starts so. */
    static Map<String, String> handlers(Template template, String logicalIdPrefix) {
        Map<String, String> handlers = new HashMap<>();
        template.findResources("AWS::Lambda::Function").forEach((logicalId, body) -> {
            if (logicalId.startsWith(logicalIdPrefix)) {
                handlers.put(logicalId, JSON.valueToTree(body).path("Properties").path("Handler").asText());
            }
        });
        return handlers;
    }

    /** The literal environment variables the template gives a function (references left out). */
    static Map<String, String> literalEnvironment(Template template, String functionPrefix) {
        JsonNode function = SynthesizedTemplates.resource(template, "AWS::Lambda::Function", functionPrefix)
                .getValue();
        Map<String, String> environment = new HashMap<>();
        function.path("Properties").path("Environment").path("Variables").fields().forEachRemaining(variable -> {
            if (variable.getValue().isTextual()) {
                environment.put(variable.getKey(), variable.getValue().asText());
            }
        });
        return environment;
    }

    /** The port the runtime wrote to its port file (waits up to 30 s). */
    private static int awaitPort(Process runtime, Path portFile) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.exists(portFile) && !Files.readString(portFile).isBlank()) {
                return Integer.parseInt(Files.readString(portFile).strip());
            }
            if (!runtime.isAlive()) {
                throw new IllegalStateException("the local Lambda runtime exited: see its log under target/");
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the local Lambda runtime did not start within 30 s");
    }
}
