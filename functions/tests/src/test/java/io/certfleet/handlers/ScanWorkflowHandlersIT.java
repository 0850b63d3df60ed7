package io.certfleet.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.core.inventory.InventoryQuery;
import io.certfleet.local.FleetSeeder;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.testing.SampleEvents;
import io.certfleet.local.LocalLambdaContext;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;

/** The scan workflow's three handlers, chained by hand as the state machine chains them, on the emulator. */
@ExtendWith(AwsEmulatorExtension.class)
class ScanWorkflowHandlersIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AwsEmulator emulator;
    private final Wiring wiring;

    ScanWorkflowHandlersIT(AwsEmulator emulator) {
        this.emulator = emulator;
        this.wiring = new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults()
                .withTableName("workflow-it").withRateLimits(RateLimits.UNLIMITED));
    }

    @BeforeEach
    void fleetAndTable() {
        emulator.resetNow();
        wiring.inventoryTable().ensureExists();
        IssuedCertificate ca = CertificateBuilder.certificate("Workflow CA").certificateAuthority().build();
        for (Region region : new Region[] {Region.US_EAST_1, Region.EU_WEST_1}) {
            try (FleetSeeder.Account account = new FleetSeeder(emulator.clients()).in(AwsEmulator.ACCOUNT_ID, region)) {
                String name = region.id() + ".workflow.test";
                account.importCertificate(CertificateBuilder.certificate(name).dnsNames(name).issuedBy(ca)
                        .validFor(Instant.now(), Duration.ofDays(40)).build(), Map.of());
            }
        }
    }

    @Test
    void plannerWorkersAndSummaryScanTheManualStartsAccountsAndRegions() throws Exception {
        JsonNode plan = invoke(new ScanPlannerHandler(wiring), SampleEvents.read("scan-planner-manual-start.json"));
        assertThat(plan.path("items")).hasSize(2);

        for (JsonNode item : plan.path("items")) {
            JsonNode done = invoke(new ScanWorkerHandler(wiring), item.toString());
            assertThat(done.path("complete").asBoolean()).isTrue();
            assertThat(done.path("certificates").asInt()).isEqualTo(1);
        }
        JsonNode summary = invoke(new ScanSummaryHandler(wiring),
                "{\"scanId\": \"" + plan.path("scanId").asText() + "\"}");

        assertThat(summary.path("accountRegionsPlanned").asInt()).isEqualTo(2);
        assertThat(summary.path("accountRegionsScanned").asInt()).isEqualTo(2);
        assertThat(summary.path("coverage").asDouble()).isEqualTo(1.0);
        assertThat(summary.path("certificates").asInt()).isEqualTo(2);
        assertThat(summary.path("apiCalls").path("acm:ListCertificates").asInt()).isEqualTo(2);
        assertThat(wiring.inventory().find(InventoryQuery.ALL_PRESENT)).hasSize(2);
    }

    @Test
    void anItemWhoseWorkerNeverReportedCountsAsNotScanned() throws Exception {
        JsonNode plan = invoke(new ScanPlannerHandler(wiring), SampleEvents.read("scan-planner-manual-start.json"));
        invoke(new ScanWorkerHandler(wiring), plan.path("items").get(0).toString());

        JsonNode summary = invoke(new ScanSummaryHandler(wiring),
                "{\"scanId\": \"" + plan.path("scanId").asText() + "\"}");

        assertThat(summary.path("accountRegionsScanned").asInt()).isEqualTo(1);
        assertThat(summary.path("errors")).singleElement().satisfies(error -> {
            assertThat(error.path("region").asText()).isEqualTo("eu-west-1");
            assertThat(error.path("message").asText()).contains("the worker failed or timed out");
        });
    }

    @Test
    void aScheduleTickPlansTheCallersAccountInTheConfiguredRegion() throws Exception {
        JsonNode plan = invoke(new ScanPlannerHandler(wiring), SampleEvents.read("scan-planner-scheduled-event.json"));

        assertThat(plan.path("items")).singleElement().satisfies(item -> {
            assertThat(item.path("accountId").asText()).isEqualTo(AwsEmulator.ACCOUNT_ID);
            assertThat(item.path("region").asText()).isEqualTo("us-east-1");
            assertThat(item.path("includesGlobalSources").asBoolean()).isTrue();
        });
    }

    @Test
    void summarizingAnUnknownScanIsRefused() {
        assertThatThrownBy(() -> invoke(new ScanSummaryHandler(wiring), SampleEvents.read("scan-summary-request.json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no scan plan stored for scan id '20261127T060000Z-5f3c9a1b'");
    }

    private static JsonNode invoke(RequestStreamHandler handler, String input)
            throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), output,
                new LocalLambdaContext("certfleet-test", line -> { }));
        return JSON.readTree(output.toByteArray());
    }
}
