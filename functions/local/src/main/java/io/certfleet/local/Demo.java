package io.certfleet.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.dynamodb.InventoryTable;
import io.certfleet.adapters.tls.AiaIssuerLookup;
import io.certfleet.adapters.tls.TlsEndpointProber;
import io.certfleet.core.alerting.AlertRun;
import io.certfleet.core.compliance.GovernanceKpis;
import io.certfleet.core.compliance.KpiFilter;
import io.certfleet.core.compliance.PageRotations;
import io.certfleet.core.conformance.AssessConformance;
import io.certfleet.core.conformance.ConformanceReport;
import io.certfleet.core.conformance.InventoryStandings;
import io.certfleet.core.discovery.WorkItem;
import io.certfleet.core.drill.DrillFault;
import io.certfleet.core.drill.DrillSpec;
import io.certfleet.core.fleet.AccountSelection;
import io.certfleet.core.fleet.FleetScanResult;
import io.certfleet.core.fleet.ScanPlan;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryEntry;
import io.certfleet.core.inventory.InventoryQuery;
import io.certfleet.core.policy.EvaluatePolicy;
import io.certfleet.core.policy.PolicyRun;
import io.certfleet.core.probe.DiagnoseEndpoint;
import io.certfleet.core.probe.ProbeTarget;
import io.certfleet.core.probe.fleet.BindingProbe;
import io.certfleet.core.probe.fleet.ProbeScope;
import io.certfleet.core.probe.fleet.ScopeProbeResult;
import io.certfleet.core.rotation.Rotation;
import io.certfleet.core.rotation.RotationBinding;
import io.certfleet.core.rotation.RotationStatus;
import io.certfleet.core.rotation.RotationStore;
import io.certfleet.local.drill.DrillRunner;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import io.certfleet.local.tls.EmulatedEndpoint;
import io.certfleet.wiring.Wiring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;

/**
 * certfleet's main job on a local emulator: make sure the inventory table exists, seed a demo fleet (an
 * Organization of accounts, regions, certificates and endpoints), scan the whole organization into the inventory
 * through the core, probe every endpoint the scan found (local TLS stand-ins, see {@link DemoEndpoints}) and list
 * the inventory by owner, then send the expiry alerts to an SNS topic and read them back from an SQS queue
 * subscribed to it, and evaluate once more as the next scheduled run would (nothing is sent twice); then
 * remediate in staged rotations proven on the wire (one of them rolled back), and probe again; last, drill the
 * staging endpoint (a broken certificate the canary must catch and the rollback undo).
 */
public final class Demo {

    /** What a demo run did and found. */
    public record Report(String tableName, InventoryTable.Outcome table, int previousSeedRemoved,
                         DemoFleet.Seeded seeded, FleetScanResult scan, List<ScopeProbeResult> probes,
                         List<InventoryEntry> inventory, Map<BindingRecord.Key, BindingProbe> latestProbes,
                         Policy policy, Alerts alerts, Remediation remediation, Drilled drill,
                         GovernanceKpis kpis) {
    }

    /**
     * The demo's drill: a certificate for the wrong host rotated into the staging load balancer, with what the
     * owner's queue and the events' queue received.
     */
    public record Drilled(DrillRunner.Report report, List<LocalAlertRouting.ReceivedAlert> alerts,
                          List<String> eventTypes) {
    }

    /**
     * The staged rotations the demo ran (the deployed workflow on this machine), what they published and whom they
     * told, and the endpoints on the wire afterwards.
     */
    public record Remediation(List<Rotated> rotations, List<String> eventTypes,
                              List<LocalAlertRouting.ReceivedAlert> alerts, List<InventoryEntry> inventory,
                              Map<BindingRecord.Key, BindingProbe> latestProbes,
                              Optional<ConformanceReport> checkoutConformance, long durationMs) {
    }

    /** One rotation: why the demo ran it, and how it ended, binding by binding. */
    public record Rotated(String host, String story, Rotation rotation, List<RotationBinding> bindings) {
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

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Who approves the demo's partner rotation (not its requester, certfleet-demo). */
    static final String APPROVER = "security-lead";

    private final Wiring wiring;
    private final AwsClients standIns;

    /**
     * @param standIns what the fleet's side uses — the endpoints' stand-ins reading what their resource serves (AWS's
     *                 data plane), the owners importing their replacements: clients straight to the emulator, so
     *                 that a fault proxy in front of certfleet's calls neither faults nor counts them
     */
    public Demo(Wiring wiring, AwsClients standIns) {
        this.wiring = Objects.requireNonNull(wiring, "wiring");
        this.standIns = Objects.requireNonNull(standIns, "standIns");
    }

