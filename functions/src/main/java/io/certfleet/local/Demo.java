package io.certfleet.local;

import io.certfleet.adapters.aws.dynamodb.InventoryTable;
import io.certfleet.core.discovery.WorkResult;
import io.certfleet.core.fleet.AccountSelection;
import io.certfleet.core.fleet.FleetScanResult;
import io.certfleet.core.fleet.ScanPlan;
import io.certfleet.core.inventory.ExpiryLine;
import io.certfleet.wiring.Wiring;
import java.util.List;
import java.util.Objects;

/**
 * certfleet's main job on a local emulator: make sure the inventory table exists, seed a demo fleet into ACM,
 * scan it into the inventory through the core, and report expiry. Later capabilities grow this into the whole
 * pipeline.
 */
public final class Demo {

    /** What a demo run did and found. */
    public record Report(String tableName, InventoryTable.Outcome table, int previousSeedRemoved, int seeded,
                         FleetScanResult scan, List<ExpiryLine> expiry) {
        public WorkResult firstItem() {
            return scan.results().getFirst();
        }
    }

    private final Wiring wiring;

    public Demo(Wiring wiring) {
        this.wiring = Objects.requireNonNull(wiring, "wiring");
    }

    public Report run() {
        InventoryTable table = wiring.inventoryTable();
        InventoryTable.Outcome tableOutcome = table.ensureExists();
        DemoFleet fleet = new DemoFleet(wiring.aws().acm(), wiring.clock());
        int removed = fleet.removePreviousSeed();
        int seeded = fleet.seed().size();
        ScanPlan plan = wiring.planScan().plan(new AccountSelection.Caller(),
                List.of(wiring.aws().settings().region().id()));
        FleetScanResult scan = wiring.scanFleet().run(plan, 4);
        List<ExpiryLine> expiry = wiring.reportExpiry().report();
        return new Report(table.name(), tableOutcome, removed, seeded, scan, expiry);
    }
}
