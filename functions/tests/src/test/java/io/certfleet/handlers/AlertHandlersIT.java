package io.certfleet.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.adapters.aws.ApiCallRecorder;
import io.certfleet.adapters.aws.AwsCallPolicy;
import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.AwsSettings;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.ownership.OwnershipSource;
import io.certfleet.handlers.events.InvalidEventException;
import io.certfleet.local.LocalAlertRouting;
import io.certfleet.local.LocalAlertRouting.ReceivedAlert;
import io.certfleet.local.LocalLambdaContext;
import io.certfleet.local.faults.FaultInjectingProxy;
import io.certfleet.local.faults.FaultKind;
import io.certfleet.local.faults.FaultPlan;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.testing.EventSchemas;
import io.certfleet.testing.InventoryFixtures;
import io.certfleet.testing.MutableClock;
import io.certfleet.testing.SampleEvents;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The alert handlers with their sample events on the emulator: the schedule's {@code ExpiryAlertHandler} and the
 * {@code AcmEventHandler} for ACM's own events, sharing one ledger so that ACM's daily events never repeat an
 * alert, while a renewal that needs action is news of its own.
 */
@ExtendWith(AwsEmulatorExtension.class)
class AlertHandlersIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The certificate the sample ACM events name. */
    private static final String SAMPLE_ARN =
            "arn:aws:acm:us-east-1:123456789012:certificate/61f50cd4-45b9-4259-b049-d0a53682fa4b";
    private static final Instant NOW = Instant.parse("2026-11-27T07:00:00Z");

    private final AwsEmulator emulator;
    private final MutableClock clock = new MutableClock(NOW);
    private LocalAlertRouting routing;
    private LocalAlertRouting.Routes routes;
    private Wiring wiring;

    AlertHandlersIT(AwsEmulator emulator) {
        this.emulator = emulator;
    }

    @BeforeEach
    void emulatorWithTheSampleCertificate() {
        emulator.resetNow();
        routing = new LocalAlertRouting(emulator.clients());
        routes = routing.ensure();
        wiring = new Wiring(emulator.clients(), clock, CertfleetSettings.defaults().withTableName("alert-handlers")
                .withRateLimits(RateLimits.UNLIMITED).withAlerts(routes.alertOptions()));
        wiring.inventoryTable().ensureExists();
        wiring.inventory().recordSeen(InventoryFixtures.record(SAMPLE_ARN)
                .scope(new ScanScope("123456789012", "us-east-1")).owner("shop-team", OwnershipSource.CERTIFICATE_TAG)
                .facts(InventoryFixtures.facts("shop.example.com", NOW.plus(Duration.ofDays(33).plusHours(3))))
                .build());
    }

    private JsonNode invoke(RequestStreamHandler handler, String event) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output,
                new LocalLambdaContext("certfleet-test", line -> { }));
        return JSON.readTree(output.toByteArray());
    }

    private List<JsonNode> events() {
        List<JsonNode> events = routing.drainEvents(routes.eventQueueUrl());
        events.forEach(EventSchemas::assertValid);
        return events;
    }

    @Test
    void theScheduleAlertsOnceAndAcmsDailyEventsAddNothing() throws Exception {
        String schedule = SampleEvents.read("expiry-alert-scheduled-event.json");
        String approaching = SampleEvents.read("acm-approaching-expiration.json");
        JsonNode scheduled = invoke(new ExpiryAlertHandler(wiring), schedule);
        JsonNode acmToday = invoke(new AcmEventHandler(wiring), approaching);
        clock.advance(Duration.ofDays(1)); // ACM says it again the next day: 32 days left, still the 45-day threshold
        JsonNode acmTomorrow = invoke(new AcmEventHandler(wiring), approaching);

        assertThat(scheduled.path("evaluated").asInt()).isEqualTo(1);
        assertThat(scheduled.path("sent")).singleElement().satisfies(alert -> {
            assertThat(alert.path("certificateArn").asText()).isEqualTo(SAMPLE_ARN);
            assertThat(alert.path("threshold").asLong()).isEqualTo(45);
            assertThat(alert.path("owner").asText()).isEqualTo("shop-team");
        });
        assertThat(acmToday.path("sent")).isEmpty();
        assertThat(acmToday.path("alreadySent")).hasSize(1);
        assertThat(acmTomorrow.path("sent")).isEmpty();
        assertThat(routing.drainAlerts(routes.alertQueueUrl())).hasSize(1);
        assertThat(events()).hasSize(1);
    }

    /**
     * Every handler logs the AWS calls of its invocation and the retries among them: here a third of the alert run's
     * requests are throttled on the way, the run ends as it would without, and its log counts each retry.
     */
    @Test
    void anInvocationLogsHowManyOfItsAwsCallsWereRetried() throws Exception {
        List<String> log = new java.util.ArrayList<>();
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(emulator.endpoint(),
                new FaultPlan(0.3, 5, List.of(FaultKind.THROTTLING)));
             AwsClients aws = new AwsClients(AwsSettings.forEmulator(proxy.endpoint(), AwsEmulator.REGION),
                     List.of(new ApiCallRecorder()), new AwsCallPolicy(Duration.ofSeconds(30), 10))) {
            Wiring throttled = new Wiring(aws, clock, wiring.settings());
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            new ExpiryAlertHandler(throttled).handleRequest(new ByteArrayInputStream(SampleEvents.read(
                    "expiry-alert-scheduled-event.json").getBytes(StandardCharsets.UTF_8)), output,
                    new LocalLambdaContext("certfleet-test", log::add));

            assertThat(JSON.readTree(output.toByteArray()).path("sent")).hasSize(1);
            long faults = proxy.counts().faults();
            assertThat(faults).as("throttled requests").isPositive();
            assertThat(log).last().isEqualTo(CertfleetHandler.AWS_CALLS + (proxy.counts().requests() - faults)
                    + " AWS call(s), " + faults + " attempt(s) retried, 0 failed");
        }
        assertThat(routing.drainAlerts(routes.alertQueueUrl())).hasSize(1);
    }

    @Test
    void aRenewalThatNeedsActionIsAlertedOnceWithWhatToDo() throws Exception {
        invoke(new ExpiryAlertHandler(wiring), SampleEvents.read("expiry-alert-scheduled-event.json"));
        routing.drainAlerts(routes.alertQueueUrl());
        events();

        JsonNode first = invoke(new AcmEventHandler(wiring), SampleEvents.read("acm-renewal-action-required.json"));
        JsonNode again = invoke(new AcmEventHandler(wiring), SampleEvents.read("acm-renewal-action-required.json"));

        assertThat(first.path("sent")).singleElement().satisfies(alert -> {
            assertThat(alert.path("acmRenewal").asText()).isEqualTo("FAILED: CAA_ERROR");
            assertThat(alert.path("severity").asText()).isEqualTo("high");
        });
        assertThat(again.path("sent")).isEmpty();
        List<ReceivedAlert> alerts = routing.drainAlerts(routes.alertQueueUrl());
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.subject()).isEqualTo(
                    "[certfleet high] shop.example.com: ACM cannot renew it, expires in 33 day(s)");
            assertThat(alert.message()).contains("ACM:   managed renewal FAILED: CAA_ERROR")
                    .contains("To do: a CAA record on the domain does not allow Amazon to issue");
        });
        assertThat(events()).singleElement().satisfies(event -> assertThat(event.path("detail").path("acmRenewal")
                .asText()).isEqualTo("FAILED: CAA_ERROR"));
    }

    @Test
    void anAcmEventAboutACertificateNotYetScannedSaysSo() throws Exception {
        String unknown = SampleEvents.read("acm-approaching-expiration.json")
                .replace("61f50cd4-45b9-4259-b049-d0a53682fa4b", "00000000-0000-0000-0000-000000000000");

        JsonNode result = invoke(new AcmEventHandler(wiring), unknown);

        assertThat(result.path("notInInventory")).hasSize(1);
        assertThat(result.path("notInInventory").path(0).asText()).endsWith("00000000-0000-0000-0000-000000000000");
        assertThat(result.path("sent")).isEmpty();
    }

    @Test
    void eventsThatAreNotTheirsAreRefusedSayingWhy() {
        AcmEventHandler acm = new AcmEventHandler(wiring);
        String approaching = SampleEvents.read("acm-approaching-expiration.json");

        assertThatThrownBy(() -> invoke(acm, SampleEvents.read("expiry-alert-scheduled-event.json")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("event field 'source' must be 'aws.acm', got 'aws.events'");
        assertThatThrownBy(() -> invoke(acm, approaching.replace("Approaching Expiration", "Available")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("event field 'detail-type': ACM event 'ACM Certificate Available' is not one "
                        + "certfleet ingests");
        assertThatThrownBy(() -> invoke(acm, approaching.replace("arn:aws:acm:", "arn:aws:iam:")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("an ACM event names exactly one certificate ARN in 'resources'");
        assertThatThrownBy(() -> invoke(new ExpiryAlertHandler(wiring), approaching))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("expected an EventBridge 'Scheduled Event'");
        assertThat(routing.drainAlerts(routes.alertQueueUrl())).isEmpty();
    }
}
