package io.certfleet.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.adapters.tls.AddressResolver;
import io.certfleet.adapters.tls.ConnectTo;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.fleet.AccountSelection;
import io.certfleet.core.probe.TrustMaterial;
import io.certfleet.core.rotation.RotationBinding;
import io.certfleet.core.rotation.RotationStatus;
import io.certfleet.core.rotation.swap.ServedState;
import io.certfleet.core.rotation.swap.SwapTarget;
import io.certfleet.handlers.events.InvalidEventException;
import io.certfleet.local.FleetSeeder;
import io.certfleet.local.LocalAlertRouting;
import io.certfleet.local.LocalLambdaContext;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.tls.EmulatedEndpoint;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.testing.SampleEvents;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rotation handlers on their sample events' shapes, against the emulator: each step invoked twice in a row
 * changes nothing the second time; a RollbackRequested event or an alarm on the load balancer rolls a running
 * rotation back; malformed inputs are refused with the field named.
 */
@ExtendWith(AwsEmulatorExtension.class)
class RotationHandlersIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.now();
    private static final ScanScope SCOPE = new ScanScope(AwsEmulator.ACCOUNT_ID, AwsEmulator.REGION.id());

    private final AwsEmulator emulator;
    private final IssuedCertificate root = CertificateBuilder.certificate("Handlers Rotation Root")
            .certificateAuthority().validFor(NOW.minus(Duration.ofDays(1)), Duration.ofDays(3650)).build();
    private final IssuedCertificate old = leaf(NOW.plus(Duration.ofDays(6)));
    private final IssuedCertificate replacement = leaf(NOW.plus(Duration.ofDays(90)));
    private EmulatedEndpoint endpoint;
    private LocalAlertRouting routing;
    private LocalAlertRouting.Routes routes;
    private Wiring wiring;
    private String listener;
    private String loadBalancerDimension;
    private String oldArn;
    private String newArn;

    RotationHandlersIT(AwsEmulator emulator) {
        this.emulator = emulator;
    }

    private IssuedCertificate leaf(Instant notAfter) {
        return CertificateBuilder.certificate("shop.handlers.test").dnsNames("shop.handlers.test").issuedBy(root)
                .validity(NOW.minus(Duration.ofDays(30)), notAfter).build();
    }

    @BeforeEach
    void fleet() throws Exception {
        emulator.resetNow();
        routing = new LocalAlertRouting(emulator.clients());
        routes = routing.ensure();
        FleetSeeder.Account account = new FleetSeeder(emulator.clients()).in(AwsEmulator.ACCOUNT_ID,
                AwsEmulator.REGION);
        oldArn = account.importCertificate(old, Map.of("owner", "shop-team"));
        newArn = account.importCertificate(replacement, Map.of());
        listener = account.httpsLoadBalancer("shop", Map.of(), 443, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
                oldArn, List.of());
        loadBalancerDimension = listener.replaceFirst(".*:listener/", "").replaceFirst("/[^/]+$", "");
        endpoint = EmulatedEndpoint.start(emulator.clients(), BindingType.ELBV2_LISTENER, listener,
                new EmulatedEndpoint.Keys().add(old).add(replacement));
        String loadBalancer = emulator.clients().elasticLoadBalancingV2().describeLoadBalancers().loadBalancers()
                .getFirst().dnsName();
        Wiring plain = new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults()
                .withTableName("rotation-handlers-it").withRateLimits(RateLimits.UNLIMITED)
                .withAlerts(routes.alertOptions()));
        plain.inventoryTable().ensureExists();
        plain.scanFleet().run(plain.planScan().plan(new AccountSelection.Caller(), List.of(SCOPE.region())), 1);
        wiring = plain.withCanaryNetwork(new TrustMaterial(List.of(root.certificate()), List.of()),
                ConnectTo.resolver(List.of(new ConnectTo(loadBalancer, 443, "127.0.0.1", endpoint.port())),
                        AddressResolver.DNS));
        routing.drain(routes.eventQueueUrl());
    }

    @AfterEach
    void stop() throws Exception {
        endpoint.close();
    }

    private static JsonNode invoke(RequestStreamHandler handler, Object input) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        byte[] bytes = input instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                : JSON.writeValueAsBytes(input);
        handler.handleRequest(new ByteArrayInputStream(bytes), output, new LocalLambdaContext("test", line -> { }));
        return JSON.readTree(output.toByteArray());
    }

    private ObjectNode startRequest(String rotationId) throws Exception {
        ObjectNode request = (ObjectNode) JSON.readTree(SampleEvents.read("rotation-start-request.json"));
        request.put("certificate", oldArn).put("to", newArn).put("bakeSeconds", 0).put("canaryChecks", 1)
                .put("rotationId", rotationId);
        return request;
    }

    private static Map<String, Object> step(String rotationId, int index, String action) {
        return Map.of("rotationId", rotationId, "index", index, "action", action);
    }

    private ServedState served() {
        return wiring.rotation().switches().read(new SwapTarget(BindingType.ELBV2_LISTENER, SCOPE, listener, true,
                oldArn));
    }

    @Test
    void everyStepInvokedTwiceInARowChangesNothingTheSecondTime() throws Exception {
        String id = "twice-1";
        JsonNode started = invoke(new RotationStartHandler(wiring), startRequest(id));
        assertThat(invoke(new RotationStartHandler(wiring), startRequest(id))).as("start, again").isEqualTo(started);
        assertThat(started.path("status").asText()).isEqualTo("RUNNING");
        int index = started.path("waves").get(0).get(0).asInt();

        JsonNode issued = invoke(new RotationIssueHandler(wiring), Map.of("rotationId", id));
        assertThat(invoke(new RotationIssueHandler(wiring), Map.of("rotationId", id))).isEqualTo(issued);
        assertThat(issued.path("ready").asBoolean()).isTrue();

        invoke(new RotationSwapHandler(wiring), step(id, index, "swap"));
        RotationBinding once = wiring.rotation().rotations().binding(id, index);
        ServedState afterOnce = served();
        invoke(new RotationSwapHandler(wiring), step(id, index, "swap"));
        assertThat(served()).as("swap, again").isEqualTo(afterOnce).isEqualTo(new ServedState(newArn, List.of()));
        assertThat(wiring.rotation().rotations().binding(id, index)).isEqualTo(once);

        assertThat(invoke(new RotationCanaryHandler(wiring), step(id, index, "check")).path("done").asBoolean())
                .isTrue();
        invoke(new RotationCanaryHandler(wiring), step(id, index, "check"));
        assertThat(wiring.rotation().rotations().binding(id, index).checks()).as("no check past canaryChecks")
                .hasSize(1);
        JsonNode verdict = invoke(new RotationCanaryHandler(wiring), step(id, index, "judge"));
        assertThat(invoke(new RotationCanaryHandler(wiring), step(id, index, "judge"))).isEqualTo(verdict);
        assertThat(verdict.path("passed").asBoolean()).isTrue();

        for (int wave = 0; wave < started.path("waves").size(); wave++) {
            invoke(new RotationFinishHandler(wiring), step(id, wave, "wave"));
            invoke(new RotationFinishHandler(wiring), step(id, wave, "wave"));
        }
        JsonNode ended = invoke(new RotationFinishHandler(wiring), Map.of("rotationId", id, "action", "succeeded"));
        assertThat(invoke(new RotationFinishHandler(wiring), Map.of("rotationId", id, "action", "succeeded")))
                .isEqualTo(ended);
        assertThat(ended.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(routing.drainEvents(routes.eventQueueUrl())).extracting(event -> event.path("detail-type")
                .asText()).as("each event once").containsExactly("RotationStarted", "RotationWaveCompleted",
                        "RotationSucceeded");

        invoke(new RotationSwapHandler(wiring), step(id, index, "restore"));
        invoke(new RotationSwapHandler(wiring), step(id, index, "restore"));
        assertThat(served()).as("restore, twice").isEqualTo(new ServedState(oldArn, List.of()));
    }

    @Test
    void aRollbackRequestedEventAndAnAlarmOnTheLoadBalancerRollARunningRotationBack() throws Exception {
        String id = "signalled-1";
        invoke(new RotationStartHandler(wiring), startRequest(id));
        invoke(new RotationIssueHandler(wiring), Map.of("rotationId", id));
        invoke(new RotationSwapHandler(wiring), step(id, 0, "swap"));
        ObjectNode event = (ObjectNode) JSON.readTree(SampleEvents.read("rollback-requested.json"));
        ((ObjectNode) event.path("detail")).put("rotationId", id);

        JsonNode signalled = invoke(new RotationSignalHandler(wiring), event);
        invoke(new RotationCanaryHandler(wiring), step(id, 0, "check"));
        JsonNode verdict = invoke(new RotationCanaryHandler(wiring), step(id, 0, "judge"));

        assertThat(signalled.path("rolledBack").asInt()).isEqualTo(1);
        assertThat(verdict.path("passed").asBoolean()).isFalse();
        assertThat(verdict.path("causes").toString()).contains("rollback requested: checkout errors up since the "
                + "swap (oncall)");
        invoke(new RotationSwapHandler(wiring), step(id, 0, "restore"));
        assertThat(invoke(new RotationFinishHandler(wiring), Map.of("rotationId", id, "action", "rolledBack"))
                .path("status").asText()).isEqualTo(RotationStatus.ROLLED_BACK.name());
        assertThat(served()).isEqualTo(new ServedState(oldArn, List.of()));

        String second = "alarmed-1";
        invoke(new RotationStartHandler(wiring), startRequest(second));
        ObjectNode alarm = (ObjectNode) JSON.readTree(SampleEvents.read("alarm-state-change.json"));
        ((ObjectNode) alarm.path("detail").path("configuration").path("metrics").get(0).path("metricStat")
                .path("metric").path("dimensions")).put("LoadBalancer", loadBalancerDimension);
        ObjectNode unrelated = alarm.deepCopy();
        ((ObjectNode) unrelated.path("detail").path("configuration").path("metrics").get(0).path("metricStat")
                .path("metric").path("dimensions")).put("LoadBalancer", "app/other/0123456789abcdef");

        assertThat(invoke(new RotationSignalHandler(wiring), unrelated).path("rolledBack").asInt()).isZero();
        assertThat(invoke(new RotationSignalHandler(wiring), alarm).path("rolledBack").asInt()).isEqualTo(1);
        assertThat(wiring.rotation().rotations().load(second).rollbackRequested())
                .isEqualTo("alarm checkout-5xx went into ALARM (cloudwatch)");
    }

    @Test
    void malformedInputsAreRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> invoke(new RotationStartHandler(wiring), Map.of("requestedBy", "alice")))
                .isInstanceOf(InvalidEventException.class).hasMessage("'certificate' is required (a non-empty string)");
        assertThatThrownBy(() -> invoke(new RotationStartHandler(wiring), Map.of("certificate", oldArn,
                "requestedBy", "alice", "canaryChecks", 0)))
                .hasMessage("'canaryChecks' must be 1-100, got 0");
        assertThatThrownBy(() -> invoke(new RotationSwapHandler(wiring), Map.of("rotationId", "x", "index", 0,
                "action", "delete"))).hasMessage("'action' must be swap or restore, got 'delete'");
        assertThatThrownBy(() -> invoke(new RotationSwapHandler(wiring), Map.of("rotationId", "x y", "index", 0)))
                .hasMessageStartingWith("'rotationId' must be 1-100 of");
        assertThatThrownBy(() -> invoke(new RotationSignalHandler(wiring), "{\"detail-type\": \"Other\"}"))
                .hasMessageStartingWith("expected a RollbackRequested or CloudWatch Alarm State Change event");
        assertThatThrownBy(() -> invoke(new RotationStartHandler(wiring), "not json"))
                .hasMessageStartingWith("event is not valid JSON");
    }
}
