package io.certfleet.cli;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.tls.ConnectTo;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** How a rotation's canaries reach and trust the endpoints ({@code rotate}, {@code drill}). */
final class CanaryNetworkOptions {

    @Option(names = "--connect-to", paramLabel = "HOST:PORT:HOST2:PORT2",
            description = "As curl's: canaries connect to HOST2:PORT2 whenever HOST:PORT is probed (repeatable).")
    List<String> connectTo = new ArrayList<>();

    @Option(names = "--ca-file", paramLabel = "PEM", description = "Canaries also trust these CAs (repeatable).")
    List<Path> caFiles = new ArrayList<>();

    /** The rules and files checked (usage errors before any AWS call). */
    List<ConnectTo> rules(CommandSpec spec) {
        List<ConnectTo> rules = new ArrayList<>();
        for (String rule : connectTo) {
            try {
                rules.add(ConnectTo.parse(rule));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--connect-to " + e.getMessage());
            }
        }
        for (Path file : caFiles) {
            if (!Files.isReadable(file)) {
                throw new ParameterException(spec.commandLine(), "--ca-file " + file + ": no such file");
            }
        }
        return rules;
    }

    /** The inventory's wiring with these canary rules and trust. */
    Wiring wiring(AwsClients aws, InventoryOptions inventory, List<ConnectTo> rules) {
        Wiring reading = inventory.readingWiring(aws);
        CertfleetSettings settings = reading.settings().withProbe(reading.settings().probe().withConnectTo(rules)
                .withCaFiles(caFiles.stream().map(Path::toString).toList()));
        return new Wiring(aws, Clock.systemUTC(), settings);
    }
}
