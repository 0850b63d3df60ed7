package io.certfleet.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.core.alerting.AlertRun;
import io.certfleet.core.fleet.AccountSelection;
import io.certfleet.core.fleet.FleetScanResult;
import io.certfleet.core.fleet.ScanPlan;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Runs that overlap, for real, against the emulator: two scans of the same fleet at once, and a scan during an
 * alert run, end with the same inventory (item by item) as one scan alone, and the alert run sends each alert once.
 */
@ExtendWith(AwsEmulatorExtension.class)
class ConcurrentRunsIT {

    private final AwsEmulator emulator;
    private ScanPlan plan;

    ConcurrentRunsIT(AwsEmulator emulator) {
        this.emulator = emulator;
    }

    @BeforeEach
    void seed() {
        emulator.resetNow();
        AwsClients aws = emulator.clients();
        new DemoFleet(new FleetSeeder(aws), Clock.systemUTC()).seed();
        Wiring wiring = wiring("plan");
        plan = wiring.planScan().plan(new AccountSelection.Organization(),
                DemoFleet.REGIONS.stream().map(Region::id).toList());
    }

    @Test
    void twoScansAtOnceLeaveTheInventoryOneScanLeaves() throws Exception {
        Wiring alone = wiring("alone");
        alone.inventoryTable().ensureExists();
        assertThat(alone.scanFleet().run(plan, 4).errors()).isEmpty();
        Wiring together = wiring("together");
        together.inventoryTable().ensureExists();

        List<FleetScanResult> results = atOnce(() -> together.scanFleet().run(plan, 4),
                () -> together.scanFleet().run(plan, 4));

        assertThat(results).allSatisfy(result -> {
            assertThat(result.errors()).isEmpty();
            assertThat(result.certificates()).isEqualTo(8);
        });
        assertThat(items("together")).isEqualTo(items("alone")).hasSizeGreaterThan(15);
    }

    @Test
    void aScanDuringAnAlertRunLosesNeitherAnInventoryUpdateNorAnAlert() throws Exception {
        LocalAlertRouting routing = new LocalAlertRouting(emulator.clients());
        LocalAlertRouting.Routes routes = routing.ensure();
        Wiring alone = wiring("alone");
        alone.inventoryTable().ensureExists();
        alone.scanFleet().run(plan, 4);
        alone.scanFleet().run(plan, 4);
        Wiring overlapping = new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults()
                .withTableName("overlapping").withRateLimits(io.certfleet.adapters.aws.RateLimits.UNLIMITED)
                .withAlerts(routes.alertOptions()));
        overlapping.inventoryTable().ensureExists();
        overlapping.scanFleet().run(plan, 4);
        routing.drain(routes.alertQueueUrl());

        List<Object> results = atOnce(() -> overlapping.scanFleet().run(plan, 4),
                () -> overlapping.sendExpiryAlerts().run());

        FleetScanResult scan = (FleetScanResult) results.get(0);
        AlertRun alerts = (AlertRun) results.get(1);
        assertThat(scan.errors()).isEmpty();
        assertThat(alerts.failed()).isEmpty();
        assertThat(alerts.sent()).as("the five certificates within a threshold").hasSize(5);
        assertThat(routing.drainAlerts(routes.alertQueueUrl())).hasSize(5);
        AlertRun again = overlapping.sendExpiryAlerts().run();
        assertThat(again.sent()).as("every alert was recorded once").isEmpty();
        assertThat(again.alreadySent()).hasSize(5);
        assertThat(withoutLedger(items("overlapping"))).isEqualTo(items("alone"));
    }

    @SafeVarargs
    private static <T> List<T> atOnce(Callable<? extends T>... runs) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(runs.length);
        try {
            List<Future<? extends T>> futures = new java.util.ArrayList<>();
            for (Callable<? extends T> run : runs) {
                futures.add(threads.submit(run));
            }
            List<T> results = new java.util.ArrayList<>();
            for (Future<? extends T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    private Wiring wiring(String table) {
        return new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults().withTableName(table)
                .withRateLimits(io.certfleet.adapters.aws.RateLimits.UNLIMITED));
    }

    /** Every item by pk|sk, without the times that differ between two runs at different moments. */
    private Map<String, Map<String, AttributeValue>> items(String table) {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        emulator.clients().dynamoDb().scanPaginator(r -> r.tableName(table)).items().forEach(item -> {
            Map<String, AttributeValue> kept = new TreeMap<>(item);
            kept.keySet().removeIf(name -> name.endsWith("Seen") || name.endsWith("At"));
            items.put(item.get("pk").s() + "|" + item.get("sk").s(), kept);
        });
        return items;
    }

    /** The inventory's items without the alert ledger's (the alert run's own bookkeeping). */
    private static Map<String, Map<String, AttributeValue>> withoutLedger(Map<String, Map<String, AttributeValue>> items) {
        Map<String, Map<String, AttributeValue>> kept = new TreeMap<>(items);
        kept.keySet().removeIf(key -> key.startsWith("ALERT"));
        return kept;
    }
}
