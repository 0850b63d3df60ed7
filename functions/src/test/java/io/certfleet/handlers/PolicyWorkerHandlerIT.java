package io.certfleet.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.handlers.events.InvalidEventException;
import io.certfleet.local.LocalLambdaContext;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.testing.InventoryFixtures;
import io.certfleet.testing.SampleEvents;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The policy step with its sample work item: the account-region and, for this item, the account's global scope. */
@ExtendWith(AwsEmulatorExtension.class)
class PolicyWorkerHandlerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void judgesTheItemsScopesAndSaysWhatItFound(AwsEmulator emulator) throws Exception {
        emulator.resetNow();
        Wiring wiring = new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults()
                .withTableName("policy-handler").withRateLimits(RateLimits.UNLIMITED));
        wiring.inventoryTable().ensureExists();
        emulator.clients().eventBridge().createEventBus(request -> request.name("certfleet"));
        ScanScope scope = new ScanScope("123456789012", "us-east-1");
        wiring.inventory().recordSeen(InventoryFixtures.record("arn:aws:acm:us-east-1:123456789012:certificate/soon")
                .scope(scope).facts(InventoryFixtures.facts("soon.example.com", Instant.now().plus(Duration.ofDays(3))))
                .build());

        ByteArrayOutputStream output = new ByteArrayOutputStream();
        new PolicyWorkerHandler(wiring).handleRequest(SampleEvents.open("policy-worker-item.json"), output,
                new LocalLambdaContext("certfleet-test", line -> { }));
        JsonNode result = JSON.readTree(output.toByteArray());

        assertThat(result.path("scopes")).hasSize(2);
        JsonNode regional = result.path("scopes").get(0);
        assertThat(regional.path("scope").asText()).isEqualTo(scope.toString());
        assertThat(regional.path("opened").asInt()).isEqualTo(1);
        assertThat(regional.path("openByCode").path("EXPIRING_SOON").asInt()).isEqualTo(1);
        assertThat(regional.path("eventsPublished").asInt()).isEqualTo(1);
        assertThat(regional.path("failures")).isEmpty();
        assertThat(result.path("scopes").get(1).path("scope").asText()).isEqualTo(scope.global().toString());
        assertThatThrownBy(() -> new PolicyWorkerHandler(wiring).handleRequest(new ByteArrayInputStream(
                "{\"scanId\": \"x\"}".getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
                new LocalLambdaContext("certfleet-test", line -> { }))).isInstanceOf(InvalidEventException.class);
    }
}