    public Report run() {
        InventoryTable table = wiring.inventoryTable();
        InventoryTable.Outcome tableOutcome = table.ensureExists();
        DemoFleet fleet = new DemoFleet(new FleetSeeder(wiring.aws()), wiring.clock());
        int removed = fleet.removePreviousSeed();
        DemoFleet.Seeded seeded = fleet.seed();
        ScanPlan plan = wiring.planScan().plan(new AccountSelection.Organization(),
                DemoFleet.REGIONS.stream().map(Region::id).toList());
        FleetScanResult scan = wiring.runScan().run(plan, 8);
        List<ScopeProbeResult> probes = new ArrayList<>();
        FleetSeeder seeder = new FleetSeeder(standIns);
        try (DemoEndpoints endpoints = DemoEndpoints.start(seeded, wiring.clock(), seeder,
                DemoEndpoints.keysOf(seeded), Set.of())) {
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
        Alerts alerts = alerts(publishing, routing, routes);
        Remediation remediation = remediate(fleet, seeded, seeder, plan, publishing, routing, routes);
        Drilled drill = drill(seeded, seeder, publishing, routing, routes);
        return new Report(table.name(), tableOutcome, removed, seeded, scan, probes, inventory, latest, policy,
                alerts, remediation, drill, wiring.computeKpis().compute(KpiFilter.FLEET));
    }

    /**
     * A drill on the staging load balancer (its environment is drillable): a certificate for another host, signed by
     * the fleet's own CA (so only the planted fault is wrong), rotated in through the workflow; the canary must
     * catch it and the rollback restore the listener.
     */
    private Drilled drill(DemoFleet.Seeded seeded, FleetSeeder seeder, Wiring publishing, LocalAlertRouting routing,
                          LocalAlertRouting.Routes routes) {
        routing.drain(routes.eventQueueUrl());
        routing.drain(routes.alertQueueUrl());
        EmulatedEndpoint.Keys keys = DemoEndpoints.keysOf(seeded);
        DemoFleet.Placement staging = seeded.placement("staging");
        try (DemoEndpoints endpoints = DemoEndpoints.start(seeded, wiring.clock(), seeder, keys, Set.of())) {
            Wiring drilling = publishing.withCanaryNetwork(endpoints.trust(), endpoints.addresses());
            DrillRunner.Report report = new DrillRunner(new LocalRotation(LocalRotation.localstackFolder()))
                    .run(drilling, DrillRunner.Options.of(DrillFault.WRONG_HOST, new DrillSpec.Binding(
                            staging.type(), staging.resourceId())).withIssuer(seeded.issuingCa())
                            .requestedBy("certfleet-demo"), keys::add);
            return new Drilled(report, routing.drainAlerts(routes.alertQueueUrl()),
                    routing.drainEvents(routes.eventQueueUrl()).stream()
                            .map(event -> event.path("detail-type").asText()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the drill's workflow locally: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Remediation: the checkout certificate (2 days left, the default of a listener that also serves an SNI
     * certificate) is replaced in waves; the partners endpoint's incomplete chain is fixed by a replacement imported
     * with its chain; then a stale proxy in front of the checkout listener keeps serving what it cached, so the SNI
     * certificate's rotation fails its canary and is rolled back. Each is the deployed rotation workflow run on this machine, its
     * canaries probing the stand-ins. Then the fleet is scanned and probed again.
     */
    private Remediation remediate(DemoFleet fleet, DemoFleet.Seeded seeded, FleetSeeder seeder, ScanPlan plan,
                                  Wiring publishing, LocalAlertRouting routing, LocalAlertRouting.Routes routes) {
        long started = System.nanoTime();
        routing.drain(routes.eventQueueUrl());
        routing.drain(routes.alertQueueUrl());
        Map<String, IssuedCertificate> replacements = new LinkedHashMap<>();
        replacements.put("checkout", fleet.replacement(seeded, "checkout", KeyType.RSA_2048));
        replacements.put("partners", fleet.replacement(seeded, "partners", KeyType.RSA_3072));
        replacements.put("pay", fleet.replacement(seeded, "pay", KeyType.EC_P256));
        Map<String, String> stories = Map.of(
                "checkout", "2 days left; default of a listener that also serves an SNI certificate",
                "partners", "incomplete chain, fixed by a replacement imported with its intermediate; a partner "
                        + "profile, so it waited for an approval",
                "pay", "SNI certificate of the same listener, behind a stale proxy that keeps the old one");
        EmulatedEndpoint.Keys keys = DemoEndpoints.keysOf(seeded);
        Map<String, String> targets = new LinkedHashMap<>();
        replacements.forEach((host, replacement) -> {
            keys.add(replacement);
            DemoFleet.Placement placement = seeded.placement(host);
            try (FleetSeeder.Account account = seeder.in(placement.accountId(), placement.region())) {
                targets.put(host, account.importCertificate(replacement, Map.of(DemoFleet.DEMO_TAG, "true",
                        "certfleet:replaces", placement.certificateArn())));
            }
        });
        List<Rotated> rotations = new ArrayList<>();
        LocalRotation local = new LocalRotation(LocalRotation.localstackFolder());
        try (DemoEndpoints endpoints = DemoEndpoints.start(seeded, wiring.clock(), seeder, keys, Set.of())) {
            Wiring rotating = publishing.withCanaryNetwork(endpoints.trust(), endpoints.addresses());
            for (String host : List.of("checkout", "partners")) {
                rotations.add(rotate(local, rotating, seeded, host, targets.get(host), stories.get(host)));
            }
        }
        List<InventoryEntry> inventory;
        Map<BindingRecord.Key, BindingProbe> latest;
        Optional<ConformanceReport> checkout;
        // Now a proxy in front of the checkout listener keeps serving what the listener holds at this moment.
        try (DemoEndpoints endpoints = DemoEndpoints.start(seeded, wiring.clock(), seeder, keys, Set.of("pay"))) {
            Wiring rotating = publishing.withCanaryNetwork(endpoints.trust(), endpoints.addresses());
            rotations.add(rotate(local, rotating, seeded, "pay", targets.get("pay"), stories.get("pay")));
            // The next scheduled scan and probe, as the deployed workflow would run them.
            wiring.runScan().run(plan, 8);
            ProbeScope probe = wiring.probeScope(endpoints.trust(), endpoints.addresses());
            for (WorkItem item : plan.items()) {
                probe.probe(item.scope(), item.includesGlobalSources());
            }
            inventory = wiring.listInventory().list(InventoryQuery.ALL_PRESENT);
            latest = wiring.probeResults().latestOf(inventory.stream()
                    .map(entry -> entry.record().location().arn()).collect(Collectors.toSet()));
            checkout = conformance(endpoints, latest, inventory, targets.get("checkout"));
        }
        List<String> eventTypes = routing.drainEvents(routes.eventQueueUrl()).stream()
                .map(event -> event.path("detail-type").asText()).toList();
        return new Remediation(rotations, eventTypes, routing.drainAlerts(routes.alertQueueUrl()), inventory, latest,
                checkout, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The conformance report of the endpoint that serves the rotated checkout certificate, as {@code certfleet report
     * conformance --table} makes it: the inventory knows the certificate and the rotation that put it there; the
     * endpoint must serve the replacement (its fingerprint is expected).
     */
    private Optional<ConformanceReport> conformance(DemoEndpoints endpoints,
                                                    Map<BindingRecord.Key, BindingProbe> latest,
                                                    List<InventoryEntry> inventory, String checkoutArn) {
        Optional<BindingProbe> probed = latest.values().stream()
                .filter(probe -> probe.binding().certificateArn().equals(checkoutArn) && probe.target().isPresent())
                .findFirst();
        if (probed.isEmpty()) {
            return Optional.empty();
        }
        Duration timeout = wiring.settings().probe().timeout();
        AssessConformance assess = new AssessConformance(new TlsEndpointProber(4, endpoints.addresses()),
                new DiagnoseEndpoint(endpoints.trust(), new AiaIssuerLookup(timeout), wiring.clock()),
                wiring.policies(), Optional.of(new InventoryStandings(wiring.inventory(),
                new PageRotations(wiring.rotation().rotations()), wiring.policies())), wiring.clock());
        Optional<String> expected = inventory.stream().map(InventoryEntry::record)
                .filter(record -> record.location().arn().equals(checkoutArn) && record.isReadable())
                .map(record -> record.facts().sha256()).findFirst();
        return Optional.of(assess.assess(new AssessConformance.Request(ProbeTarget.parse(probed.get().target().get(),
                probed.get().sni()), Optional.empty(), expected, timeout)));
    }

    private static Rotated rotate(LocalRotation local, Wiring rotating, DemoFleet.Seeded seeded, String host,
                                  String to, String story) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("certificate", seeded.placement(host).certificateArn());
        input.put("to", to);
        input.put("waves", List.of("1", "100%"));
        input.put("bakeSeconds", 1);
        input.put("canaryChecks", 2);
        input.put("requestedBy", "certfleet-demo");
        input.put("reason", story);
        input.put("detach", true);
        try {
            LocalRotation.Run run = local.run(rotating, JSON.writeValueAsString(input), Duration.ofMinutes(2));
            if (!run.execution().succeeded()) {
                throw new IllegalStateException("the rotation workflow failed for " + host + ": "
                        + run.execution().log().strip());
            }
            String rotationId = JSON.readTree(run.execution().output()).path("rotationId").asText();
            RotationStore store = rotating.rotation().rotations();
            if (store.load(rotationId).status() == RotationStatus.WAITING_APPROVAL) {
                // Someone other than the requester approves, and the rotation goes on where it waited.
                rotating.rotation().approveRotation().decide(rotationId, true, APPROVER, "planned with the partner");
                run = local.run(rotating, JSON.writeValueAsString(Map.of("rotationId", rotationId, "resume", true,
                        "requestedBy", "certfleet-demo", "detach", true)), Duration.ofMinutes(2));
                if (!run.execution().succeeded()) {
                    throw new IllegalStateException("the rotation workflow failed for " + host + ": "
                            + run.execution().log().strip());
                }
            }
            return new Rotated(host, story, store.load(rotationId), store.bindings(rotationId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the rotation workflow locally: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
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
