package io.certfleet.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the built CLI jar ({@code java -jar functions/local/target/certfleet.jar ...}) as a user would. */
public final class CliProcess {

    public static final Path JAR = FunctionsModules.dir().resolve("local/target/certfleet.jar").normalize();

    private CliProcess() {
    }

    /** What a run printed and returned. */
    public record Result(int exitCode, String out, String err) {
    }

    /**
     * Starts a long-running command ({@code api serve}); its standard output is read line by line, standard error
     * goes to this process's. The caller destroys it.
     */
    public static Process start(Map<String, String> environment, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(args)).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().remove("AWS_ENDPOINT_URL");
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** {@code java -jar certfleet.jar ARGS}, with this JVM's java. */
    private static List<String> command(String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    public static Result run(Map<String, String> environment, String... args) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: integration tests run after"
                    + " 'package' (./mvnw verify builds it)");
        }
        List<String> command = command(args);
        try {
            Path out = Files.createTempFile("certfleet-out", ".txt");
            Path err = Files.createTempFile("certfleet-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().remove("AWS_ENDPOINT_URL");
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("certfleet " + String.join(" ", args) + " did not end in 120 s");
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the CLI: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
