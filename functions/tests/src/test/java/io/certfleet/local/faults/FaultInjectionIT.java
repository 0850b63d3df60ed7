package io.certfleet.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.certfleet.adapters.aws.ApiCallRecorder;
import io.certfleet.adapters.aws.AwsCallPolicy;
import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.AwsSettings;
import io.certfleet.adapters.aws.RateLimiter;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.cli.CertfleetCli;
import io.certfleet.cli.ExitCode;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The fault-injecting proxy in front of the real emulator: each kind of fault reads as the called service's own
 * error (the SDK retries it; throttling is classified as throttling), and the whole demo — scan, probe, policy
 * judge, alerts, staged rotations, the next scan — ends exactly as a clean run when 20 % of AWS calls fault.
 */
@ExtendWith(AwsEmulatorExtension.class)
class FaultInjectionIT {

    private final AwsEmulator emulator;

    FaultInjectionIT(AwsEmulator emulator) {
        this.emulator = emulator;
    }

    /** One call per protocol family certfleet uses, with the error code the real service sends when it throttles. */
    private static Map<String, Consumer<AwsClients>> callsByService() {
        Map<String, Consumer<AwsClients>> calls = new LinkedHashMap<>();
        calls.put("dynamodb", aws -> aws.dynamoDb().listTables());
        calls.put("acm", aws -> aws.acm().listCertificates());
        calls.put("elasticloadbalancingv2", aws -> aws.elasticLoadBalancingV2().describeLoadBalancers());
        calls.put("elasticloadbalancing", aws -> aws.elasticLoadBalancing().describeLoadBalancers());
        calls.put("iam", aws -> aws.iam().listServerCertificates());
        calls.put("cloudfront", aws -> aws.cloudFront().listDistributions(r -> { }));
        calls.put("apigateway", aws -> aws.apiGateway().getDomainNames(r -> { }));
        calls.put("apigatewayv2", aws -> aws.apiGatewayV2().getDomainNames(r -> { }));
        calls.put("tagging", aws -> aws.tagging().getResources(r -> { }));
        calls.put("sns", aws -> aws.sns().listTopics());
        calls.put("sts", aws -> aws.sts().getCallerIdentity());
        calls.put("eventbridge", aws -> aws.eventBridge().listEventBuses(r -> { }));
        calls.put("cloudwatch", aws -> aws.cloudWatch().listMetrics(r -> { }));
        calls.put("s3", aws -> aws.s3().listBuckets());
        return calls;
    }

