package io.certfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.fleet.AccountSelection;
import io.certfleet.core.rotation.RotationStatus;
import io.certfleet.core.rotation.swap.ServedState;
import io.certfleet.core.rotation.swap.SwapTarget;
import io.certfleet.local.FleetSeeder;
import io.certfleet.local.LocalAlertRouting;
import io.certfleet.local.LocalStateMachine;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.tls.EmulatedEndpoint;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.testing.EventSchemas;
import io.certfleet.testing.LoadBalancerMetrics;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import io.certfleet.core.rotation.RotationBinding;
import io.certfleet.core.rotation.RotationStore;
import io.certfleet.wiring.RotationWiring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Template;

/**
 * The rotation workflow as CDK synthesizes it, executed by a real ASL interpreter with every step served by the
 * deployed jar's handlers, against the emulator, with a TLS stand-in serving whatever the emulated listener holds
 * (reached through {@code CERTFLEET_CONNECT_TO}, trusted through {@code CERTFLEET_PROBE_CA_FILES}).
 */
@ExtendWith(AwsEmulatorExtension.class)
class RotationWorkflowLocalIT {

    private static final Path LOCALSTACK = Path.of("..", "localstack");
    private static final String TABLE = "rotation-workflow-it";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RUNTIME_LOG = Path.of("target", "rotation-runtime.log");
    private static final Instant NOW = Instant.now();
    private static final ScanScope SCOPE = new ScanScope(AwsEmulator.ACCOUNT_ID, AwsEmulator.REGION.id());

    private final AwsEmulator emulator;
    private final Template template = SynthesizedTemplates.central();
    private final IssuedCertificate root = CertificateBuilder.certificate("Workflow Rotation Root")
            .certificateAuthority().validFor(NOW.minus(Duration.ofDays(1)), Duration.ofDays(3650)).build();
    private final IssuedCertificate old = leaf("shop.workflow.test", NOW.plus(Duration.ofDays(5)));
    private final IssuedCertificate replacement = leaf("shop.workflow.test", NOW.plus(Duration.ofDays(90)));
    private final IssuedCertificate pay = leaf("pay.workflow.test", NOW.plus(Duration.ofDays(90)));
    private final IssuedCertificate elsewhere = leaf("other.workflow.test", NOW.plus(Duration.ofDays(90)));
    private final EmulatedEndpoint.Keys keys = new EmulatedEndpoint.Keys().add(old).add(replacement).add(pay);

    private LocalAlertRouting routing;
    private LocalAlertRouting.Routes routes;
    private EmulatedEndpoint endpoint;
    private String listener;
    private String oldArn;
    private String newArn;
    private String payArn;
    private String elsewhereArn;
    private Path caFile;
    private Path policyFile;
    private Map<String, Integer> waitOverrides = Map.of();

    RotationWorkflowLocalIT(AwsEmulator emulator) {
        this.emulator = emulator;
    }

    private IssuedCertificate leaf(String name, Instant notAfter) {
        return CertificateBuilder.certificate(name).dnsNames(name).issuedBy(root)
                .validity(NOW.minus(Duration.ofDays(60)), notAfter).build();
    }

