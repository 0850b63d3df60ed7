package io.certfleet.local;

import io.certfleet.core.alerting.AlertRun;
import io.certfleet.core.policy.EvaluatePolicy;
import io.certfleet.core.policy.PolicyRun;
import io.certfleet.adapters.aws.dynamodb.InventoryTable;
import io.certfleet.core.fleet.AccountSelection;
import io.certfleet.core.fleet.FleetScanResult;
import io.certfleet.core.fleet.ScanPlan;
import io.certfleet.core.inventory.InventoryEntry;
import io.certfleet.core.inventory.InventoryQuery;
import io.certfleet.wiring.Wiring;
import io.certfleet.core.discovery.WorkItem;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.probe.fleet.BindingProbe;
import io.certfleet.core.probe.fleet.ProbeScope;
import io.certfleet.core.probe.fleet.ScopeProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Objects;
import software.amazon.awssdk.regions.Region;

/**
 * certfleet's main job on a local emulator: make sure the inventory table exists, seed a demo fleet (an
 * Organization of accounts, regions, certificates and endpoints), scan the whole organization into the inventory
 * through the core, probe every endpoint the scan found (local TLS stand-ins, see {@link DemoEndpoints}) and list
 * the inventory by owner, then send the expiry alerts to an SNS topic and read them back from an SQS queue
 * subscribed to it, and evaluate once more as the next scheduled run would (nothing is sent twice). Later
 * capabilities grow this into the whole pipeline.
 */
public final class Demo {

    /** What a demo run did and found. */
    public record Report(String tableName, InventoryTable.Outcome table, int previousSeedRemoved,
                         DemoFleet.Seeded seeded, FleetScanResult scan, List<ScopeProbeResult> probes,
                         List<InventoryEntry> inventory, Map<BindingRecord.Key, BindingProbe> latestProbes,
                         Policy policy, Alerts alerts) {
    }

    /**
     * The policy engine's judgement of every scanned account-region, the events it published, and what owners
     * were told (endpoints that newly fail handshakes) through the alert topic.
     */
    public record Policy(List<PolicyRun> runs, List<String> eventTypes,
                         List<LocalAlertRouting.ReceivedAlert> handshakeAlerts) {
    }

    /**
     * The expiry alerts of this run: what the evaluation did, the alerts an owner's queue received from the topic,
     * the events certfleet's bus delivered, and a second evaluation (as the next scheduled run) with what it sent.
     */
    public record Alerts(LocalAlertRouting.Routes routes, AlertRun first, List<LocalAlertRouting.ReceivedAlert> received,
                         List<String> eventTypes, AlertRun second, List<LocalAlertRouting.ReceivedAlert> receivedAgain) {
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
        List<ScopeProbeResult> probes = new ArrayList<>();
        try (DemoEndpoints endpoints = DemoEndpoints.start(seeded, wiring.clock())) {
            ProbeScope probe = wiring.probeScope(endpoints.trust(), endpoints.addresses());
            for (WorkItem item : plan.items()) {
                probes.add(probe.probe(item.scope(), item.includesGlobalSources()));
            }
        }
        List<InventoryEntry> inventory = wiring.listInventory().list(InventoryQuery.ALL_PRESENT);
        Map<BindingRecord.Key, BindingProbe> latest = wiring.probeResults().latestOf(inventory.stream()
                .map(entry -> entry.record().location().arn()).collect(Collectors.toSet()));
        LocalAlertRouting routing = new LocalAlertRouting(wiring.aws());
        LocalAlertRouting.Routes routes = routing.ensure();
        Wiring publishing = new Wiring(wiring.aws(), wiring.clock(), wiring.settings()
                .withAlerts(routes.alertOptions()));
        Policy policy = policy(plan, publishing, routing, routes);
        return new Report(table.name(), tableOutcome, removed, seeded, scan, probes, inventory, latest, policy,
                alerts(publishing, routing, routes));
    }

    /** Every scanned account-region judged against the policy, as the workflow's JudgeOne step does. */
    private static Policy policy(ScanPlan plan, Wiring publishing, LocalAlertRouting routing,
                                 LocalAlertRouting.Routes routes) {
        routing.drain(routes.eventQueueUrl()); // left over from an interrupted earlier run
        routing.drain(routes.alertQueueUrl());
        EvaluatePolicy evaluate = publishing.evaluatePolicy();
        List<PolicyRun> runs = new ArrayList<>();
        for (WorkItem item : plan.items()) {
            runs.addAll(evaluate.evaluate(item.scope(), item.includesGlobalSources()));
        }
        List<String> eventTypes = routing.drainEvents(routes.eventQueueUrl()).stream()
                .map(event -> event.path("detail-type").asText()).toList();
        return new Policy(runs, eventTypes, routing.drainAlerts(routes.alertQueueUrl()));
    }

    /** Alerts as deployed: the topic, the bus, an SQS queue subscribed to the topic, a rule to a queue. */
    private static Alerts alerts(Wiring alerting, LocalAlertRouting routing, LocalAlertRouting.Routes routes) {
        AlertRun first = alerting.sendExpiryAlerts().run();
        List<LocalAlertRouting.ReceivedAlert> received = routing.drainAlerts(routes.alertQueueUrl());
        List<String> eventTypes = routing.drainEvents(routes.eventQueueUrl()).stream()
                .map(event -> event.path("detail-type").asText()).toList();
        AlertRun second = alerting.sendExpiryAlerts().run();
        List<LocalAlertRouting.ReceivedAlert> receivedAgain = routing.drainAlerts(routes.alertQueueUrl());
        routing.drain(routes.eventQueueUrl());
        return new Alerts(routes, first, received, eventTypes, second, receivedAgain);
    }
}
