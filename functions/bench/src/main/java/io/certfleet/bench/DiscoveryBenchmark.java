package io.certfleet.bench;

import io.certfleet.adapters.aws.ApiCallRecorder;
import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.AwsSettings;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.core.discovery.WorkResult;
import io.certfleet.core.fleet.AccountSelection;
import io.certfleet.core.fleet.FleetScanResult;
import io.certfleet.core.fleet.ScanPlan;
import io.certfleet.local.FleetSeeder;
import io.certfleet.local.MotoServer;
import io.certfleet.local.faults.FaultCounts;
import io.certfleet.local.faults.FaultInjectingProxy;
import io.certfleet.local.faults.FaultPlan;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Discovery benchmark: certfleet's fleet scan (first scan and re-scan) against the naive baseline
 * ({@link NaiveBaselineScanner}), on one moto server, in one run.
 *
 * <pre>./mvnw -B -q -Pbench -pl functions/bench -am verify -DskipTests</pre>
 *
 * Sizes: {@code -Dbench.accounts=3 -Dbench.certificates=500 -Dbench.listeners=34} (per account-region, two regions).
 * Prints wall time on the emulator, API calls per certificate, and the least time AWS's published quotas allow for
 * those calls (moto has no quotas: that projection is what a real fleet would feel). Then scans once more through a
 * proxy that faults 20 % of AWS calls ({@code -Dbench.faultRate}) and checks the inventory equals the clean one.
 */
public final class DiscoveryBenchmark {

    private static final List<Region> REGIONS = List.of(Region.US_EAST_1, Region.EU_WEST_1);

