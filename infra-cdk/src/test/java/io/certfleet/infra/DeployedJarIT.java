package io.certfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.adapters.aws.dynamodb.DynamoDbInventoryRepository;
import io.certfleet.adapters.aws.dynamodb.InventoryTable;
import io.certfleet.local.LocalLambdaRuntime;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.testing.InventoryFixtures;
import io.certfleet.testing.SampleEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The functions the scan workflow does not run (ScanWorkflowLocalIT covers those), invoked from the deployed jar
 * exactly as ProGuard shrank it, with their sample events, against the emulator: whatever the shrinking removed that
 * they need at run time shows here as a failed invocation.
 */
@ExtendWith(AwsEmulatorExtension.class)
class DeployedJarIT {

    private static final String TABLE = "deployed-jar-it";
    private static final Path LOG = Path.of("target", "deployed-jar-runtime.log");
    private final AwsEmulator emulator;

    DeployedJarIT(AwsEmulator emulator) {
        this.emulator = emulator;
    }

    @Test
    void theAlerterAndAcmEventsRunFromTheDeployedJar() throws Exception {
        emulator.resetNow();
        new InventoryTable(emulator.clients().dynamoDb(), TABLE).ensureExists();
        emulator.clients().eventBridge().createEventBus(request -> request.name("certfleet"));
        String topic = emulator.clients().sns().createTopic(request -> request.name("certfleet-alerts")).topicArn();
        // A certificate 10 days from expiry: the alerter reads it (enhanced client), alerts (SNS), puts an event.
        new DynamoDbInventoryRepository(emulator.clients().dynamoDbEnhanced(), emulator.clients().dynamoDb(), TABLE)
                .recordSeen(InventoryFixtures.record("arn:aws:acm:us-east-1:123456789012:certificate/deployed-jar")
                        .facts(InventoryFixtures.facts("deployed.example.com", Instant.now().plus(Duration.ofDays(10))))
                        .build());
        try (DeployedFunctions functions = DeployedFunctions.start(Map.of("alerter", ExpiryAlerts.ALERTER,
                "acm-events", ExpiryAlerts.ACM_EVENTS), Map.of("AWS_ENDPOINT_URL", emulator.endpoint().toString(),
                "AWS_REGION", "us-east-1", "CERTFLEET_TABLE", TABLE, "CERTFLEET_ALERT_TOPIC_ARN", topic,
                "CERTFLEET_EVENT_BUS", "certfleet"), LOG)) {
            for (Map.Entry<String, String> call : Map.of("alerter", "expiry-alert-scheduled-event.json",
                    "acm-events", "acm-approaching-expiration.json").entrySet()) {
                HttpResponse<String> response = invoke(functions.endpoint(), call.getKey(),
                        SampleEvents.read(call.getValue()));
                assertThat(response.statusCode()).as(call.getKey()).isEqualTo(200);
                assertThat(response.headers().firstValue("X-Amz-Function-Error")).as("%s: %s (log: %s)",
                        call.getKey(), response.body(), LOG).isEmpty();
            }
            assertThat(Files.readString(LOG)).as("the alerter found the certificate and alerted its owner")
                    .contains("1 sent");
        }
    }

