package io.certfleet.bench.coldstart;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.AwsSettings;
import io.certfleet.adapters.aws.dynamodb.InventoryTable;
import io.certfleet.local.FleetSeeder;
import io.certfleet.local.MotoServer;
import io.certfleet.core.fleet.ScanPlan;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.time.Clock;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.regions.Region;

/**
 * Cold starts of every certfleet function from the deployed jar, each in a fresh JVM (the Lambda JVM flags), beside
 * a hello-world handler in the same run, against moto: class loading + construction ("init"), then the first
 * invocation with the function's sample event, without and with the SnapStart priming hook run in between (what a
 * snapshot holds when the function is restored). Median of {@code -Dbench.runs} (default 3) runs each.
 *
 * <pre>./mvnw -B -q -Pbench-coldstart -pl functions/bench -am verify -DskipTests</pre>
 */
public final class ColdStartBenchmark {

    private static final String TABLE = "certfleet-coldstart";
    /** Passed to the children so that the summary's event can name the planned scan. */
    static final String SCAN_ID = "CERTFLEET_BENCH_SCAN_ID";
    private static final List<String[]> HANDLERS = List.of(
            new String[] {"hello-world", HelloWorldHandler.class.getName(), "scan-summary-request.json"},
            new String[] {"Planner", "io.certfleet.handlers.ScanPlannerHandler", "scan-planner-manual-start.json"},
            new String[] {"Worker", "io.certfleet.handlers.ScanWorkerHandler", "scan-worker-item.json"},
            new String[] {"Prober", "io.certfleet.handlers.ProbeWorkerHandler", "probe-worker-item.json"},
            new String[] {"Judge", "io.certfleet.handlers.PolicyWorkerHandler", "policy-worker-item.json"},
            new String[] {"Summary", "io.certfleet.handlers.ScanSummaryHandler", "scan-summary-request.json"},
            new String[] {"Alerter", "io.certfleet.handlers.ExpiryAlertHandler", "expiry-alert-scheduled-event.json"},
            new String[] {"AcmEvents", "io.certfleet.handlers.AcmEventHandler", "acm-approaching-expiration.json"});

    private ColdStartBenchmark() {
    }

    record Run(double initMs, double primingMs, double firstInvokeMs, long classes, boolean ok, long sinceJvmStartMs) {
    }

    public static void main(String[] args) throws Exception {
        Path root = projectRoot();
        Path jar = root.resolve("functions/lambda/target/certfleet-lambda.jar");
        Path bench = Path.of(OneColdStart.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        int runs = Integer.getInteger("bench.runs", 3);
        try (MotoServer moto = MotoServer.start(Duration.ofSeconds(60));
             AwsClients aws = new AwsClients(AwsSettings.forEmulator(moto.endpoint(), Region.US_EAST_1))) {
            Map<String, String> environment = seed(aws, moto);
            System.out.printf("Cold starts from %s (%.1f MB), %d run(s) each, median; JVM flags as deployed%n",
                    root.relativize(jar), Files.size(jar) / 1e6, runs);
            System.out.printf("%-12s %9s %9s %11s %9s %13s %9s %13s %8s%n", "function", "init ms", "x hello",
                    "JVM+init ms", "x hello", "1st call ms", "classes", "primed 1st ms", "prime ms");
            double helloInit = 0;
            double helloBoot = 0;
            for (String[] handler : HANDLERS) {
                Run cold = median(runs, () -> once(jar, bench, handler, false, environment, root));
                Run primed = median(runs, () -> once(jar, bench, handler, true, environment, root));
                if (handler[0].equals("hello-world")) {
                    helloInit = cold.initMs();
                    helloBoot = cold.sinceJvmStartMs();
                }
                System.out.printf("%-12s %9.1f %9.1f %11d %9.1f %13.1f %9d %13.1f %8.1f%s%n", handler[0],
                        cold.initMs(), cold.initMs() / helloInit, cold.sinceJvmStartMs(),
                        cold.sinceJvmStartMs() / helloBoot, cold.firstInvokeMs(), cold.classes(),
                        primed.firstInvokeMs(), primed.primingMs(),
                        cold.ok() && primed.ok() ? "" : "  (the invocation failed: see above)");
            }
        }
    }

    /** The table, bus, topic and one certificate the sample events refer to; the functions' environment. */
    private static Map<String, String> seed(AwsClients aws, MotoServer moto) {
        new InventoryTable(aws.dynamoDb(), TABLE).ensureExists();
        aws.eventBridge().createEventBus(request -> request.name("certfleet"));
        String topic = aws.sns().createTopic(request -> request.name("certfleet-alerts")).topicArn();
        FleetSeeder seeder = new FleetSeeder(aws);
        seeder.ensureOrganization();
        try (FleetSeeder.Account account = seeder.in("123456789012", Region.US_EAST_1)) {
            account.importCertificate(CertificateBuilder.certificate("coldstart.example.test")
                    .dnsNames("coldstart.example.test").validFor(Instant.now(), Duration.ofDays(30)).build(),
                    Map.of("owner", "bench-team"));
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
        environment.put("AWS_REGION", "us-east-1");
        environment.put("CERTFLEET_TABLE", TABLE);
        environment.put("CERTFLEET_RATE_LIMITS", "off");
        environment.put("CERTFLEET_ALERT_TOPIC_ARN", topic);
        environment.put("CERTFLEET_EVENT_BUS", "certfleet");
        // The summary's sample event names a scan: plan one, as the planner would, under that id.
        Wiring wiring = new Wiring(aws, Clock.systemUTC(), CertfleetSettings.fromEnvironment(environment));
        ScanPlan plan = wiring.startScan().start(new io.certfleet.core.fleet.AccountSelection.Organization(),
                List.of("us-east-1"));
        environment.put(SCAN_ID, plan.scanId());
        return environment;
    }

    private static Run once(Path jar, Path bench, String[] handler, boolean prime, Map<String, String> environment,
                            Path root) {
        try {
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder builder = new ProcessBuilder(java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                    "-cp", jar + File.pathSeparator + bench, OneColdStart.class.getName(), handler[1],
                    root.resolve("events").resolve(handler[2]).toString(), Boolean.toString(prime))
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().putAll(environment);
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes()).strip();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(handler[0] + " did not complete: " + out);
            }
            String[] fields = out.lines().reduce((first, last) -> last).orElseThrow().split(" ");
            return new Run(Double.parseDouble(fields[1]), Double.parseDouble(fields[2]), Double.parseDouble(fields[3]),
                    Long.parseLong(fields[4]), Boolean.parseBoolean(fields[5]), Long.parseLong(fields[6]));
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Run median(int runs, java.util.function.Supplier<Run> one) {
        List<Run> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            all.add(one.get());
        }
        all.sort(java.util.Comparator.comparingDouble(run -> run.initMs() + run.firstInvokeMs()));
        return all.get(all.size() / 2);
    }

    private static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        while (here != null && !Files.isDirectory(here.resolve("events/schemas"))) {
            here = here.getParent();
        }
        if (here == null) {
            throw new IllegalStateException("run from the project (events/schemas not found above the working dir)");
        }
        return here;
    }
}