    private DiscoveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int accounts = Integer.getInteger("bench.accounts", 3);
        int certificates = Integer.getInteger("bench.certificates", 500);
        int listeners = Integer.getInteger("bench.listeners", 34);
        // Threaded moto: the benchmark measures parallel scanning and makes no atomicity assumptions.
        try (MotoServer moto = MotoServer.start(System.getenv().getOrDefault("CERTFLEET_PYTHON", "python3"),
                MotoServer.Concurrency.THREADED, Duration.ofSeconds(60));
             AwsClients clients = new AwsClients(AwsSettings.forEmulator(moto.endpoint(), Region.US_EAST_1), List.of(),
                     EmulatorCallPolicy.AT_SCALE)) {
            System.out.printf("certfleet discovery benchmark on moto at %s (threaded)%n", moto.endpoint());
            long seedStarted = System.nanoTime();
            List<String> accountIds = seed(clients, accounts, certificates, listeners);
            int totalCertificates = accountIds.size() * REGIONS.size() * certificates;
            System.out.printf("seeded %d accounts x %d regions x %d certificates = %d certificates, %d listeners"
                            + " (default + 2 SNI certificates each), in %.1f s%n%n", accountIds.size(), REGIONS.size(),
                    certificates, totalCertificates, accountIds.size() * REGIONS.size() * listeners,
                    seconds(System.nanoTime() - seedStarted));

            Wiring wiring = new Wiring(clients, Clock.systemUTC(), CertfleetSettings.defaults()
                    .withTableName("bench-inventory").withRateLimits(RateLimits.UNLIMITED));
            wiring.inventoryTable().ensureExists();
            ScanPlan plan = wiring.planScan().plan(new AccountSelection.Organization(),
                    REGIONS.stream().map(Region::id).toList());
            List<Row> rows = new ArrayList<>();
            rows.add(certfleet("certfleet, first scan", wiring, plan));
            rows.add(certfleet("certfleet, re-scan", wiring, plan));
            NaiveBaselineScanner baseline = new NaiveBaselineScanner(clients);
            rows.add(naive("naive baseline, first scan", baseline, accountIds));
            rows.add(naive("naive baseline, re-scan", baseline, accountIds));
            print(rows, totalCertificates);
            underFaults(clients, moto, plan, rows.get(0));
        }
    }

    /**
     * The first scan again, into a second table, through a proxy that faults 20 % of AWS calls (discovery and
     * inventory writes alike): the inventory must equal the clean scan's item by item; prints the faults, the
     * retries and the cost in time.
     */
    private static void underFaults(AwsClients clients, MotoServer moto, ScanPlan plan, Row clean) {
        double rate = Double.parseDouble(System.getProperty("bench.faultRate", "0.2"));
        ApiCallRecorder recorder = new ApiCallRecorder();
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(moto.endpoint(), FaultPlan.of(rate, 20261201));
             AwsClients faulty = new AwsClients(AwsSettings.forEmulator(proxy.endpoint(), Region.US_EAST_1),
                     List.of(recorder), EmulatorCallPolicy.AT_SCALE)) {
            Wiring wiring = new Wiring(faulty, Clock.systemUTC(), CertfleetSettings.defaults()
                    .withTableName("bench-inventory-faults").withRateLimits(RateLimits.UNLIMITED));
            wiring.inventoryTable().ensureExists();
            long started = System.nanoTime();
            FleetScanResult result = wiring.scanFleet().run(plan, 8);
            double wall = seconds(System.nanoTime() - started);
            FaultCounts faults = proxy.counts();
            Map<String, Map<String, AttributeValue>> expected = inventory(clients, "bench-inventory");
            Map<String, Map<String, AttributeValue>> actual = inventory(clients, "bench-inventory-faults");
            long retried = recorder.retries().values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("%nfirst scan through a proxy faulting %.0f%% of AWS calls (503, 500, throttling, "
                            + "dropped; seed 20261201):%n", rate * 100);
            System.out.printf("  %d of %d requests faulted %s; %d attempts retried (%d in the scan summary); "
                            + "errors: %d; coverage %.0f%%%n", faults.faults(), faults.requests(), faults.byKind(),
                    retried, result.totalApiRetries(), result.errors().size(), result.coverage() * 100);
            System.out.printf("  wall time %.1f s, %.2fx the clean first scan's (%.1f s)%n", wall,
                    wall / clean.wallSeconds(), clean.wallSeconds());
            boolean same = expected.equals(actual);
            System.out.printf("  inventory equals the clean scan's, item by item: %s (%d items)%n",
                    same ? "yes" : "NO", actual.size());
            if (!same || !result.errors().isEmpty()) {
                Map<String, Map<String, AttributeValue>> missing = new TreeMap<>(expected);
                missing.keySet().removeAll(actual.keySet());
                throw new IllegalStateException("the scan under faults differs from the clean scan: errors "
                        + result.errors() + "; missing items " + missing.keySet());
            }
        }
    }

    /** Every item of a table, keyed by pk|sk, without what differs between two scans at other times. */
    private static Map<String, Map<String, AttributeValue>> inventory(AwsClients clients, String table) {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        clients.dynamoDb().scanPaginator(r -> r.tableName(table)).items().forEach(item -> {
            Map<String, AttributeValue> kept = new TreeMap<>(item);
            kept.keySet().removeIf(name -> name.endsWith("Seen") || name.endsWith("At"));
            items.put(item.get("pk").s() + "|" + item.get("sk").s(), kept);
        });
        return items;
    }

    /** One measured scan: wall time, certificates and bindings found, calls per account-region. */
    private record Row(String name, double wallSeconds, int certificates, int bindings,
                       List<Map<String, Long>> callsPerItem, boolean itemsInParallel) {
        long calls() {
            return callsPerItem.stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
        }

        /** Least time AWS's quotas allow: per item the sum of each family's wait; items in parallel or in turn. */
        double projectedSeconds() {
            List<Double> perItem = callsPerItem.stream().map(DiscoveryBenchmark::quotaSeconds).toList();
            return itemsInParallel ? perItem.stream().mapToDouble(Double::doubleValue).max().orElse(0)
                    : perItem.stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private static Row certfleet(String name, Wiring wiring, ScanPlan plan) {
        long started = System.nanoTime();
        FleetScanResult result = wiring.scanFleet().run(plan, 8);
        double wall = seconds(System.nanoTime() - started);
        if (!result.errors().isEmpty()) {
            throw new IllegalStateException(name + " had errors: " + result.errors());
        }
        return new Row(name, wall, result.certificates(), result.bindings(),
                result.results().stream().map(WorkResult::apiCalls).toList(), true);
    }

    private static Row naive(String name, NaiveBaselineScanner baseline, List<String> accountIds) {
        long started = System.nanoTime();
        int certificates = 0;
        int bindings = 0;
        List<Map<String, Long>> calls = new ArrayList<>();
        for (String account : accountIds) {
            for (Region region : REGIONS) {
                NaiveBaselineScanner.ItemResult item = baseline.scan(account, region);
                certificates += item.certificates();
                bindings += item.bindings();
                calls.add(item.apiCalls());
            }
        }
        return new Row(name, seconds(System.nanoTime() - started), certificates, bindings, calls, false);
    }

    private static double quotaSeconds(Map<String, Long> calls) {
        Map<String, Long> byFamily = new TreeMap<>();
        calls.forEach((operation, count) -> {
            String family = RateLimits.AWS_QUOTAS.familyOf(operation);
            if (family != null) {
                byFamily.merge(family, count, Long::sum);
            }
        });
        double seconds = 0;
        for (Map.Entry<String, Long> family : byFamily.entrySet()) {
            RateLimits.Rate rate = RateLimits.AWS_QUOTAS.families().get(family.getKey());
            seconds += Math.max(0, family.getValue() - rate.burst()) / rate.perSecond();
        }
        return seconds;
    }

    private static void print(List<Row> rows, int totalCertificates) {
        System.out.printf("%-28s %10s %8s %9s %10s %12s %22s%n", "", "wall time", "certs", "bindings", "API calls",
                "calls/cert", "AWS quotas allow >=");
        for (Row row : rows) {
            System.out.printf("%-28s %9.1fs %8d %9d %10d %12.3f %21.0fs%n", row.name(), row.wallSeconds(),
                    row.certificates(), row.bindings(), row.calls(), (double) row.calls() / totalCertificates,
                    row.projectedSeconds());
        }
        Row first = rows.get(0);
        Row rescan = rows.get(1);
        Row naiveFirst = rows.get(2);
        Row naiveRescan = rows.get(3);
        System.out.printf("%nratios (baseline / certfleet, same run):%n");
        System.out.printf("  API calls, first scan: %.1fx   re-scan: %.1fx%n",
                (double) naiveFirst.calls() / first.calls(), (double) naiveRescan.calls() / rescan.calls());
        System.out.printf("  wall time on moto, first scan: %.1fx   re-scan: %.1fx%n",
                naiveFirst.wallSeconds() / first.wallSeconds(), naiveRescan.wallSeconds() / rescan.wallSeconds());
        System.out.printf("  least time under AWS quotas, first scan: %.1fx   re-scan: %.1fx%n",
                naiveFirst.projectedSeconds() / Math.max(first.projectedSeconds(), 1),
                naiveRescan.projectedSeconds() / Math.max(rescan.projectedSeconds(), 1));
        System.out.printf("%nAPI calls count the discovery calls to the scanned accounts. certfleet's wall time also"
                + " includes writing%nthe inventory (a DynamoDB write per certificate and binding) and reading all six"
                + " sources;%nthe baseline reads ACM and ELBv2 only and writes nothing. moto has no quotas: the last"
                + " column is the%nleast time AWS's published per-account-region quotas allow for the calls made.%n");
        System.out.printf("%ncertfleet re-scan calls by operation: %s%n", merged(rescan));
        System.out.printf("naive re-scan calls by operation:     %s%n", merged(naiveRescan));
    }

    private static Map<String, Long> merged(Row row) {
        Map<String, Long> total = new TreeMap<>();
        row.callsPerItem().forEach(calls -> calls.forEach((op, count) -> total.merge(op, count, Long::sum)));
        return total;
    }

    /** Organization of {@code accounts} (the management account and members), each region seeded alike. */
    private static List<String> seed(AwsClients clients, int accounts, int certificates, int listeners) {
        FleetSeeder seeder = new FleetSeeder(clients);
        seeder.ensureOrganization();
        List<String> ids = new ArrayList<>(List.of(clients.sts().getCallerIdentity().account()));
        for (int i = 1; i < accounts; i++) {
            ids.add(seeder.ensureAccount("bench-" + i, Map.of("owner", "team-" + i)));
        }
        IssuedCertificate ca = CertificateBuilder.certificate("Bench CA").certificateAuthority().build();
        KeyPair ec = CertificateBuilder.generateKeyPair(KeyType.EC_P256);
        KeyPair rsa = CertificateBuilder.generateKeyPair(KeyType.RSA_2048);
        Instant now = Instant.now();
        for (String account : ids) {
            for (Region region : REGIONS) {
                try (FleetSeeder.Account seed = seeder.in(account, region)) {
                    List<String> arns = new ArrayList<>();
                    for (int c = 0; c < certificates; c++) {
                        boolean useRsa = c % 4 == 0;
                        String name = "c" + c + "." + region.id() + "." + account + ".bench.test";
                        arns.add(seed.importCertificate(CertificateBuilder.certificate(name).dnsNames(name)
                                .keyType(useRsa ? KeyType.RSA_2048 : KeyType.EC_P256).keyPair(useRsa ? rsa : ec)
                                .issuedBy(ca).validFor(now, Duration.ofDays(10 + c % 360)).build(),
                                c % 3 == 0 ? Map.of("owner", "cert-owner") : Map.of()));
                    }
                    for (int l = 0; l < listeners; l++) {
                        seed.httpsLoadBalancer("lb-" + l, Map.of(), 443, "ELBSecurityPolicy-TLS13-1-2-2021-06",
                                arns.get(3 * l), List.of(arns.get(3 * l + 1), arns.get(3 * l + 2)));
                    }
                }
            }
        }
        return ids;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
