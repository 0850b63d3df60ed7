package io.certfleet.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.core.inventory.InventoryQuery;
import io.certfleet.handlers.events.InvalidEventException;
import io.certfleet.local.DemoFleet;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.testing.SampleEvents;
import io.certfleet.testing.TestLambdaContext;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsEmulatorExtension.class)
class ScheduledScanHandlerIT {

    private static final String TABLE = "handler-it-inventory";
    private final Wiring wiring;
    private final ScheduledScanHandler handler;

    ScheduledScanHandlerIT(AwsEmulator emulator) {
        this.wiring = new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults()
                .withTableName(TABLE).withRateLimits(RateLimits.UNLIMITED));
        this.handler = new ScheduledScanHandler(wiring);
    }

    @BeforeEach
    void tableAndCertificates() {
        wiring.inventoryTable().ensureExists();
        new DemoFleet(wiring.aws().acm(), Clock.systemUTC()).removePreviousSeed();
    }

    @Test
    void theSampleScheduledEventScansAcmIntoTheInventory() throws Exception {
        int seeded = new DemoFleet(wiring.aws().acm(), Clock.systemUTC()).seed().size();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        TestLambdaContext context = new TestLambdaContext();

        handler.handleRequest(SampleEvents.open("scheduled-event.json"), output, context);

        JsonNode result = new ObjectMapper().readTree(output.toByteArray());
        JsonNode scope = result.path("item").path("scope");
        assertThat(scope.path("accountId").asText()).isEqualTo(AwsEmulator.ACCOUNT_ID);
        assertThat(scope.path("region").asText()).isEqualTo("us-east-1");
        assertThat(result.path("certificates").asInt()).isEqualTo(seeded);
        assertThat(result.path("certificatesAdded").asInt()).isEqualTo(seeded);
        assertThat(result.path("errors")).isEmpty();
        assertThat(wiring.inventory().find(InventoryQuery.ALL_PRESENT)).hasSize(seeded);
        assertThat(context.logged()).singleElement().asString().contains("\"certificates\":" + seeded);
    }

    @Test
    void aMalformedEventIsRefusedWithItsReasonAndChangesNothing() {
        new DemoFleet(wiring.aws().acm(), Clock.systemUTC()).seed();
        int before = wiring.inventory().find(InventoryQuery.ALL_PRESENT).size();
        byte[] wrongEvent = SampleEvents.read("scheduled-event.json").replace("aws.events", "aws.s3")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(wrongEvent),
                new ByteArrayOutputStream(), new TestLambdaContext()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("got 'Scheduled Event' from 'aws.s3'");
        assertThat(wiring.inventory().find(InventoryQuery.ALL_PRESENT)).hasSize(before);
    }
}
