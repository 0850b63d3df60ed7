package io.certfleet.cli;

import io.certfleet.adapters.aws.dynamodb.InventoryTableDesign;
import picocli.CommandLine.Option;

/** Options every command that reads or writes the inventory takes. */
final class InventoryOptions {

    @Option(names = "--table", paramLabel = "NAME", defaultValue = InventoryTableDesign.DEFAULT_TABLE_NAME,
            description = "Inventory table (default: ${DEFAULT-VALUE}).")
    String table;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;
}
