package io.certfleet.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.adapters.x509.BouncyCastleCertificateParser;
import io.certfleet.api.InventoryJson;
import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryEntry;
import io.certfleet.core.inventory.InventoryQuery;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.probe.fleet.BindingProbe;
import io.certfleet.handlers.events.InvalidEventException;
import io.certfleet.local.LocalLambdaContext;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.tls.LocalTlsServer;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The probe step of the scan workflow on the emulator: inventory bindings pointing at real TLS servers on loopback
 * are probed, and each result is stored next to its binding, where the inventory listing shows it.
 */
@ExtendWith(AwsEmulatorExtension.class)
class ProbeWorkerHandlerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "123456789012";
    private static final ScanScope SCOPE = new ScanScope(ACCOUNT, "eu-west-1");

    private final AwsEmulator emulator;
    private final Wiring wiring;

    ProbeWorkerHandlerIT(AwsEmulator emulator) {
        this.emulator = emulator;
        this.wiring = new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults()
                .withTableName("probe-it").withRateLimits(RateLimits.UNLIMITED)
                .withProbe(new ProbeOptions(Duration.ofSeconds(3), 8, false, Optional.empty())));
    }

    @Test
    void probesEveryPresentBindingOfTheScopeAndStoresTheResultNextToIt() throws Exception {
        emulator.resetNow();
        wiring.inventoryTable().ensureExists();
        Instant now = Instant.now();
        IssuedCertificate root = CertificateBuilder.certificate("Probe Handler Root").certificateAuthority()
                .validFor(now, Duration.ofDays(3650)).build();
        IssuedCertificate healthy = CertificateBuilder.certificate("ok.probe.test").dnsNames("ok.probe.test")
                .issuedBy(root).validFor(now, Duration.ofDays(200)).build();
        IssuedCertificate expired = CertificateBuilder.certificate("old.probe.test").dnsNames("old.probe.test")
                .issuedBy(root).validity(now.minus(Duration.ofDays(90)), now.minus(Duration.ofDays(2))).build();
        try (LocalTlsServer server = LocalTlsServer.serving(healthy).forSni("old.probe.test",
                LocalTlsServer.Served.of(expired)).start()) {
            String okArn = store(healthy, "arn:aws:acm:eu-west-1:" + ACCOUNT + ":certificate/ok");
            String oldArn = store(expired, "arn:aws:acm:eu-west-1:" + ACCOUNT + ":certificate/old");
            bind("listener/ok", okArn, "127.0.0.1", server.port(), "internet-facing");
            bind("listener/old", oldArn, "127.0.0.1", server.port(), "internet-facing");
            bind("listener/private", okArn, "10.0.0.7", 443, "internal");

            JsonNode counts = invoke(SampleEvents.read("probe-worker-item.json"));

            assertThat(counts.path("scope").asText()).isEqualTo(SCOPE.toString());
            assertThat(counts.path("probed").asInt()).isEqualTo(2);
            assertThat(counts.path("skipped").asInt()).isEqualTo(1);
            // The JDK's roots do not trust the test root: both are UNTRUSTED_ROOT; the expired one is EXPIRED too.
            assertThat(counts.path("causes").path("UNTRUSTED_ROOT").asInt()).isEqualTo(2);
            assertThat(counts.path("causes").path("EXPIRED").asInt()).isEqualTo(1);
            Map<BindingRecord.Key, BindingProbe> stored = wiring.probeResults().latestOf(Set.of(okArn, oldArn));
            assertThat(stored).hasSize(3);
            BindingProbe old = stored.values().stream().filter(p -> p.binding().resourceId().equals("listener/old"))
                    .findFirst().orElseThrow();
            assertThat(old.sni()).contains("old.probe.test");
            assertThat(old.target()).contains("127.0.0.1:" + server.port());
            assertThat(old.policy()).isEqualTo("public-web");
            assertThat(old.servedSha256()).contains(facts(expired).sha256());
            assertThat(old.findings()).anySatisfy(f -> assertThat(f.detail()).contains("expired"));

            List<InventoryEntry> entries = wiring.listInventory().list(InventoryQuery.ALL_PRESENT);
            JsonNode listed = JSON.valueToTree(InventoryJson.entries(entries, stored));
            JsonNode privateBinding = binding(listed, "listener/private");
            assertThat(privateBinding.path("lastProbe").path("probed").asBoolean()).isFalse();
            assertThat(privateBinding.path("lastProbe").path("skippedReason").asText()).startsWith("internal "
                    + "endpoint");
            JsonNode oldBinding = binding(listed, "listener/old");
            assertThat(oldBinding.path("lastProbe").path("causes").toString()).contains("EXPIRED");
            assertThat(oldBinding.path("lastProbe").path("protocol").asText()).isEqualTo("TLSv1.3");
            assertThat(oldBinding.path("lastProbe").toString()).doesNotContain("PRIVATE KEY");
        }
    }

    @Test
    void aMalformedWorkItemIsRefusedWithTheReason() {
        assertThatThrownBy(() -> invoke("{\"accountId\": \"12\", \"region\": \"eu-west-1\"}"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("work item 'accountId' must be a 12-digit account id, got '12'");
    }

    private String store(IssuedCertificate certificate, String arn) throws Exception {
        InventoryRecord record = InventoryFixtures.record(arn).scope(SCOPE).facts(facts(certificate)).build();
        wiring.inventory().recordSeen(record);
        return arn;
    }

    private void bind(String resource, String arn, String host, int port, String scheme) {
        wiring.inventory().recordBindingSeen(InventoryFixtures.binding(resource, arn).scope(SCOPE)
                .endpoint(host, port, scheme).build());
    }

    private static CertificateFacts facts(IssuedCertificate certificate) throws Exception {
        return new BouncyCastleCertificateParser().parse(certificate.certificatePem(), certificate.chainPem());
    }

    private static JsonNode binding(JsonNode entries, String resourceId) {
        for (JsonNode entry : entries) {
            for (JsonNode binding : entry.path("bindings")) {
                if (binding.path("resourceId").asText().equals(resourceId)) {
                    return binding;
                }
            }
        }
        throw new AssertionError("no binding " + resourceId + " in " + entries);
    }

    private JsonNode invoke(String input) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        new ProbeWorkerHandler(wiring).handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                output, new LocalLambdaContext("certfleet-test", line -> { }));
        return JSON.readTree(output.toByteArray());
    }
}
