package io.certfleet.local;

import io.certfleet.adapters.aws.dynamodb.InventoryTable;
import io.certfleet.core.fleet.AccountSelection;
import io.certfleet.core.fleet.FleetScanResult;
import io.certfleet.core.fleet.ScanPlan;
import io.certfleet.core.inventory.InventoryEntry;
import io.certfleet.core.inventory.InventoryQuery;
import io.certfleet.wiring.Wiring;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.regions.Region;

/**
 * certfleet's main job on a local emulator: make sure the inventory table exists, seed a demo fleet (an
 * Organization of accounts, regions, certificates and endpoints), scan the whole organization into the inventory
 * through the core, and list the inventory by owner. Later capabilities grow this into the whole pipeline.
 */
public final class Demo {

    /** What a demo run did and found. */
    public record Report(String tableName, InventoryTable.Outcome table, int previousSeedRemoved,
                         DemoFleet.Seeded seeded, FleetScanResult scan, List<InventoryEntry> inventory) {
    }

    private final Wiring wiring;

    public Demo(Wiring wiring) {
        this.wiring = Objects.requireNonNull(wiring, "wiring");
    }

    public Report run() {
        InventoryTable table = wiring.inventoryTable();
        InventoryTable.Outcome tableOutcome = table.ensureExists();
        DemoFleet fleet = new DemoFleet(new FleetSeeder(wiring.aws()), wiring.clock());
        int removed = fleet.removePreviousSeed();
        DemoFleet.Seeded seeded = fleet.seed();
        ScanPlan plan = wiring.planScan().plan(new AccountSelection.Organization(),
                DemoFleet.REGIONS.stream().map(Region::id).toList());
        FleetScanResult scan = wiring.scanFleet().run(plan, 8);
        List<InventoryEntry> inventory = wiring.listInventory().list(InventoryQuery.ALL_PRESENT);
        return new Report(table.name(), tableOutcome, removed, seeded, scan, inventory);
    }
}
