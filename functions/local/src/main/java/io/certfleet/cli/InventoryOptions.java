package io.certfleet.cli;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.time.Clock;
import io.certfleet.adapters.aws.dynamodb.InventoryTableDesign;
import picocli.CommandLine.Option;

/** Options every command that reads or writes the inventory takes. */
final class InventoryOptions {

    @Option(names = "--table", paramLabel = "NAME", defaultValue = InventoryTableDesign.DEFAULT_TABLE_NAME,
            description = "Inventory table (default: ${DEFAULT-VALUE}).")
    String table;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    /** Wiring for a command that reads the inventory table, which must exist (the scan creates it). */
    Wiring readingWiring(AwsClients aws) {
        Wiring wiring = new Wiring(aws, Clock.systemUTC(),
                CertfleetSettings.fromEnvironment(System.getenv()).withTableName(table));
        if (!wiring.inventoryTable().exists()) {
            throw new CommandFailure("inventory table '" + table + "' does not exist in " + aws.settings().region()
                    + ": run 'certfleet scan --create-table' first");
        }
        return wiring;
    }
}
