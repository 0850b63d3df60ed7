package io.certfleet.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.policy.InvalidPolicyException;
import io.certfleet.handlers.events.InvalidEventException;
import io.certfleet.local.LocalLambdaContext;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.testing.InventoryFixtures;
import io.certfleet.testing.SampleEvents;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.ProbeOptions;
import io.certfleet.wiring.Wiring;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The policy step with its sample work item: the account-region and, for this item, the account's global scope. */
@ExtendWith(AwsEmulatorExtension.class)
class PolicyWorkerHandlerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBrokenDeployedPolicyFileFailsTheInvocationWithFileLineAndField(AwsEmulator emulator,
                                                                       @TempDir Path directory) throws Exception {
        Path policy = directory.resolve("policy.yaml");
        Files.writeString(policy, """
                version: 1
                profiles:
                  web: {extends: public-web, cipherSuites: [RC4-MD5]}
                """);
        Wiring wiring = new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults()
                .withTableName("policy-handler").withProbe(new ProbeOptions(Duration.ofSeconds(3), 4, false,
                        Optional.of(policy.toString()))));

        assertThatThrownBy(() -> new PolicyWorkerHandler(wiring).handleRequest(
                SampleEvents.open("policy-worker-item.json"), new ByteArrayOutputStream(),
                new LocalLambdaContext("certfleet-test", line -> { })))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage(policy + ":3: profiles.web.cipherSuites[0]: unknown cipher suite 'RC4-MD5' (IANA names, "
                        + "e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
    }

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

        java.util.List<String> log = new java.util.ArrayList<>();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        new PolicyWorkerHandler(wiring).handleRequest(SampleEvents.open("policy-worker-item.json"), output,
                new LocalLambdaContext("certfleet-test", log::add));
        JsonNode result = JSON.readTree(output.toByteArray());
        // 3 days left, inside public-web's rotation window: the judge asked for its rotation (once a day).
        assertThat(log).anySatisfy(line -> assertThat(line).endsWith("rotations requested: "
                + "[arn:aws:acm:us-east-1:123456789012:certificate/soon]"));
        new PolicyWorkerHandler(wiring).handleRequest(SampleEvents.open("policy-worker-item.json"),
                new ByteArrayOutputStream(), new LocalLambdaContext("certfleet-test", log::add));
        assertThat(log.getLast()).endsWith("rotations requested: []");

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