    @Test
    void everyFaultIsRetriedAndThrottlingIsClassifiedAsThrottlingInEveryProtocol() {
        for (FaultKind kind : FaultKind.values()) {
            callsByService().forEach((service, call) -> {
                ApiCallRecorder recorder = new ApiCallRecorder();
                try (FaultInjectingProxy proxy = FaultInjectingProxy.start(emulator.endpoint(),
                        new FaultPlan(1.0, 7, List.of(kind)));
                     AwsClients aws = new AwsClients(AwsSettings.forEmulator(proxy.endpoint(), AwsEmulator.REGION),
                             List.of(recorder), new AwsCallPolicy(Duration.ofSeconds(30), 3))) {
                    Throwable failure = catchThrowable(() -> call.accept(aws));

                    String what = kind + " to " + service;
                    // HttpURLConnection sends a GET again, once, when its connection drops before any answer (its
                    // own transport retry, below the SDK's): 2 requests per attempt then.
                    boolean connectionEnds = kind == FaultKind.DROPPED_CONNECTION || kind == FaultKind.RESPONSE_LOST;
                    assertThat(proxy.counts().requests()).as(what + ": every attempt reached the proxy")
                            .isIn(3L, connectionEnds ? 6L : 3L);
                    assertThat(recorder.retries().values()).as(what + ": retried twice").containsExactly(2L);
                    assertThat(recorder.failures().values()).as(what).containsExactly(1L);
                    switch (kind) {
                        case THROTTLING -> assertThat(failure).as(what).isInstanceOfSatisfying(
                                AwsServiceException.class, e -> assertThat(e.isThrottlingException())
                                        .as(what + ": " + e.awsErrorDetails()).isTrue());
                        case SERVICE_UNAVAILABLE -> assertThat(failure).as(what).isInstanceOfSatisfying(
                                AwsServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
                        case INTERNAL_ERROR -> assertThat(failure).as(what).isInstanceOfSatisfying(
                                AwsServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
                        case DROPPED_CONNECTION, RESPONSE_LOST -> assertThat(failure).as(what)
                                .isInstanceOf(SdkClientException.class);
                    }
                }
            });
        }
    }

    /** A lost response is the worst case for a retry: the service acted, the client heard nothing. */
    @Test
    void aLostResponseLetsTheServiceActAndTheClientHearNothing() {
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(emulator.endpoint(),
                new FaultPlan(1.0, 3, List.of(FaultKind.RESPONSE_LOST)));
             AwsClients aws = new AwsClients(AwsSettings.forEmulator(proxy.endpoint(), AwsEmulator.REGION),
                     List.of(), new AwsCallPolicy(Duration.ofSeconds(10), 1))) {
            assertThat(catchThrowable(() -> aws.sns().createTopic(r -> r.name("lost-answer"))))
                    .isInstanceOf(SdkClientException.class);
        }
        assertThat(emulator.clients().sns().listTopics().topics()).anyMatch(topic -> topic.topicArn()
                .endsWith(":lost-answer"));
    }

    /** A request the proxy fails without meaning to (here: nothing listens behind it) is counted apart, and named. */
    @Test
    void aRequestTheProxyCouldNotForwardIsCountedAsUnplanned() {
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(java.net.URI.create("http://127.0.0.1:1"),
                new FaultPlan(0.0, 1, List.of(FaultKind.THROTTLING)));
             AwsClients aws = new AwsClients(AwsSettings.forEmulator(proxy.endpoint(), AwsEmulator.REGION),
                     List.of(), new AwsCallPolicy(Duration.ofSeconds(10), 1))) {
            assertThat(catchThrowable(() -> aws.sts().getCallerIdentity())).isInstanceOf(SdkClientException.class);

            assertThat(proxy.counts().faults()).isZero();
            // HttpURLConnection sends a request whose connection dropped once more on its own: 1 or 2 requests.
            assertThat(proxy.counts().requests()).isBetween(1L, 2L);
            assertThat(proxy.counts().unplanned()).hasSize((int) proxy.counts().requests())
                    .allSatisfy(failure -> assertThat(failure).startsWith("POST sts: ")
                            .contains("ConnectException"));
        }
    }

