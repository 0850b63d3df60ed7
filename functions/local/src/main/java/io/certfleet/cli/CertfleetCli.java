package io.certfleet.cli;

import io.certfleet.adapters.aws.AwsCallPolicy;
import io.certfleet.adapters.aws.AwsSettings;
import io.certfleet.api.Json;
import io.certfleet.core.discovery.SourceException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The {@code certfleet} command line: {@code ./certfleet COMMAND [OPTIONS]}. */
@Command(name = "certfleet",
        mixinStandardHelpOptions = true,
        versionProvider = CertfleetCli.Version.class,
        description = "Fleet scanning and auto-remediation of TLS certificates on AWS.",
        subcommands = {DemoCommand.class, ScanCommand.class, InventoryCommand.class, ProbeCommand.class,
                PolicyCommand.class, FindingsCommand.class, RotateCommand.class, RotationCommand.class, ApiCommand.class,
                DrillCommand.class, MetricsCommand.class, ReportCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  done, nothing to report", "  1  done, findings need attention",
                  "  2  bad command line", "  3  could not do the job (AWS or emulator unreachable, ...)"})
public final class CertfleetCli implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line with the given streams; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new CertfleetCli());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(CertfleetCli::usageError);
        commandLine.setExecutionExceptionHandler((exception, failed, parsed) -> {
            String message = exception instanceof SourceException source
                    ? source.operation() + " failed (" + source.reason() + "): " + oneLine(source)
                    : unreachable(exception).or(() -> noCredentials(exception))
                    .orElseGet(() -> oneLine(exception));
            failed.getErr().println("certfleet: " + message);
            printJsonError(failed, parsed.originalArgs(), "Failure", message, ExitCode.FAILURE);
            return ExitCode.FAILURE;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "no command given; try 'certfleet --help'");
    }

    /** One line: what was wrong, and where to read more. */
    private static int usageError(ParameterException exception, String[] args) {
        CommandLine failed = exception.getCommandLine();
        String command = failed.getCommandSpec().qualifiedName();
        String message = oneLine(exception) + nearestCommand(exception).map(near -> "; did you mean '"
                + failed.getCommandSpec().qualifiedName() + " " + near + "'?").orElse("");
        String hint = message.contains("--help") ? "" : " (see '" + command + " --help')";
        failed.getErr().println(command + ": " + message + hint);
        printJsonError(failed, List.of(args), "Usage", command + ": " + message, ExitCode.USAGE);
        return ExitCode.USAGE;
    }

    /** For a mistyped command ({@code certfleet scna}): the command nearest what was typed. */
    private static Optional<String> nearestCommand(ParameterException exception) {
        if (!(exception instanceof CommandLine.UnmatchedArgumentException unmatched)
                || unmatched.getUnmatched().isEmpty()
                || unmatched.getCommandLine().getSubcommands().isEmpty()) {
            return Optional.empty();
        }
        String typed = unmatched.getUnmatched().getFirst();
        return typed.startsWith("-") ? Optional.empty()
                : Suggestions.nearest(typed, unmatched.getCommandLine().getSubcommands().keySet());
    }

    /**
     * A call that never reached AWS (refused, unknown host, timed out), said with the endpoint it tried and where that
     * came from, rather than the SDK's "Unable to execute HTTP request".
     */
    static Optional<String> unreachable(Throwable exception) {
        Throwable network = exception;
        while (network != null && !(network instanceof ConnectException
                || network instanceof UnknownHostException
                || network instanceof SocketTimeoutException
                || network instanceof HttpConnectTimeoutException
                || network instanceof ApiCallTimeoutException)) {
            network = network.getCause();
        }
        if (network == null) {
            return Optional.empty();
        }
        String where;
        try {
            AwsSettings settings = AwsSettings.fromEnvironment();
            where = settings.endpoint().map(endpoint -> endpoint + " (from " + AwsSettings.ENDPOINT_VARIABLE + ")")
                    .orElse("the AWS endpoints of " + settings.region() + " (no " + AwsSettings.ENDPOINT_VARIABLE
                            + " set)");
        } catch (RuntimeException unreadable) {
            where = "the configured endpoint";
        }
        if (network instanceof ApiCallTimeoutException) {
            Duration ceiling = AwsCallPolicy.fromEnvironment(System.getenv()).callTimeout();
            return Optional.of("AWS did not answer at " + where + " within " + ceiling.toSeconds()
                    + " s, the ceiling of one call (" + AwsCallPolicy.CALL_TIMEOUT_VARIABLE + " sets it)");
        }
        return Optional.of("cannot reach AWS at " + where + ": " + network.getClass().getSimpleName()
                + (network.getMessage() == null ? "" : " (" + oneLine(network) + ")"));
    }

    /**
     * No AWS credentials anywhere the SDK looks: said in one line with what to set, rather than the SDK's list of
     * every provider it tried.
     */
    static Optional<String> noCredentials(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SdkClientException
                    && cause.getMessage() != null && cause.getMessage().startsWith("Unable to load credentials")) {
                return Optional.of("no AWS credentials found (environment, profile, container or instance role): "
                        + "set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; for the local emulator "
                        + "point " + AwsSettings.ENDPOINT_VARIABLE + " at it (eval \"$(localstack/moto.sh start)\")");
            }
        }
        return Optional.empty();
    }

    /**
     * With {@code --json}, a failure is also one JSON object on standard output, so that a script reading it gets
     * JSON either way: {@code {"error": {"code", "message", "exitCode"}}}.
     */
    private static void printJsonError(CommandLine failed, List<String> args, String code, String message,
                                       int exitCode) {
        if (!args.contains("--json")) {
            return;
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("exitCode", exitCode);
        failed.getOut().println(Json.pretty(Map.of("error", error)));
        failed.getOut().flush();
    }

    static String oneLine(Throwable throwable) {
        String message = throwable.getMessage() == null ? throwable.getClass().getSimpleName() : throwable.getMessage();
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** The version from the jar manifest (set by the build). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = CertfleetCli.class.getPackage().getImplementationVersion();
            return new String[] {"certfleet " + (version == null ? "(development build)" : version)};
        }
    }
}