    @Test
    void theInventoryApiAnswersFromTheDeployedJarByItsDocument() throws Exception {
        emulator.resetNow();
        new InventoryTable(emulator.clients().dynamoDb(), TABLE).ensureExists();
        new DynamoDbInventoryRepository(emulator.clients().dynamoDbEnhanced(), emulator.clients().dynamoDb(), TABLE)
                .recordSeen(InventoryFixtures.record("arn:aws:acm:us-east-1:123456789012:certificate/api-jar")
                        .owner("pay-team", io.certfleet.core.ownership.OwnershipSource.CERTIFICATE_TAG)
                        .facts(InventoryFixtures.facts("api.example.com", Instant.now().plus(Duration.ofDays(40))))
                        .build());
        try (DeployedFunctions functions = DeployedFunctions.start(Map.of("api", ComplianceApi.HANDLER),
                Map.of("AWS_ENDPOINT_URL", emulator.endpoint().toString(), "AWS_REGION", "us-east-1",
                        "CERTFLEET_TABLE", TABLE, "CERTFLEET_API_CURSOR_KEY", "a".repeat(64)), LOG)) {
            HttpResponse<String> response = invoke(functions.endpoint(), "api",
                    SampleEvents.read("api-get-certificates.json"));
            assertThat(response.headers().firstValue("X-Amz-Function-Error")).as("%s (log: %s)", response.body(),
                    LOG).isEmpty();
            var answer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
            assertThat(answer.path("statusCode").asInt()).as(response.body()).isEqualTo(200);
            assertThat(answer.path("body").asText()).contains("certificate/api-jar");
            HttpResponse<String> metrics = invoke(functions.endpoint(), "api", SampleEvents.read(
                    "api-get-certificates.json").replace("/certificates", "/metrics")); // limit is not a KPI filter
            var refused = new com.fasterxml.jackson.databind.ObjectMapper().readTree(metrics.body());
            assertThat(refused.path("statusCode").asInt()).as(metrics.body()).isEqualTo(400);
        }
    }

    @Test
    void theKpiPublisherWritesEmbeddedMetricFormatLinesFromTheDeployedJar() throws Exception {
        emulator.resetNow();
        new InventoryTable(emulator.clients().dynamoDb(), TABLE).ensureExists();
        DynamoDbInventoryRepository inventory = new DynamoDbInventoryRepository(emulator.clients().dynamoDbEnhanced(),
                emulator.clients().dynamoDb(), TABLE);
        String expired = "arn:aws:acm:us-east-1:123456789012:certificate/expired-in-use";
        inventory.recordSeen(InventoryFixtures.record(expired).facts(InventoryFixtures.facts("old.example.com",
                Instant.now().minus(Duration.ofDays(3)))).build());
        inventory.recordBindingSeen(InventoryFixtures.binding("arn:aws:elasticloadbalancing:us-east-1:123456789012:"
                + "listener/app/shop/1/2", expired).build());
        inventory.recordSeen(InventoryFixtures.record("arn:aws:acm:us-east-1:123456789012:certificate/fine")
                .facts(InventoryFixtures.facts("fine.example.com", Instant.now().plus(Duration.ofDays(60)))).build());
        Path log = Path.of("target", "deployed-jar-kpis.log");
        try (DeployedFunctions functions = DeployedFunctions.start(Map.of("kpis", Governance.KPI_HANDLER),
                Map.of("AWS_ENDPOINT_URL", emulator.endpoint().toString(), "AWS_REGION", "us-east-1",
                        "CERTFLEET_TABLE", TABLE), log)) {
            HttpResponse<String> response = invoke(functions.endpoint(), "kpis", SampleEvents.read(
                    "kpi-metrics-scheduled-event.json"));
            assertThat(response.headers().firstValue("X-Amz-Function-Error")).as("%s (log: %s)", response.body(),
                    log).isEmpty();
        }
        Map<String, Double> fleet = new java.util.TreeMap<>();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : Files.readAllLines(log)) {
            if (!line.startsWith("{") || !line.contains("\"_aws\"")) {
                continue;
            }
            var emf = json.readTree(line);
            var directive = emf.path("_aws").path("CloudWatchMetrics").get(0);
            assertThat(directive.path("Namespace").asText()).isEqualTo("certfleet");
            String name = directive.path("Metrics").get(0).path("Name").asText();
            if (emf.path("Fleet").asText().equals("all")) {
                fleet.put(name, emf.path(name).asDouble());
            }
        }
        assertThat(fleet).as("EMF lines in %s", log).containsEntry("Certificates", 2.0)
                .containsEntry("Endpoints", 1.0).containsEntry("ExpiredCertificatesInUse", 1.0)
                .containsEntry("CertificatesExpired", 1.0).containsEntry("CircuitBreakerOpen", 0.0)
                .doesNotContainKey("HandshakeSuccessRate"); // nothing probed: no made-up ratio
    }

    private static HttpResponse<String> invoke(URI endpoint, String function, String event) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(endpoint.resolve("/2015-03-31/functions/" + function
                            + "/invocations")).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
