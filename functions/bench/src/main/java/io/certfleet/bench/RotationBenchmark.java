package io.certfleet.bench;

import io.certfleet.adapters.aws.ApiCallRecorder;
import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.AwsSettings;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.adapters.tls.AddressResolver;
import io.certfleet.adapters.tls.ConnectTo;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.fleet.AccountSelection;
import io.certfleet.core.policy.rotation.WaveSize;
import io.certfleet.core.probe.TrustMaterial;
import io.certfleet.core.rotation.BindingResult;
import io.certfleet.core.rotation.CanaryCheck;
import io.certfleet.core.rotation.FinishRotation;
import io.certfleet.core.rotation.Rotation;
import io.certfleet.core.rotation.RotationBinding;
import io.certfleet.core.rotation.RotationRequest;
import io.certfleet.local.FleetSeeder;
import io.certfleet.local.MotoServer;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.tls.EmulatedEndpoint;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.RotationWiring;
import io.certfleet.wiring.Wiring;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.regions.Region;

/**
 * Staged rotation at fleet scale on moto: one certificate (one fingerprint) imported in 5 regions and served by 50
 * ALB listeners, rotated in waves [1, 50%, 100%] with up to 10 bindings of a wave at once (the workflow's Map), each
 * swap proven by a real canary handshake with a stand-in serving what its listener holds. Measures wall time and
 * the AWS calls per binding against the fewest a swap needs (one write), then rotates again with one stand-in
 * behind a stale proxy in the last wave and measures the rollback of every swapped binding against the time the
 * swaps took. The steps are the use cases the workflow's handlers call, in the workflow's order (the workflow's own
 * Step Functions overhead is left out: moto cannot run it, and the local runner is not AWS).
 *
 * <pre>./mvnw -B -q -Pbench-rotation -pl functions/bench -am verify -DskipTests</pre>
 */
public final class RotationBenchmark {

    private static final List<Region> REGIONS = List.of(Region.US_EAST_1, Region.US_EAST_2, Region.US_WEST_2,
            Region.EU_WEST_1, Region.EU_CENTRAL_1);
    private static final int LISTENERS_PER_REGION = 10;
    private static final int CONCURRENCY = 10;
    private static final String NAME = "shop.bench.test";

    private RotationBenchmark() {
    }

    /** One rotation's figures. */
    private record Run(Rotation rotation, List<RotationBinding> bindings, long swapMs, long totalMs,
                       long rollbackStartedMs, long rollbackMs, Map<String, Long> calls) {
    }

