package io.certfleet.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.core.inventory.InventoryQuery;
import io.certfleet.handlers.events.InvalidEventException;
import io.certfleet.local.FleetSeeder;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsEmulatorExtension.class)
class ScheduledScanHandlerIT {

    private static final String TABLE = "handler-it-inventory";
    private final Wiring wiring;
    private final ScheduledScanHandler handler;

    ScheduledScanHandlerIT(AwsEmulator emulator) {
        this.emulator = emulator;
        this.wiring = new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults()
                .withTableName(TABLE).withRateLimits(RateLimits.UNLIMITED));
        this.handler = new ScheduledScanHandler(wiring);
    }

    private final AwsEmulator emulator;

    @BeforeEach
    void emptyAccountAndTable() {
        emulator.resetNow();
        wiring.inventoryTable().ensureExists();
    }

    /** Imports certificates into the function's own account and region (the sample event's). */
    private int seed(int count) {
        IssuedCertificate ca = CertificateBuilder.certificate("Handler CA").certificateAuthority().build();
        try (FleetSeeder.Account account = new FleetSeeder(emulator.clients()).in(AwsEmulator.ACCOUNT_ID,
                Region.US_EAST_1)) {
            for (int i = 0; i < count; i++) {
                String name = "h" + i + ".handler.test";
                account.importCertificate(CertificateBuilder.certificate(name).dnsNames(name).issuedBy(ca)
                        .validFor(Instant.now(), Duration.ofDays(30 + i)).build(), Map.of());
            }
        }
        return count;
    }

    @Test
    void theSampleScheduledEventScansItsAccountIntoTheInventory() throws Exception {
        int seeded = seed(3);
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
        seed(2);
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
