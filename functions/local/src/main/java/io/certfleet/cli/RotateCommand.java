package io.certfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.tls.ConnectTo;
import io.certfleet.api.Json;
import io.certfleet.api.RotationJson;
import io.certfleet.core.policy.rotation.IssuerChoice;
import io.certfleet.core.policy.rotation.WaveSize;
import io.certfleet.core.rotation.Rotation;
import io.certfleet.core.rotation.RotationBinding;
import io.certfleet.core.rotation.RotationStatus;
import io.certfleet.local.LocalRotation;
import io.certfleet.wiring.RotationWiring;
import io.certfleet.wiring.Wiring;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code certfleet rotate}: replaces a certificate everywhere it is served, wave by wave, each swap proven by a
 * canary handshake and rolled back when it fails: the rotation workflow CDK deploys, run on this machine (its
 * synthesized definition in the local Step Functions runner, the real handlers in this process) against the AWS of
 * the environment.
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = {"Rotates a certificate in waves: swap, prove with a canary handshake, roll back on failure.",
                "Runs the deployed rotation workflow on this machine against the AWS of the environment "
                        + "(AWS_ENDPOINT_URL).",
                "Exit 0 succeeded (or planned, with --dry-run); 1 rolled back, failed, rejected, or waiting for an "
                        + "approval or a change window (then: certfleet rotate --resume ID); 2 usage; 3 could not "
                        + "start (lock held, breaker open, AWS unreachable)."})
final class RotateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InventoryOptions inventory;

    @Mixin
    CanaryNetworkOptions canaries;

    @Option(names = "--certificate", paramLabel = "ARN|SHA256",
            description = "The certificate: an ACM or IAM ARN of any of its locations, or its SHA-256.")
    String certificate;

    @Option(names = "--resume", paramLabel = "ID",
            description = "Goes on with a rotation that ended waiting (for an approval, or a change window).")
    String resume;

    @Option(names = "--to", paramLabel = "ARN", description = "A replacement already imported into ACM.")
    String to;

    @Option(names = "--issuer", paramLabel = "ISSUER",
            description = "Where the replacement comes from instead of the profile's issuer: provided, acm-public, "
                    + "acm-private:CA_ARN.")
    String issuer;

    @Option(names = "--waves", paramLabel = "1,50%,100%", split = ",",
            description = "The rollout instead of the profile's: bindings covered after each wave.")
    List<String> waves;

    @Option(names = "--bake-seconds", paramLabel = "N", description = "How long each canary watches (0-86400).")
    Integer bakeSeconds;

    @Option(names = "--canary-checks", paramLabel = "N", description = "Canary probes per binding (1-100).")
    Integer canaryChecks;

    @Option(names = "--requested-by", paramLabel = "NAME", description = "Who asks (default: $USER).")
    String requestedBy;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the record and the events.")
    String reason;

    @Option(names = "--dry-run", description = "Print the plan and change nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> input = input();
        List<ConnectTo> rules = canaries.rules(spec);
        try (AwsClients aws = AwsClients.fromEnvironment()) {
            Wiring wiring = canaries.wiring(aws, inventory, rules);
            LocalRotation.Run run = new LocalRotation(LocalRotation.localstackFolder()).run(wiring,
                    Json.compact(input), Duration.ofHours(2));
            if (!run.execution().succeeded()) {
                throw new CommandFailure("the rotation workflow failed: " + run.execution().log().strip());
            }
            JsonNode output = Json.MAPPER.readTree(run.execution().output());
            RotationWiring rotation = wiring.rotation();
            Rotation done = rotation.rotations().load(output.path("rotationId").asText());
            List<RotationBinding> bindings = rotation.rotations().bindings(done.rotationId());
            PrintWriter out = spec.commandLine().getOut();
            if (inventory.json) {
                out.println(Json.pretty(RotationJson.rotation(done, bindings)));
            } else {
                RotationView.print(out, done, bindings);
            }
            return exitCode(done.status());
        }
    }

    static int exitCode(RotationStatus status) {
        return switch (status) {
            case SUCCEEDED, PLANNED -> ExitCode.OK;
            case REFUSED -> ExitCode.FAILURE;
            default -> ExitCode.FINDINGS;
        };
    }

    private Map<String, Object> input() {
        Map<String, Object> input = new LinkedHashMap<>();
        if ((certificate == null) == (resume == null)) {
            throw new ParameterException(spec.commandLine(), "name the certificate (--certificate ARN|SHA256) or the "
                    + "rotation to go on with (--resume ID), one of the two");
        }
        if (resume != null) {
            input.put("rotationId", resume);
            input.put("resume", true);
        } else {
            input.put("certificate", certificate);
        }
        if (to != null) {
            if (issuer != null) {
                throw new ParameterException(spec.commandLine(), "--to and --issuer exclude each other: --to is the "
                        + "replacement itself");
            }
            input.put("to", to);
        }
        if (issuer != null) {
            try {
                input.put("issuer", IssuerChoice.parse(issuer).toString());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--issuer " + e.getMessage());
            }
        }
        if (waves != null) {
            try {
                input.put("waves", WaveSize.parse(waves).stream().map(WaveSize::toString).toList());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
            }
        }
        if (bakeSeconds != null) {
            if (bakeSeconds < 0 || bakeSeconds > 86_400) {
                throw new ParameterException(spec.commandLine(), "--bake-seconds must be 0-86400, got " + bakeSeconds);
            }
            input.put("bakeSeconds", bakeSeconds);
        }
        if (canaryChecks != null) {
            if (canaryChecks < 1 || canaryChecks > 100) {
                throw new ParameterException(spec.commandLine(), "--canary-checks must be 1-100, got "
                        + canaryChecks);
            }
            input.put("canaryChecks", canaryChecks);
        }
        String user = System.getenv().getOrDefault("USER", "certfleet-cli");
        input.put("requestedBy", requestedBy != null ? requestedBy : user);
        if (reason != null) {
            input.put("reason", reason);
        }
        input.put("dryRun", dryRun);
        input.put("detach", true);
        return input;
    }

    /** The words a status is printed with. */
    static String describe(RotationStatus status) {
        return Arrays.stream(status.name().split("_")).map(String::toLowerCase).reduce((a, b) -> a + " " + b)
                .orElse("");
    }
}