    public static void main(String[] args) throws Exception {
        int perRegion = Integer.getInteger("bench.listeners", LISTENERS_PER_REGION);
        Instant now = Instant.now();
        IssuedCertificate root = CertificateBuilder.certificate("Rotation Bench Root").certificateAuthority()
                .validFor(now.minus(Duration.ofDays(1)), Duration.ofDays(3650)).build();
        IssuedCertificate old = leaf(root, now, 5);
        IssuedCertificate first = leaf(root, now, 90);
        IssuedCertificate second = leaf(root, now, 120);
        EmulatedEndpoint.Keys keys = new EmulatedEndpoint.Keys().add(old).add(first).add(second);
        ApiCallRecorder recorder = new ApiCallRecorder();
        try (MotoServer moto = MotoServer.start(System.getenv().getOrDefault("CERTFLEET_PYTHON", "python3"),
                MotoServer.Concurrency.THREADED, Duration.ofSeconds(60));
             AwsClients clients = new AwsClients(AwsSettings.forEmulator(moto.endpoint(), Region.US_EAST_1),
                     List.of(recorder), EmulatorCallPolicy.AT_SCALE)) {
            System.out.printf(Locale.ROOT, "certfleet rotation benchmark on moto at %s: 1 certificate, %d "
                    + "listeners in %d regions%n", moto.endpoint(), perRegion * REGIONS.size(), REGIONS.size());
            FleetSeeder seeder = new FleetSeeder(clients);
            clients.eventBridge().createEventBus(request -> request.name("certfleet"));
            String account = clients.sts().getCallerIdentity().account();
            Map<String, String> firstArns = new HashMap<>();
            Map<String, String> secondArns = new HashMap<>();
            List<FleetSeeder.Account> regional = new ArrayList<>();
            List<EmulatedEndpoint> endpoints = new ArrayList<>();
            List<ConnectTo> routes = new ArrayList<>();
            List<String> listeners = new ArrayList<>();
            String oldArn = null;
            for (Region region : REGIONS) {
                FleetSeeder.Account seed = seeder.in(account, region);
                regional.add(seed);
                String regionalOld = seed.importCertificate(old, Map.of("owner", "bench"));
                oldArn = oldArn == null ? regionalOld : oldArn;
                firstArns.put(region.id(), seed.importCertificate(first, Map.of()));
                secondArns.put(region.id(), seed.importCertificate(second, Map.of()));
                for (int i = 0; i < perRegion; i++) {
                    String name = "bench-" + i;
                    String listener = seed.httpsLoadBalancer(name, Map.of(), 443,
                            "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", regionalOld, List.of());
                    EmulatedEndpoint endpoint = EmulatedEndpoint.start(seed.clients(), BindingType.ELBV2_LISTENER,
                            listener, keys);
                    String dnsName = seed.clients().elasticLoadBalancingV2().describeLoadBalancers(request -> request
                            .names(name)).loadBalancers().getFirst().dnsName();
                    endpoints.add(endpoint);
                    listeners.add(listener);
                    routes.add(new ConnectTo(dnsName, 443, "127.0.0.1", endpoint.port()));
                }
            }
            Wiring plain = new Wiring(clients, Clock.systemUTC(), CertfleetSettings.defaults()
                    .withTableName("rotation-bench").withRateLimits(RateLimits.UNLIMITED));
            plain.inventoryTable().ensureExists();
            scan(plain);
            TrustMaterial trust = new TrustMaterial(List.of(root.certificate()), List.of());
            Wiring wiring = plain.withCanaryNetwork(trust, ConnectTo.resolver(routes, AddressResolver.DNS));

            Run success = rotate(wiring.rotation(), recorder, oldArn, firstArns.get(REGIONS.getFirst().id()));
            report("rotation", success, perRegion * REGIONS.size());

            // Again, from the first replacement to the second, with a stale proxy in front of one listener of the
            // last wave: its canary fails and every binding swapped so far is put back.
            scan(plain);
            // The listener the plan orders last (least exposed first, then by resource id): the last wave's.
            String lastInPlan = listeners.stream().max(java.util.Comparator.naturalOrder()).orElseThrow();
            int stale = listeners.indexOf(lastInPlan);
            endpoints.get(stale).close();
            FleetSeeder.Account staleRegion = regional.get(stale / perRegion);
            EmulatedEndpoint proxy = EmulatedEndpoint.startStale(staleRegion.clients(), BindingType.ELBV2_LISTENER,
                    listeners.get(stale), keys);
            List<ConnectTo> withProxy = new ArrayList<>(routes);
            ConnectTo replaced = withProxy.remove(stale);
            withProxy.add(new ConnectTo(replaced.host(), 443, "127.0.0.1", proxy.port()));
            Wiring proxied = plain.withCanaryNetwork(trust, ConnectTo.resolver(withProxy, AddressResolver.DNS));
            Run rolledBack = rotate(proxied.rotation(), recorder, firstArns.get(REGIONS.getFirst().id()),
                    secondArns.get(REGIONS.getFirst().id()));
            report("rotation with a failing canary", rolledBack, perRegion * REGIONS.size());
            System.out.printf(Locale.ROOT, "rollback: began %d ms after the failing verdict, put back %d binding(s) "
                    + "in %d ms = %.2fx the %d ms the swaps took (goal: <= 2x)%n", rolledBack.rollbackStartedMs(),
                    rolledBack.bindings().stream().filter(b -> b.result() == BindingResult.ROLLED_BACK).count(),
                    rolledBack.rollbackMs(), (double) rolledBack.rollbackMs() / Math.max(1, rolledBack.swapMs()),
                    rolledBack.swapMs());
            proxy.close();
            for (EmulatedEndpoint endpoint : endpoints) {
                endpoint.close();
            }
            regional.forEach(FleetSeeder.Account::close);
        }
    }

