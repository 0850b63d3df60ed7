package io.certfleet.cli;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.api.Json;
import io.certfleet.api.RotationJson;
import io.certfleet.core.rotation.CircuitBreaker;
import io.certfleet.core.rotation.RequestRollback;
import io.certfleet.core.rotation.Rotation;
import io.certfleet.wiring.RotationWiring;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code certfleet rotation list|show|rollback|breaker}: rotations as the inventory records them. */
@Command(name = "rotation", mixinStandardHelpOptions = true,
        description = "Reads and steers rotations (see 'certfleet rotate' to start one).",
        subcommands = {RotationCommand.ListRotations.class, RotationCommand.Show.class, RotationCommand.Approve.class,
                RotationCommand.Reject.class, RotationCommand.Rollback.class, RotationCommand.Breaker.class})
final class RotationCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "no subcommand given; try 'certfleet rotation list'");
    }

    private static String user() {
        return System.getenv().getOrDefault("USER", "certfleet-cli");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Rotations, newest first.")
    static final class ListRotations implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        InventoryOptions inventory;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N (default 50).")
        int limit;

        @Override
        public Integer call() {
            if (limit < 1 || limit > 1000) {
                throw new ParameterException(spec.commandLine(), "--limit must be 1-1000, got " + limit);
            }
            try (AwsClients aws = AwsClients.fromEnvironment()) {
                RotationWiring rotation = inventory.readingWiring(aws).rotation();
                List<Rotation> rotations = rotation.rotations().list(limit);
                PrintWriter out = spec.commandLine().getOut();
                if (inventory.json) {
                    out.println(Json.pretty(rotations.stream().map(found -> RotationJson.rotation(found,
                            rotation.rotations().bindings(found.rotationId()))).toList()));
                } else {
                    TextTable table = new TextTable("ROTATION", "STATUS", "CERTIFICATE", "OWNER", "REQUESTED BY",
                            "STARTED");
                    rotations.forEach(found -> table.row(found.rotationId(), found.status().name(),
                            String.valueOf(found.subject()), String.valueOf(found.owner()),
                            String.valueOf(found.requestedBy()), found.startedAt().toString().substring(0, 19)));
                    table.print(out);
                }
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One rotation, binding by binding.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        InventoryOptions inventory;

        @Parameters(paramLabel = "ID", description = "The rotation's id (certfleet rotation list).")
        String rotationId;

        @Override
        public Integer call() {
            try (AwsClients aws = AwsClients.fromEnvironment()) {
                RotationWiring rotation = inventory.readingWiring(aws).rotation();
                Rotation found = rotation.rotations().find(rotationId)
                        .orElseThrow(() -> new CommandFailure("no rotation " + rotationId
                                + " (certfleet rotation list shows them)"));
                PrintWriter out = spec.commandLine().getOut();
                if (inventory.json) {
                    out.println(Json.pretty(RotationJson.rotation(found, rotation.rotations().bindings(rotationId))));
                } else {
                    RotationView.print(out, found, rotation.rotations().bindings(rotationId));
                }
                return RotateCommand.exitCode(found.status());
            }
        }
    }

    /** What approving and rejecting share: the rotation, who decides, and recording it. */
    abstract static class Decide implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        InventoryOptions inventory;

        @Parameters(paramLabel = "ID", description = "The rotation's id.")
        String rotationId;

        @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who decides.")
        String by;

        abstract boolean approve();

        String reason() {
            return null;
        }

        @Override
        public Integer call() {
            try (AwsClients aws = AwsClients.fromEnvironment()) {
                var outcome = inventory.readingWiring(aws).rotation().approveRotation().decide(rotationId, approve(),
                        by, reason());
                (outcome.recorded() ? spec.commandLine().getOut() : spec.commandLine().getErr())
                        .println((outcome.recorded() ? "" : "certfleet: ") + outcome.message());
                return outcome.recorded() ? ExitCode.OK : ExitCode.FINDINGS;
            }
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = {"Approves a rotation waiting for an approval (mode approve). Not its requester; among the "
                    + "profile's approvers or the owner when the profile names approvers.",
                    "The deployed workflow goes on by itself; a local one: certfleet rotate --resume ID."})
    static final class Approve extends Decide {
        @Override
        boolean approve() {
            return true;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = "Rejects a rotation waiting for an approval: it ends, nothing swapped.")
    static final class Reject extends Decide {
        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (recorded, told to the owner).")
        String reason;

        @Override
        boolean approve() {
            return false;
        }

        @Override
        String reason() {
            return reason;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Stops a running rotation: at its next canary verdict it puts back every binding it swapped.")
    static final class Rollback implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        InventoryOptions inventory;

        @Parameters(paramLabel = "ID", description = "The rotation's id.")
        String rotationId;

        @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "asked for on the command line",
                description = "Why (recorded, and in the RolledBack event).")
        String reason;

        @Override
        public Integer call() {
            try (AwsClients aws = AwsClients.fromEnvironment()) {
                RequestRollback.Outcome outcome = inventory.readingWiring(aws).rotation().requestRollback()
                        .rollback(rotationId, reason, user());
                spec.commandLine().getOut().println(outcome.message());
                return outcome.accepted() ? ExitCode.OK : ExitCode.FINDINGS;
            }
        }
    }

    @Command(name = "breaker", mixinStandardHelpOptions = true,
            description = "The fleet-wide circuit breaker: 'status', or 'reset' to close it.")
    static final class Breaker implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        InventoryOptions inventory;

        @Parameters(paramLabel = "ACTION", description = "status or reset.")
        String action;

        @Override
        public Integer call() {
            if (!action.equals("status") && !action.equals("reset")) {
                throw new ParameterException(spec.commandLine(), "breaker action must be status or reset, got '"
                        + action + "'");
            }
            try (AwsClients aws = AwsClients.fromEnvironment()) {
                RotationWiring rotation = inventory.readingWiring(aws).rotation();
                PrintWriter out = spec.commandLine().getOut();
                if (action.equals("reset")) {
                    RequestRollback.Outcome outcome = rotation.requestRollback().resetBreaker(user());
                    out.println(outcome.message());
                    return ExitCode.OK;
                }
                CircuitBreaker.State state = rotation.breaker().state();
                if (inventory.json) {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("open", state.open());
                    json.put("openedAt", state.openedAt() == null ? null : state.openedAt().toString());
                    json.put("failures", state.failures().stream().map(failure -> Map.of("rotationId",
                            failure.rotationId(), "at", failure.at().toString())).toList());
                    out.println(Json.pretty(json));
                } else {
                    out.println(state.open() ? "open since " + state.openedAt() + ": no rotation starts until "
                            + "'certfleet rotation breaker reset'" : "closed");
                    state.failures().forEach(failure -> out.println("  rolled back: " + failure.rotationId()
                            + " at " + failure.at()));
                }
                return state.open() ? ExitCode.FINDINGS : ExitCode.OK;
            }
        }
    }
}