    /**
     * The rate limiter holds a call back before it starts; the call's ceiling counts from its first attempt, so a
     * throttled family's wait never turns into a timeout.
     */
    @Test
    void theRateLimitersWaitIsNotPartOfTheCallCeiling() {
        ApiCallRecorder recorder = new ApiCallRecorder();
        RateLimiter oneEveryTwoSeconds = new RateLimiter(new RateLimits(Map.of("dynamodb:",
                new RateLimits.Rate(0.5, 1))));
        try (AwsClients aws = new AwsClients(AwsSettings.forEmulator(emulator.endpoint(), AwsEmulator.REGION),
                List.of(recorder, oneEveryTwoSeconds), new AwsCallPolicy(Duration.ofSeconds(1), 3))) {
            long started = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                aws.dynamoDb().listTables();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(3500));
        }
        assertThat(recorder.snapshot()).containsEntry("dynamodb:ListTables", 3L);
        assertThat(recorder.failures()).isEmpty();
    }

    @Test
    void theSameSeedFaultsTheSameRequests() {
        FaultPlan one = FaultPlan.of(0.2, 42);
        FaultPlan two = FaultPlan.of(0.2, 42);
        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            first.append(one.next("acm")).append(',');
            second.append(two.next("acm")).append(',');
        }
        assertThat(first.toString()).isEqualTo(second.toString());
        assertThat(one.counts().rate()).isBetween(0.15, 0.25);
        assertThat(one.counts().byKind()).containsOnlyKeys(FaultPlan.BEFORE_THE_SERVICE.toArray(FaultKind[]::new));
    }

    /**
     * The demo is certfleet's whole loop on the emulator. Under 20 % faults every user-visible result must equal the
     * clean run's: only identifiers the emulator draws anew (account ids, ARNs, distribution ids, fresh stand-in
     * certificates' fingerprints), timings and the retry counts may differ. Every injected fault is one retried
     * attempt: no call gave up, nothing was skipped.
     */
    @Test
    void theWholeLoopUnderTwentyPercentFaultsEndsExactlyAsTheCleanRun() {
        emulator.resetNow();
        String clean = runDemo();
        emulator.resetNow();
        String faulted = runDemo("--faults", "20%", "--fault-seed", "12");

        Matcher unplanned = Pattern.compile("Requests that failed without a planned fault: (\\d+): (.*)")
                .matcher(faulted);
        long proxyFailures = unplanned.find() ? Long.parseLong(unplanned.group(1)) : 0;
        String proxyFailed = proxyFailures == 0 ? "none" : unplanned.group(2);
        // Only the differing lines on failure (- clean, + faulted): the two outputs are ~160 lines each.
        assertThat(lineDiff(comparable(clean).lines().toList(), comparable(faulted).lines().toList()))
                .as("how the faulted run's output differs from the clean run's (requests that failed without a "
                        + "planned fault: %s)", proxyFailed).isEmpty();
        String tally = faulted.lines().filter(line -> line.startsWith("Injected") || line.startsWith("AWS calls")
                || line.startsWith("Retried") || line.startsWith("Requests")).collect(Collectors.joining("\n"));
        Matcher injected = Pattern.compile("Injected faults: (\\d+) of (\\d+) requests.*DROPPED_CONNECTION=(\\d+)")
                .matcher(faulted);
        assertThat(injected.find()).as(faulted).isTrue();
        long faults = Long.parseLong(injected.group(1));
        long requests = Long.parseLong(injected.group(2));
        long dropped = Long.parseLong(injected.group(3));
        assertThat((double) faults / requests).as("the share of requests faulted").isBetween(0.15, 0.25);
        Matcher calls = Pattern.compile("AWS calls of this run: (\\d+), (\\d+) attempt\\(s\\) retried").matcher(faulted);
        assertThat(calls.find()).isTrue();
        long retried = Long.parseLong(calls.group(2));
        // Each fault is one more attempt: the SDK's retry, or (a dropped request) HttpURLConnection's own resend; a
        // request that failed without a planned fault (the emulator unreachable a moment, or its own 5xx) is sent
        // again the same way.
        assertThat(retried).as("retries against %d faults, %d dropped, %d failed unplanned:%n%s", faults, dropped,
                proxyFailures, tally).isBetween(faults - dropped, faults + proxyFailures);
        assertThat(Long.parseLong(calls.group(1)) + faults + proxyFailures)
                .as("requests the proxy saw: calls, their retries, and resends of what failed unplanned:%n%s", tally)
                .isEqualTo(requests);
        assertThat(proxyFailures).as("requests that failed without a planned fault: %s", proxyFailed)
                .isLessThanOrEqualTo(3);
        assertThat(faulted).containsPattern("THROTTLING=[1-9]").containsPattern("DROPPED_CONNECTION=[1-9]")
                .containsPattern("SERVICE_UNAVAILABLE=[1-9]").containsPattern("INTERNAL_ERROR=[1-9]");
        assertThat(faulted).containsPattern("AWS API calls: \\d+ \\([1-9]\\d* retried\\)")
                .as("the scan summary counts its retries");
        System.out.println("[fault-injection] " + tally);
    }

    @Test
    void aFingerprintPrefixOfDigitsOnlyIsNotTakenForAnAccountId() {
        assertThat(comparable("(sha256 123456789012..., signed) in 123456789012")).isEqualTo(
                "(sha256 <sha256>, signed) in <account>\n");
    }

    @Test
    void theLineDiffNamesOnlyTheLinesThatDiffer() {
        assertThat(lineDiff(List.of("a", "b", "c"), List.of("a", "b", "c"))).isEmpty();
        assertThat(lineDiff(List.of("a", "b", "c", "d"), List.of("a", "c", "x", "d", "e")))
                .isEqualTo("- b\n+ x\n+ e\n");
    }

    /** The lines only one side has, in order (a longest-common-subsequence diff), so a failure names what changed. */
    static String lineDiff(List<String> before, List<String> after) {
        int[][] common = new int[before.size() + 1][after.size() + 1];
        for (int i = before.size() - 1; i >= 0; i--) {
            for (int j = after.size() - 1; j >= 0; j--) {
                common[i][j] = before.get(i).equals(after.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        StringBuilder diff = new StringBuilder();
        int i = 0;
        int j = 0;
        while (i < before.size() || j < after.size()) {
            if (i < before.size() && j < after.size() && before.get(i).equals(after.get(j))) {
                i++;
                j++;
            } else if (j == after.size() || (i < before.size() && common[i + 1][j] >= common[i][j + 1])) {
                diff.append("- ").append(before.get(i++)).append('\n');
            } else {
                diff.append("+ ").append(after.get(j++)).append('\n');
            }
        }
        return diff.toString();
    }

    private String runDemo(String... options) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = new String[3 + options.length];
        args[0] = "demo";
        args[1] = "--endpoint";
        args[2] = emulator.endpoint().toString();
        System.arraycopy(options, 0, args, 3, options.length);
        int exit = CertfleetCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertThat(err.toString()).isEmpty();
        assertThat(exit).as(out.toString()).isEqualTo(ExitCode.OK);
        return out.toString();
    }

    /**
     * The demo's output without what legitimately differs between two runs: the emulator's fresh identifiers (ARNs
     * among them) and
     * the stand-ins' fresh certificates, clock readings and durations, call and retry counts (polling loops and
     * retries vary with timing), and the lines about the proxy itself.
     */
    static String comparable(String output) {
        return output.lines()
                .filter(line -> !line.startsWith("certfleet demo on") && !line.startsWith("AWS calls of this run")
                        && !line.startsWith("Injected faults") && !line.startsWith("Retried by service")
                        && !line.startsWith("Requests by service")
                        && !line.startsWith("Requests that failed without a planned fault"))
                .map(line -> line
                        .replaceAll("\\barn:aws:[^\\s)\"]+", "<arn>")
                        // Fingerprints before account ids: a fingerprint's 12-hex prefix may be all digits.
                        .replaceAll("\\b[0-9a-f]{64}\\b|\\b[0-9a-f]{12}\\.\\.\\.", "<sha256>")
                        .replaceAll("\\b\\d{12}\\b", "<account>")
                        .replaceAll("\\b\\d{8}T\\d{6}Z-[0-9a-f]{8}\\b", "<scan>")
                        .replaceAll("\\b[0-9a-f]{40,}…", "<sha256>…")
                        .replaceAll("\\bE?[A-Z0-9]{13,14}\\b", "<distribution>")
                        .replaceAll("-[0-9a-f]{4}\\b", "-<id>")
                        .replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z", "<instant>")
                        .replaceAll("\\d+(\\.\\d+)? (ms|s)\\b", "<duration>")
                        .replaceAll("AWS API calls: \\d+ \\(\\d+ retried\\)", "AWS API calls: <n>")
                        .replaceAll("p90 <duration>", "p90 <duration>"))
                .reduce("", (all, line) -> all + line + "\n");
    }
}