    private static IssuedCertificate leaf(IssuedCertificate root, Instant now, int days) {
        return CertificateBuilder.certificate(NAME).dnsNames(NAME).issuedBy(root)
                .validity(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(days))).build();
    }

    private static void scan(Wiring wiring) {
        wiring.scanFleet().run(wiring.planScan().plan(new AccountSelection.Caller(), REGIONS.stream()
                .map(Region::id).toList()), REGIONS.size());
    }

    /** The workflow's steps: start, issue, then wave by wave (10 bindings at once), rolling back on a failure. */
    private static Run rotate(RotationWiring rotation, ApiCallRecorder recorder, String certificate, String to)
            throws Exception {
        String id = rotation.planRotation().plan(new RotationRequest(certificate, to, null, WaveSize.DEFAULT,
                Duration.ZERO, 1, "bench", List.of("benchmark"), null)).rotationId();
        Map<String, Long> before = recorder.snapshot();
        long started = System.nanoTime();
        rotation.startRotation().start(id);
        if (!rotation.issueReplacement().issue(id).ready()) {
            throw new IllegalStateException("the replacement was refused: " + rotation.rotations().load(id));
        }
        long swapNanos = 0;
        long rollbackStarted = -1;
        long rollbackNanos = 0;
        FinishRotation finish = rotation.finishRotation();
        Rotation plan = rotation.rotations().load(id);
        try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY)) {
            for (int wave = 0; wave < plan.waves(); wave++) {
                int current = wave;
                long waveStart = System.nanoTime();
                List<Future<?>> swaps = new ArrayList<>();
                for (RotationBinding binding : rotation.rotations().bindings(id).stream()
                        .filter(b -> b.wave() == current).toList()) {
                    swaps.add(pool.submit(() -> {
                        rotation.swapBinding().swap(id, binding.index());
                        CanaryCheck.Next next;
                        do {
                            next = rotation.canaryCheck().check(id, binding.index());
                        } while (!next.done());
                        rotation.canaryCheck().judge(id, binding.index());
                        return null;
                    }));
                }
                for (Future<?> swap : swaps) {
                    swap.get();
                }
                long verdict = System.nanoTime();
                swapNanos += verdict - waveStart;
                if (!finish.waveCompleted(id, wave).ok()) {
                    long restoreStart = System.nanoTime();
                    rollbackStarted = (restoreStart - verdict) / 1_000_000;
                    List<Future<?>> restores = new ArrayList<>();
                    for (RotationBinding binding : rotation.rotations().bindings(id)) {
                        if (binding.touched()) {
                            restores.add(pool.submit(() -> {
                                rotation.swapBinding().restore(id, binding.index());
                                rotation.canaryCheck().verifyRestored(id, binding.index());
                                return null;
                            }));
                        }
                    }
                    for (Future<?> restore : restores) {
                        restore.get();
                    }
                    rollbackNanos = System.nanoTime() - restoreStart;
                    finish.rolledBack(id);
                    break;
                }
            }
        }
        if (rollbackStarted < 0) {
            finish.succeeded(id);
        }
        long total = System.nanoTime() - started;
        Map<String, Long> calls = new HashMap<>();
        recorder.snapshot().forEach((operation, count) -> {
            long delta = count - before.getOrDefault(operation, 0L);
            if (delta > 0 && (operation.startsWith("elasticloadbalancing") || operation.startsWith("acm"))) {
                calls.put(operation, delta);
            }
        });
        return new Run(rotation.rotations().load(id), rotation.rotations().bindings(id), swapNanos / 1_000_000,
                total / 1_000_000, rollbackStarted, rollbackNanos / 1_000_000, calls);
    }

    private static void report(String what, Run run, int bindings) {
        long writes = run.calls().entrySet().stream().filter(entry -> entry.getKey().matches(
                ".*:(ModifyListener|AddListenerCertificates|RemoveListenerCertificates|SetLoadBalancer.*)"))
                .mapToLong(Map.Entry::getValue).sum();
        long total = run.calls().values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(Locale.ROOT, "%s: %s in %d ms (%d waves; swaps and canaries %d ms), %d binding(s): "
                + "%.1f ELB/ACM calls per binding, %.2f writes per binding (fewest a swap needs: 1)%n", what,
                run.rotation().status(), run.totalMs(), run.rotation().waves(), run.swapMs(), bindings,
                (double) total / bindings, (double) writes / bindings);
        System.out.printf(Locale.ROOT, "  calls: %s%n", new java.util.TreeMap<>(run.calls()));
    }
}
