package io.certfleet.bench;

import io.certfleet.adapters.aws.ApiCallRecorder;
import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.AwsSettings;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.api.ApiRequest;
import io.certfleet.api.ApiResponse;
import io.certfleet.api.ApiSpec;
import io.certfleet.api.InventoryApi;
import io.certfleet.api.PageCursor;
import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryQuery;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.ownership.OwnershipSource;
import io.certfleet.local.MotoServer;
import io.certfleet.testing.InventoryFixtures;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.awssdk.regions.Region;

/**
 * The inventory API over a large fleet on moto: N certificates (100,000 unless {@code -Dbench.certificates}), one
 * endpoint each for a tenth of them, 20 owners. Measures the time per {@code GET /certificates} page (the first 20
 * pages of 100, and a selective filter's bounded pages), a full {@code GET /export} (rows per second; larger than a
 * response, so it streams to moto's S3 and answers 303) and the heap it held at most, against the baseline of
 * listing the whole inventory in memory (what the API did before pages walked the indexes).
 *
 * <pre>./mvnw -B -q -Pbench-api -pl functions/bench -am verify -DskipTests [-Dbench.certificates=N]</pre>
 */
public final class ApiBenchmark {

    private static final int PAGES = 20;

    private ApiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int certificates = Integer.getInteger("bench.certificates", 100_000);
        ApiCallRecorder recorder = new ApiCallRecorder();
        try (MotoServer moto = MotoServer.start(System.getenv().getOrDefault("CERTFLEET_PYTHON", "python3"),
                MotoServer.Concurrency.THREADED, Duration.ofSeconds(120));
             AwsClients clients = new AwsClients(AwsSettings.forEmulator(moto.endpoint(), Region.US_EAST_1),
                     List.of(recorder), EmulatorCallPolicy.AT_SCALE)) {
            Wiring wiring = new Wiring(clients, Clock.systemUTC(), CertfleetSettings.defaults()
                    .withTableName("bench-api").withRateLimits(RateLimits.UNLIMITED));
            wiring.inventoryTable().ensureExists();
            clients.s3().createBucket(request -> request.bucket("bench-exports"));
            long seeded = seed(wiring, certificates);
            System.out.printf(Locale.ROOT, "Seeded %,d certificates (%,d endpoints) in %.1f s%n", certificates,
                    certificates / 10, seeded / 1000.0);
            long listsStarted = System.nanoTime();
            long listsCallsBefore = calls(recorder);
            wiring.inventory().ensureBindingLists(); // the seed wrote as an older certfleet did: migrate once
            System.out.printf(Locale.ROOT, "Binding lists made for the seeded table (the one-time step of a table "
                            + "written before them) in %.1f s, %,d AWS calls%n",
                    (System.nanoTime() - listsStarted) / 1e9, calls(recorder) - listsCallsBefore);

            InventoryApi api = new InventoryApi(ApiSpec.load(), wiring.compliance(), new PageCursor(new byte[32],
                    wiring.clock()), new InventoryApi.Exports(4L * 1024 * 1024, Optional.of(wiring.exportSpill(
                    "bench-exports"))));
            List<Long> pages = new ArrayList<>();
            long callsBefore = calls(recorder);
            String cursor = null;
            for (int page = 0; page < PAGES; page++) {
                Map<String, String> query = new HashMap<>(Map.of("limit", "100"));
                if (cursor != null) {
                    query.put("cursor", cursor);
                }
                long started = System.nanoTime();
                ApiResponse response = api.handle(new ApiRequest("GET", "/certificates", query));
                pages.add((System.nanoTime() - started) / 1_000_000);
                cursor = next(response);
                if (cursor == null) {
                    break;
                }
            }
            double callsPerPage = (calls(recorder) - callsBefore) / (double) pages.size();
            long selectiveStarted = System.nanoTime();
            ApiResponse selective = api.handle(new ApiRequest("GET", "/certificates", Map.of("environment", "rare",
                    "limit", "100")));
            long selectiveMs = (System.nanoTime() - selectiveStarted) / 1_000_000;

            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long exportCallsBefore = calls(recorder);
            Measured export = measure(memory, () -> api.handle(new ApiRequest("GET", "/export",
                    Map.of("format", "csv"))));
            ApiResponse exported = (ApiResponse) export.result();
            long exportCalls = calls(recorder) - exportCallsBefore;
            Measured baseline = measure(memory, () -> wiring.listInventory().list(InventoryQuery.ALL_PRESENT));
            int listed = ((List<?>) baseline.result()).size();

            pages.sort(null);
            System.out.printf(Locale.ROOT, "GET /certificates, limit 100: %d pages, median %d ms, max %d ms, %.1f "
                            + "DynamoDB calls per page (1 index query; the page's binding lists, bindings and probes "
                            + "read by key, 100 a call)%n", pages.size(), pages.get(pages.size() / 2), pages.getLast(),
                    callsPerPage);
            System.out.printf(Locale.ROOT, "GET /certificates?environment=rare (1 in 1,000): %d ms for a page of %s "
                    + "(bounded: at most 5,000 certificates read per page)%n", selectiveMs, items(selective));
            long rows = Long.parseLong(exported.headers().getOrDefault("X-Certfleet-Rows", "0"));
            System.out.printf(Locale.ROOT, "GET /export?format=csv: %d, %,d rows in %.1f s = %,.0f rows/s; heap held "
                            + "at most %.1f MB over its start; %,d AWS calls%n", exported.status(), rows,
                    export.millis() / 1000.0, rows * 1000.0 / Math.max(1, export.millis()),
                    export.peakBytes() / 1e6, exportCalls);
            System.out.printf(Locale.ROOT, "Baseline, the whole inventory listed in memory: %,d certificates in "
                            + "%.1f s, heap held at most %.1f MB%n", listed, baseline.millis() / 1000.0,
                    baseline.peakBytes() / 1e6);
            System.out.printf(Locale.ROOT, "Ratios: export heap / baseline heap %.2f; export time / baseline time "
                            + "%.2f. Goal: export heap under 256 MB whatever the fleet size: %s%n",
                    export.peakBytes() / (double) Math.max(1, baseline.peakBytes()),
                    export.millis() / (double) Math.max(1, baseline.millis()),
                    export.peakBytes() < 256_000_000L ? "met" : "NOT MET");
            if (exported.status() != 303 && certificates >= 20_000 || rows != certificates) {
                throw new IllegalStateException("the export answered " + exported.status() + " with " + rows
                        + " rows for " + certificates + " certificates");
            }
        }
    }

    private static long calls(ApiCallRecorder recorder) {
        return recorder.snapshot().values().stream().mapToLong(Long::longValue).sum();
    }

    private static String next(ApiResponse response) {
        int at = response.body().indexOf("\"nextCursor\":\"");
        if (at < 0) {
            return null;
        }
        int start = at + "\"nextCursor\":\"".length();
        return response.body().substring(start, response.body().indexOf('"', start));
    }

    private static String items(ApiResponse response) {
        return response.body().contains("\"items\":[]") ? "0 items" : "some items";
    }

    /** Time, and the most heap used over the start (sampled every 10 ms), of one call. */
    private record Measured(Object result, long millis, long peakBytes) {
    }

    private static Measured measure(MemoryMXBean memory, Supplier<Object> call) throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        long start = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(start);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long started = System.nanoTime();
        Object result = call.get();
        long millis = (System.nanoTime() - started) / 1_000_000;
        sampler.interrupt();
        sampler.join();
        return new Measured(result, millis, Math.max(0, peak.get() - start));
    }

    /** Certificates and endpoints written in batches, as a re-scan writes them. */
    private static long seed(Wiring wiring, int count) {
        long started = System.nanoTime();
        Instant now = wiring.clock().instant();
        CertificateFacts template = InventoryFixtures.facts("bench.example.test", now.plus(Duration.ofDays(90)));
        ScanScope scope = new ScanScope("123456789012", "us-east-1");
        List<InventoryRecord> records = new ArrayList<>();
        List<BindingRecord> bindings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String arn = String.format("arn:aws:acm:us-east-1:123456789012:certificate/bench-%07d", i);
            CertificateFacts facts = new CertificateFacts("CN=bench-" + i + ".example.test", template.sans(),
                    template.issuer(), template.serial(), String.format("%064x", i), template.notBefore(),
                    now.plus(Duration.ofMinutes(5L * i)), template.keyAlgorithm(), template.keySize(),
                    template.signatureAlgorithm(), template.chain());
            records.add(InventoryFixtures.record(arn).scope(scope).facts(facts)
                    .owner("team-" + (i % 20), OwnershipSource.CERTIFICATE_TAG)
                    .environment(i % 1000 == 999 ? "rare" : "prod").seenAt(now).build());
            if (i % 10 == 0) {
                bindings.add(InventoryFixtures.binding("arn:aws:elasticloadbalancing:us-east-1:123456789012:"
                        + "listener/app/bench/" + i + "/443", arn).scope(scope).seenAt(now).build());
            }
            if (records.size() == 1000) {
                wiring.inventory().recordSeenAgain(records);
                records.clear();
            }
        }
        wiring.inventory().recordSeenAgain(records);
        wiring.inventory().recordBindingsSeenAgain(bindings);
        return (System.nanoTime() - started) / 1_000_000;
    }
}