    @BeforeEach
    void fleet(@TempDir Path directory) throws Exception {
        emulator.resetNow();
        routing = new LocalAlertRouting(emulator.clients());
        routes = routing.ensure();
        FleetSeeder.Account account = new FleetSeeder(emulator.clients()).in(AwsEmulator.ACCOUNT_ID,
                AwsEmulator.REGION);
        oldArn = account.importCertificate(old, Map.of("owner", "shop-team"));
        newArn = account.importCertificate(replacement, Map.of("owner", "shop-team"));
        payArn = account.importCertificate(pay, Map.of("owner", "pay-team"));
        elsewhereArn = account.importCertificate(elsewhere, Map.of());
        listener = account.httpsLoadBalancer("shop", Map.of(), 443, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
                oldArn, List.of(payArn));
        caFile = Files.writeString(directory.resolve("root.pem"), root.certificatePem());
        Wiring wiring = new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults()
                .withTableName(TABLE).withRateLimits(RateLimits.UNLIMITED));
        wiring.inventoryTable().ensureExists();
        wiring.scanFleet().run(wiring.planScan().plan(new AccountSelection.Caller(), List.of(SCOPE.region())), 1);
    }

    @AfterEach
    void stop() throws Exception {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void aGoodReplacementIsRolledOutAndProvenTheSniCertificateUntouched() throws Exception {
        endpoint = EmulatedEndpoint.start(emulator.clients(), BindingType.ELBV2_LISTENER, listener, keys);
        routing.drain(routes.eventQueueUrl());

        JsonNode result = rotate(Map.of("to", newArn));

        assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("SUCCEEDED");
        assertThat(served()).isEqualTo(new ServedState(newArn, List.of(payArn)));
        List<JsonNode> events = routing.drainEvents(routes.eventQueueUrl());
        assertThat(events).extracting(event -> event.path("detail-type").asText())
                .containsExactly("RotationStarted", "RotationWaveCompleted", "RotationSucceeded");
        events.forEach(EventSchemas::assertValid);
    }

    @Test
    void anEndpointStillServingTheOldCertificateIsRolledBackAndTheOwnerTold() throws Exception {
        endpoint = EmulatedEndpoint.startStale(emulator.clients(), BindingType.ELBV2_LISTENER, listener, keys);
        routing.drain(routes.alertQueueUrl());

        JsonNode result = rotate(Map.of("to", newArn));

        assertThat(result.path("status").asText()).as(result.toString()).isEqualTo(RotationStatus.ROLLED_BACK.name());
        assertThat(result.path("reason").asText()).contains("WRONG_CERTIFICATE");
        assertThat(served()).as("put back as it was").isEqualTo(new ServedState(oldArn, List.of(payArn)));
        assertThat(routing.drainAlerts(routes.alertQueueUrl())).singleElement()
                .satisfies(alert -> assertThat(alert.subject()).contains("rolled back"));
    }

    @Test
    void aReplacementForOtherNamesFailsThePreflightAndNothingIsSwapped() throws Exception {
        endpoint = EmulatedEndpoint.start(emulator.clients(), BindingType.ELBV2_LISTENER, listener, keys);

        JsonNode result = rotate(Map.of("to", elsewhereArn));

        assertThat(result.path("status").asText()).isEqualTo("FAILED");
        assertThat(result.path("reason").asText()).contains("covers-names").contains("shop.workflow.test");
        assertThat(served()).isEqualTo(new ServedState(oldArn, List.of(payArn)));
    }

    @Test
    void aReplacementThatCannotBeReadFailsTheRotationNothingSwappedAndTheLockIsReleased() throws Exception {
        endpoint = EmulatedEndpoint.start(emulator.clients(), BindingType.ELBV2_LISTENER, listener, keys);
        routing.drain(routes.eventQueueUrl());
        String missing = oldArn.replaceFirst("certificate/.*", "certificate/00000000-0000-0000-0000-000000000000");

        JsonNode failed = rotate(Map.of("to", missing, "rotationId", "unreadable-1"));

        assertThat(failed.path("status").asText()).as(failed.toString()).isEqualTo("FAILED");
        assertThat(failed.path("reason").asText()).contains("00000000-0000-0000-0000-000000000000");
        assertThat(served()).isEqualTo(new ServedState(oldArn, List.of(payArn)));
        List<JsonNode> events = routing.drainEvents(routes.eventQueueUrl());
        assertThat(events).extracting(event -> event.path("detail-type").asText())
                .as("the failure is a finding (ROTATION_FAILED) until a rotation succeeds")
                .containsExactly("RotationStarted", "RotationFailed", "PolicyViolation");
        events.forEach(EventSchemas::assertValid);
        assertThat(rotate(Map.of("to", newArn)).path("status").asText()).as("the lock was given back")
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void aHeldLockOrAnOpenBreakerRefusesTheRotationNamingWhyAndNothingIsSwapped() throws Exception {
        endpoint = EmulatedEndpoint.start(emulator.clients(), BindingType.ELBV2_LISTENER, listener, keys);
        Wiring wiring = wiring();
        RotationWiring rotation = wiring.rotation();
        assertThat(wiring.rotationLocks().acquire(List.of(oldArn), "someone-else-1", Duration.ofMinutes(5))).isEmpty();

        JsonNode locked = rotate(Map.of("to", newArn));

        assertThat(locked.path("status").asText()).isEqualTo("REFUSED");
        assertThat(locked.path("reason").asText()).isEqualTo("rotation someone-else-1 holds the lock on this "
                + "certificate");
        wiring.rotationLocks().release(List.of(oldArn), "someone-else-1");
        for (String failed : List.of("failed-1", "failed-2", "failed-3")) {
            rotation.breaker().recordFailure(failed, Instant.now());
        }

        JsonNode held = rotate(Map.of("to", newArn));

        assertThat(held.path("status").asText()).isEqualTo("REFUSED");
        assertThat(held.path("reason").asText()).startsWith("the rotation circuit breaker is open since")
                .contains("3 recent failures");
        assertThat(served()).isEqualTo(new ServedState(oldArn, List.of(payArn)));
        assertThat(rotation.requestRollback().resetBreaker("oncall").accepted()).isTrue();
        assertThat(rotate(Map.of("to", newArn)).path("status").asText()).as("once reset").isEqualTo("SUCCEEDED");
    }

    @Test
    void aRotationResumedWhileTheBreakerIsOpenWaitsBeforeItsFirstSwapAndGoesOnOnceItIsReset() throws Exception {
        endpoint = EmulatedEndpoint.start(emulator.clients(), BindingType.ELBV2_LISTENER, listener, keys);
        // A partner's certificate: the rotation waits for an approval first (a local run detaches there).
        emulator.clients().acm().addTagsToCertificate(request -> request.certificateArn(oldArn)
                .tags(software.amazon.awssdk.services.acm.model.Tag.builder().key("environment").value("partner")
                        .build()));
        Wiring wiring = wiring();
        wiring.scanFleet().run(wiring.planScan().plan(new AccountSelection.Caller(), List.of(SCOPE.region())), 1);
        assertThat(rotate(Map.of("to", newArn, "rotationId", "held-1", "detach", true)).path("status").asText())
                .isEqualTo("WAITING_APPROVAL");
        RotationWiring rotation = wiring.rotation();
        for (String failed : List.of("failed-1", "failed-2", "failed-3")) {
            rotation.breaker().recordFailure(failed, Instant.now()); // meanwhile, other rotations roll back
        }
        assertThat(rotation.approveRotation().decide("held-1", true, "bob", null).recorded()).isTrue();

        JsonNode held = rotate(Map.of("rotationId", "held-1", "resume", true, "detach", true));

        assertThat(held.path("status").asText()).as(held.toString()).isEqualTo("WAITING_ISSUE");
        assertThat(held.path("reason").asText()).startsWith("the rotation circuit breaker is open since");
        assertThat(served()).as("nothing swapped").isEqualTo(new ServedState(oldArn, List.of(payArn)));

        assertThat(rotation.requestRollback().resetBreaker("oncall").accepted()).isTrue();
        JsonNode resumed = rotate(Map.of("rotationId", "held-1", "resume", true, "detach", true));
        assertThat(resumed.path("status").asText()).as(resumed.toString()).isEqualTo("SUCCEEDED");
        assertThat(served()).isEqualTo(new ServedState(newArn, List.of(payArn)));
    }

    @Test
    void aRollbackRequestedDuringTheBakeRollsBackWhatWasSwapped() throws Exception {
        endpoint = EmulatedEndpoint.start(emulator.clients(), BindingType.ELBV2_LISTENER, listener, keys);
        RotationWiring rotation = wiring().rotation();
        CompletableFuture<Void> requested = onceSwapped("requested-1", binding -> assertThat(rotation
                .requestRollback().rollback("requested-1", "checkout errors up", "oncall").accepted()).isTrue());

        JsonNode result = rotate(Map.of("to", newArn, "rotationId", "requested-1", "bakeSeconds", 4));

        requested.get(10, TimeUnit.SECONDS);
        assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("ROLLED_BACK");
        assertThat(result.path("reason").asText()).contains("rollback requested: checkout errors up (oncall)");
        assertThat(served()).isEqualTo(new ServedState(oldArn, List.of(payArn)));
    }

    @Test
    void aSpikeOfFailedClientNegotiationsDuringTheBakeRollsBackThoughTheProbeSeesTheReplacement() throws Exception {
        endpoint = EmulatedEndpoint.start(emulator.clients(), BindingType.ELBV2_LISTENER, listener, keys);
        // The load balancer's own metric (what real clients see): 2 failed negotiations before the swap, 40 after.
        CompletableFuture<Void> spiked = onceSwapped("spike-1", swappedAt -> LoadBalancerMetrics.negotiationErrors(
                emulator.clients(), listener, Map.of(swappedAt.minusSeconds(30), 2.0, swappedAt.plusSeconds(1),
                        40.0)));

        JsonNode result = rotate(Map.of("to", newArn, "rotationId", "spike-1", "bakeSeconds", 4));

        spiked.get(10, TimeUnit.SECONDS);
        assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("ROLLED_BACK");
        assertThat(result.path("reason").asText()).contains("client TLS negotiation errors rose from 2 to 40");
        RotationStore rotations = wiring().rotation().rotations();
        assertThat(rotations.bindings("spike-1").getFirst().checks()).isNotEmpty().allSatisfy(check ->
                assertThat(check.servedSha256()).as("the probe saw the replacement")
                        .isEqualTo(rotations.load("spike-1").replacementSha256()));
        assertThat(served()).isEqualTo(new ServedState(oldArn, List.of(payArn)));
    }

    @Test
    void outsideItsChangeWindowARotationWaitsForTheNextOneThenGoesOn() throws Exception {
        endpoint = EmulatedEndpoint.start(emulator.clients(), BindingType.ELBV2_LISTENER, listener, keys);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        policy("freezes: [\"" + today + "\"]");
        routing.drain(routes.eventQueueUrl());

        JsonNode waiting = rotate(Map.of("to", newArn, "rotationId", "window-1", "detach", true));

        assertThat(waiting.path("status").asText()).as(waiting.toString()).isEqualTo("WAITING_WINDOW");
        assertThat(served()).as("nothing swapped in the freeze").isEqualTo(new ServedState(oldArn, List.of(payArn)));
        assertThat(routing.drainEvents(routes.eventQueueUrl())).singleElement().satisfies(started -> {
            assertThat(started.path("detail-type").asText()).isEqualTo("RotationStarted");
            assertThat(started.path("detail").path("notBefore").asText())
                    .isEqualTo(today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
            assertThat(started.path("detail").path("emergency").asBoolean()).isFalse();
        });

        // Resumed, it waits in the Wait state until notBefore (here shortened: nobody waits for tomorrow in a test).
        waitOverrides = Map.of("WaitForWindow", 200);
        JsonNode resumed = rotate(Map.of("to", newArn, "rotationId", "window-1", "resume", true));

        assertThat(resumed.path("status").asText()).as(resumed.toString()).isEqualTo("SUCCEEDED");
        assertThat(served()).isEqualTo(new ServedState(newArn, List.of(payArn)));
    }

    @Test
    void withinEmergencyDaysOfExpiryTheFreezeIsBypassedAndTheEventSaysSo() throws Exception {
        endpoint = EmulatedEndpoint.start(emulator.clients(), BindingType.ELBV2_LISTENER, listener, keys);
        policy("freezes: [\"" + LocalDate.now(ZoneOffset.UTC) + "\"], emergencyDays: 6"); // it expires in 5
        routing.drain(routes.eventQueueUrl());

        JsonNode result = rotate(Map.of("to", newArn));

        assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("SUCCEEDED");
        assertThat(routing.drainEvents(routes.eventQueueUrl())).first().satisfies(started -> {
            assertThat(started.path("detail-type").asText()).isEqualTo("RotationStarted");
            assertThat(started.path("detail").path("emergency").asBoolean()).isTrue();
            EventSchemas.assertValid(started);
        });
    }

    private void policy(String rotation) throws IOException {
        policyFile = Files.writeString(caFile.resolveSibling("policy.yaml"), """
                version: 1
                default: web
                profiles:
                  web: {extends: public-web, rotation: {%s}}
                """.formatted(rotation));
    }

    private Wiring wiring() {
        return new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults().withTableName(TABLE)
                .withRateLimits(RateLimits.UNLIMITED).withAlerts(routes.alertOptions()));
    }

    /** Runs {@code action} with the binding's swap time once the rotation has swapped its first binding. */
    private CompletableFuture<Void> onceSwapped(String rotationId, Consumer<Instant> action) {
        RotationStore rotations = wiring().rotation().rotations();
        return CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                Optional<Instant> swapped = rotations.find(rotationId).isEmpty() ? Optional.empty()
                        : rotations.bindings(rotationId).stream().map(RotationBinding::swappedAt)
                        .filter(Objects::nonNull).findFirst();
                if (swapped.isPresent()) {
                    action.accept(swapped.get());
                    return;
                }
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
            throw new AssertionError("rotation " + rotationId + " never swapped a binding");
        });
    }

    @Test
    void aDryRunPlansAndChangesNothing() throws Exception {
        endpoint = EmulatedEndpoint.start(emulator.clients(), BindingType.ELBV2_LISTENER, listener, keys);

        JsonNode result = rotate(Map.of("to", newArn, "dryRun", true));

        assertThat(result.path("status").asText()).isEqualTo("PLANNED");
        assertThat(served()).isEqualTo(new ServedState(oldArn, List.of(payArn)));
    }

    @Test
    void anApprovalGatedRotationWaitsProceedsOnceApprovedAndEndsWhenRejected() throws Exception {
        endpoint = EmulatedEndpoint.start(emulator.clients(), BindingType.ELBV2_LISTENER, listener, keys);
        // The certificate's environment is a partner's: the built-in partner profile asks first (mode approve).
        emulator.clients().acm().addTagsToCertificate(request -> request.certificateArn(oldArn)
                .tags(software.amazon.awssdk.services.acm.model.Tag.builder().key("environment").value("partner")
                        .build()));
        Wiring wiring = new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults()
                .withTableName(TABLE).withRateLimits(RateLimits.UNLIMITED).withAlerts(routes.alertOptions()));
        wiring.scanFleet().run(wiring.planScan().plan(new AccountSelection.Caller(), List.of(SCOPE.region())), 1);
        io.certfleet.core.rotation.ApproveRotation approvals = wiring.rotation().approveRotation();
        routing.drain(routes.alertQueueUrl());

        java.util.concurrent.CompletableFuture<JsonNode> rejected = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> rotateUnchecked(Map.of("to", newArn, "rotationId", "reject-1",
                        "approvalPollSeconds", 1)));
        awaitStatus(wiring, "reject-1", RotationStatus.WAITING_APPROVAL);
        approvals.decide("reject-1", false, "bob", "partners asked to wait");
        JsonNode ended = rejected.get(2, java.util.concurrent.TimeUnit.MINUTES);
        assertThat(ended.path("status").asText()).isEqualTo("REJECTED");
        assertThat(ended.path("reason").asText()).isEqualTo("rejected by bob: partners asked to wait");
        assertThat(served()).as("nothing swapped").isEqualTo(new ServedState(oldArn, List.of(payArn)));

        java.util.concurrent.CompletableFuture<JsonNode> approved = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> rotateUnchecked(Map.of("to", newArn, "rotationId", "approve-1",
                        "approvalPollSeconds", 1)));
        awaitStatus(wiring, "approve-1", RotationStatus.WAITING_APPROVAL);
        assertThat(served()).as("nothing swapped before the approval").isEqualTo(new ServedState(oldArn,
                List.of(payArn)));
        assertThat(approvals.decide("approve-1", true, "alice", null).message())
                .isEqualTo("alice requested this rotation and cannot approve it (separation of duties)");
        assertThat(approvals.decide("approve-1", true, "bob", null).recorded()).isTrue();

        assertThat(approved.get(2, java.util.concurrent.TimeUnit.MINUTES).path("status").asText())
                .isEqualTo("SUCCEEDED");
        assertThat(served()).isEqualTo(new ServedState(newArn, List.of(payArn)));
        assertThat(routing.drainAlerts(routes.alertQueueUrl())).extracting(LocalAlertRouting.ReceivedAlert::subject)
                .contains("[certfleet] approve the rotation of CN=shop.workflow.test?");
    }

    private static void awaitStatus(Wiring wiring, String rotationId, RotationStatus status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var found = wiring.rotation().rotations().find(rotationId);
            if (found.isPresent() && found.get().status() == status) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("rotation " + rotationId + " never reached " + status);
    }

    private JsonNode rotateUnchecked(Map<String, Object> extra) {
        try {
            return rotate(extra);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSynthesizedDefinitionIsValidAmazonStatesLanguage() throws Exception {
        Path definition = Files.createTempFile("rotation", ".asl.json");
        Files.writeString(definition, SynthesizedTemplates.definition(template, "StagedRotationStateMachine")
                .toString());
        Process validator = new ProcessBuilder(LOCALSTACK.resolve("node_modules/.bin/node").toString(),
                LOCALSTACK.resolve("node_modules/.bin/asl-validator").toString(), "--json-path", definition.toString())
                .redirectErrorStream(true).start();
        String report = new String(validator.getInputStream().readAllBytes());

        assertThat(validator.waitFor()).as(report).isZero();
        Files.deleteIfExists(definition);
    }

    private ServedState served() {
        try (var clients = emulator.clients().derive(emulator.clients().settings(), List.of())) {
            return io.certfleet.adapters.aws.rotation.AwsBindingSwitches.create(new io.certfleet.adapters.aws
                            .ScopedClients(clients, "unused", () -> AwsEmulator.ACCOUNT_ID, "it"))
                    .read(new SwapTarget(BindingType.ELBV2_LISTENER, SCOPE, listener, true, oldArn));
        }
    }

    private JsonNode rotate(Map<String, Object> extra) throws Exception {
        Map<String, Object> input = new HashMap<>(Map.of("certificate", oldArn, "waves", List.of("1", "100%"),
                "bakeSeconds", 1, "canaryChecks", 2, "requestedBy", "alice"));
        input.putAll(extra);
        Path definition = Files.createTempFile("rotation", ".asl.json");
        Files.writeString(definition, SynthesizedTemplates.definition(template, "StagedRotationStateMachine")
                .toString());
        Map<String, String> environment = new HashMap<>(DeployedFunctions.literalEnvironment(template,
                "StagedRotationSwapper"));
        String loadBalancer = emulator.clients().elasticLoadBalancingV2().describeLoadBalancers().loadBalancers()
                .getFirst().dnsName();
        environment.putAll(Map.of(
                "AWS_ENDPOINT_URL", emulator.endpoint().toString(),
                "AWS_REGION", "us-east-1",
                "CERTFLEET_TABLE", TABLE,
                "CERTFLEET_EVENT_BUS", routes.busName(),
                "CERTFLEET_ALERT_TOPIC_ARN", routes.topicArn(),
                "CERTFLEET_CONNECT_TO", loadBalancer + ":443:127.0.0.1:" + endpoint.port(),
                "CERTFLEET_PROBE_CA_FILES", caFile.toString()));
        if (policyFile != null) {
            environment.put("CERTFLEET_POLICY_FILE", policyFile.toString());
        }
        Path log = RUNTIME_LOG.resolveSibling("rotation-runtime-" + input.getOrDefault("rotationId", "run") + ".log");
        try (DeployedFunctions functions = DeployedFunctions.start(DeployedFunctions.handlers(template,
                "StagedRotation"), environment, log)) {
            LocalStateMachine.Execution execution = new LocalStateMachine(LOCALSTACK).run(definition,
                    JSON.writeValueAsString(input), functions.endpoint(), Map.of(), waitOverrides, Duration.ofMinutes(3));
            assertThat(execution.succeeded()).as("execution log:%n%s%nruntime log: %s", execution.log(), log)
                    .isTrue();
            return JSON.readTree(execution.output());
        } finally {
            Files.deleteIfExists(definition);
        }
    }
}
