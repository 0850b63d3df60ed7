package io.certfleet.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.adapters.tls.AddressResolver;
import io.certfleet.adapters.tls.ConnectTo;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.fleet.AccountSelection;
import io.certfleet.core.fleet.ScanPlan;
import io.certfleet.core.policy.rotation.WaveSize;
import io.certfleet.core.probe.TrustMaterial;
import io.certfleet.core.rotation.BindingResult;
import io.certfleet.core.rotation.CanaryCheck;
import io.certfleet.core.rotation.FinishRotation;
import io.certfleet.core.rotation.IssueReplacement;
import io.certfleet.core.rotation.Rotation;
import io.certfleet.core.rotation.RotationBinding;
import io.certfleet.core.rotation.RotationRequest;
import io.certfleet.core.rotation.RotationStatus;
import io.certfleet.core.rotation.swap.ServedState;
import io.certfleet.local.FleetSeeder;
import io.certfleet.local.LocalAlertRouting;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.tls.EmulatedEndpoint;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.testing.EventSchemas;
import io.certfleet.testing.LoadBalancerMetrics;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.RotationWiring;
import io.certfleet.wiring.Wiring;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.acm.model.Tag;

/**
 * The rotation's use cases, step by step as the workflow runs them, on the emulator with a TLS stand-in that serves
 * whatever the emulated listener holds: a good replacement is swapped in and proven on the wire, the listener's SNI
 * certificate untouched; an endpoint that keeps serving the old certificate fails the canary and is put back.
 */
@ExtendWith(AwsEmulatorExtension.class)
class RotationIT {

    private static final Instant NOW = Instant.now();
    private static final ScanScope SCOPE = new ScanScope(AwsEmulator.ACCOUNT_ID, AwsEmulator.REGION.id());

    private final AwsEmulator emulator;
    private final IssuedCertificate root = CertificateBuilder.certificate("Rotation IT Root").certificateAuthority()
            .validFor(NOW.minus(Duration.ofDays(1)), Duration.ofDays(3650)).build();
    private final IssuedCertificate intermediate = CertificateBuilder.certificate("Rotation IT Issuing CA")
            .certificateAuthority().issuedBy(root).validFor(NOW.minus(Duration.ofDays(1)), Duration.ofDays(1000))
            .build();
    private final IssuedCertificate old = CertificateBuilder.certificate("shop.rotation.test")
            .dnsNames("shop.rotation.test").issuedBy(intermediate)
            .validity(NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofDays(5))).build();
    private final IssuedCertificate replacement = CertificateBuilder.certificate("shop.rotation.test")
            .dnsNames("shop.rotation.test").issuedBy(intermediate).validFor(NOW.minus(Duration.ofHours(1)),
                    Duration.ofDays(90)).build();
    private final IssuedCertificate pay = CertificateBuilder.certificate("pay.rotation.test")
            .dnsNames("pay.rotation.test").issuedBy(intermediate).validFor(NOW.minus(Duration.ofHours(1)),
                    Duration.ofDays(90)).build();
    private final EmulatedEndpoint.Keys keys = new EmulatedEndpoint.Keys().add(old).add(replacement).add(pay);

    private FleetSeeder.Account account;
    private LocalAlertRouting.Routes routes;
    private LocalAlertRouting routing;
    private EmulatedEndpoint endpoint;
    private String listener;
    private String oldArn;
    private String newArn;
    private String payArn;

    RotationIT(AwsEmulator emulator) {
        this.emulator = emulator;
    }

    @BeforeEach
    void fleet() {
        emulator.resetNow();
        account = new FleetSeeder(emulator.clients()).in(AwsEmulator.ACCOUNT_ID, AwsEmulator.REGION);
        routing = new LocalAlertRouting(emulator.clients());
        routes = routing.ensure();
        oldArn = account.importCertificate(old, Map.of("owner", "shop-team"));
        newArn = account.importCertificate(replacement, Map.of("owner", "shop-team"));
        payArn = account.importCertificate(pay, Map.of("owner", "pay-team"));
        listener = account.httpsLoadBalancer("shop", Map.of(), 443, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
                oldArn, List.of(payArn));
    }

    @AfterEach
    void stop() throws Exception {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private Wiring wiring() {
        Wiring wiring = new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults()
                .withTableName("rotation-it").withRateLimits(RateLimits.UNLIMITED)
                .withAlerts(routes.alertOptions()));
        wiring.inventoryTable().ensureExists();
        ScanPlan plan = wiring.planScan().plan(new AccountSelection.Caller(), List.of(SCOPE.region()));
        wiring.scanFleet().run(plan, 1);
        return wiring;
    }

    private RotationWiring rotation(Wiring wiring) {
        String albName = emulator.clients().elasticLoadBalancingV2().describeLoadBalancers().loadBalancers()
                .getFirst().dnsName();
        return wiring.rotation(new TrustMaterial(List.of(root.certificate()), List.of()), ConnectTo.resolver(
                List.of(new ConnectTo(albName, 443, "127.0.0.1", endpoint.port())), AddressResolver.DNS));
    }

    /** The workflow's steps for one rotation, in order; returns how it ended. */
    static Rotation run(RotationWiring rotation, String rotationId) {
        Rotation started = rotation.startRotation().start(rotationId);
        if (started.status().finished()) {
            return started;
        }
        IssueReplacement.Outcome issued = rotation.issueReplacement().issue(rotationId);
        FinishRotation finish = rotation.finishRotation();
        if (!issued.ready()) {
            return finish.failed(rotationId, String.join("; ", issued.problems()));
        }
        Rotation plan = rotation.rotations().load(rotationId);
        for (int wave = 0; wave < plan.waves(); wave++) {
            int current = wave;
            for (RotationBinding binding : rotation.rotations().bindings(rotationId).stream()
                    .filter(b -> b.wave() == current).toList()) {
                rotation.swapBinding().swap(rotationId, binding.index());
                CanaryCheck.Next next;
                do {
                    next = rotation.canaryCheck().check(rotationId, binding.index());
                } while (!next.done());
                rotation.canaryCheck().judge(rotationId, binding.index());
            }
            FinishRotation.WaveResult result = finish.waveCompleted(rotationId, wave);
            if (!result.ok()) {
                for (RotationBinding binding : rotation.rotations().bindings(rotationId)) {
                    rotation.swapBinding().restore(rotationId, binding.index());
                    rotation.canaryCheck().verifyRestored(rotationId, binding.index());
                }
                return finish.rolledBack(rotationId);
            }
        }
        return finish.succeeded(rotationId);
    }

    private static RotationRequest request(String certificate, String to) {
        return new RotationRequest(certificate, to, null, List.of(new WaveSize(1, false), new WaveSize(100, true)),
                Duration.ZERO, 2, "alice", List.of("expires in 5 days"), null);
    }

    @Test
    void aGoodReplacementIsSwappedInProvenOnTheWireAndTheSniCertificateIsUntouched() throws Exception {
        endpoint = EmulatedEndpoint.start(emulator.clients(), BindingType.ELBV2_LISTENER, listener, keys);
        Wiring wiring = wiring();
        RotationWiring rotation = rotation(wiring);
        routing.drain(routes.eventQueueUrl());

        Rotation planned = rotation.planRotation().plan(request(oldArn, newArn));
        Rotation done = run(rotation, planned.rotationId());

        assertThat(done.status()).as(done.reason()).isEqualTo(RotationStatus.SUCCEEDED);
        assertThat(rotation.switches().read(new io.certfleet.core.rotation.swap.SwapTarget(
                BindingType.ELBV2_LISTENER, SCOPE, listener, true, oldArn)))
                .isEqualTo(new ServedState(newArn, List.of(payArn)));
        List<RotationBinding> bindings = rotation.rotations().bindings(planned.rotationId());
        assertThat(bindings).singleElement().satisfies(binding -> {
            assertThat(binding.result()).isEqualTo(BindingResult.SWAPPED);
            assertThat(binding.checks()).hasSize(2).allSatisfy(check -> assertThat(check.servedSha256())
                    .isEqualTo(done.replacementSha256()));
            assertThat(binding.before()).isEqualTo(new ServedState(oldArn, List.of(payArn)));
        });
        List<JsonNode> events = routing.drainEvents(routes.eventQueueUrl());
        assertThat(events).extracting(event -> event.path("detail-type").asText())
                .containsExactly("RotationStarted", "RotationWaveCompleted", "RotationSucceeded");
        events.forEach(EventSchemas::assertValid);
        assertThat(wiring.rotationLocks().inProgress(oldArn)).as("the lock is released").isFalse();
    }

    /**
     * A provided replacement takes the tags of the certificate it replaces that it lacks, so that its owner and
     * environment (and with them its policy profile) stay the same after the rotation; its own tags win. The same
     * certificate in another region, tagged otherwise there, gives its copy there its own tags.
     */
    @Test
    void aProvidedReplacementTakesTheOldCertificatesOwnershipTagsItLacks() throws Exception {
        tag(oldArn, Map.of("environment", "staging", "cost-center", "42", "certfleet:demo", "true"));
        tag(newArn, Map.of("owner", "shop-platform"));
        try (FleetSeeder.Account west = new FleetSeeder(emulator.clients()).in(AwsEmulator.ACCOUNT_ID,
                software.amazon.awssdk.regions.Region.EU_WEST_1)) {
            String oldWest = west.importCertificate(old, Map.of("owner", "shop-team", "environment", "dev"));
            String newWest = west.importCertificate(replacement, Map.of());
            west.httpsLoadBalancer("shop-west", Map.of(), 443, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", oldWest,
                    List.of());
            endpoint = EmulatedEndpoint.start(emulator.clients(), BindingType.ELBV2_LISTENER, listener, keys);
            Wiring wiring = new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults()
                    .withTableName("rotation-it").withRateLimits(RateLimits.UNLIMITED)
                    .withAlerts(routes.alertOptions()));
            wiring.inventoryTable().ensureExists();
            wiring.scanFleet().run(wiring.planScan().plan(new AccountSelection.Caller(), List.of(SCOPE.region(),
                    "eu-west-1")), 1);
            RotationWiring rotation = rotation(wiring);

            Rotation planned = rotation.planRotation().plan(request(oldArn, newArn));
            assertThat(rotation.rotations().bindings(planned.rotationId())).hasSize(2);
            rotation.startRotation().start(planned.rotationId());
            assertThat(rotation.issueReplacement().issue(planned.rotationId()).ready()).isTrue();

            assertThat(tagsOf(newArn)).containsEntry("environment", "staging").containsEntry("cost-center", "42")
                    .as("the replacement's own owner tag stays").containsEntry("owner", "shop-platform")
                    .as("certfleet's own tags are not copied").doesNotContainKey("certfleet:demo");
            assertThat(tagsOf(newWest)).as("the copy in eu-west-1 takes the tags of the old one there")
                    .containsEntry("environment", "dev").containsEntry("owner", "shop-team")
                    .doesNotContainKey("cost-center");
            assertThat(rotation.rotations().load(planned.rotationId()).reason()).as("nothing failed to tag")
                    .doesNotContain("could not take");
        }
    }

    private void tag(String arn, Map<String, String> tags) {
        emulator.clients(software.amazon.awssdk.regions.Region.of(arn.split(":")[3])).acm().addTagsToCertificate(
                request -> request.certificateArn(arn).tags(tags.entrySet().stream().map(tag -> Tag.builder()
                        .key(tag.getKey()).value(tag.getValue()).build()).toList()));
    }

    private Map<String, String> tagsOf(String arn) {
        Map<String, String> tags = new java.util.TreeMap<>();
        emulator.clients(software.amazon.awssdk.regions.Region.of(arn.split(":")[3])).acm().listTagsForCertificate(
                request -> request.certificateArn(arn)).tags().forEach(tag -> tags.put(tag.key(), tag.value()));
        return tags;
    }

    @Test
    void anEndpointThatKeepsServingTheOldCertificateFailsTheCanaryAndIsPutBack() throws Exception {
        endpoint = EmulatedEndpoint.startStale(emulator.clients(), BindingType.ELBV2_LISTENER, listener, keys);
        Wiring wiring = wiring();
        RotationWiring rotation = rotation(wiring);
        routing.drain(routes.eventQueueUrl());
        routing.drain(routes.alertQueueUrl());

        Rotation planned = rotation.planRotation().plan(request(oldArn, newArn));
        Rotation done = run(rotation, planned.rotationId());

        assertThat(done.status()).isEqualTo(RotationStatus.ROLLED_BACK);
        assertThat(done.reason()).contains("WRONG_CERTIFICATE");
        assertThat(rotation.switches().read(new io.certfleet.core.rotation.swap.SwapTarget(
                BindingType.ELBV2_LISTENER, SCOPE, listener, true, oldArn)))
                .isEqualTo(new ServedState(oldArn, List.of(payArn)));
        assertThat(rotation.rotations().bindings(planned.rotationId())).singleElement().satisfies(binding -> {
            assertThat(binding.result()).isEqualTo(BindingResult.ROLLED_BACK);
            assertThat(binding.detail()).isEqualTo("put back, and the old certificate is served again");
        });
        List<JsonNode> events = routing.drainEvents(routes.eventQueueUrl());
        assertThat(events).extracting(event -> event.path("detail-type").asText())
                .containsExactly("RotationStarted", "RotationRolledBack", "PolicyViolation");
        events.forEach(EventSchemas::assertValid);
        assertThat(wiring.findingStore().open(SCOPE)).extracting(stored -> stored.finding().code())
                .containsExactly(io.certfleet.core.finding.FindingCode.ROTATION_FAILED);
        assertThat(emulator.clients().acm().listTagsForCertificate(request -> request.certificateArn(newArn)).tags())
                .as("the rejected replacement is kept, tagged for inspection")
                .extracting(tag -> tag.key() + "=" + tag.value())
                .contains("certfleet:status=rejected", "certfleet:rejected-by=" + planned.rotationId());
        wiring.evaluatePolicy().evaluate(SCOPE);
        assertThat(wiring.findingStore().open(SCOPE)).as("the policy does not resolve a rotation's outcome")
                .extracting(stored -> stored.finding().code())
                .contains(io.certfleet.core.finding.FindingCode.ROTATION_FAILED);

        // The proxy is gone: the next rotation succeeds and resolves the finding.
        endpoint.close();
        endpoint = EmulatedEndpoint.start(emulator.clients(), BindingType.ELBV2_LISTENER, listener, keys);
        RotationWiring live = rotation(wiring);
        Rotation again = run(live, live.planRotation().plan(request(oldArn, newArn)).rotationId());
        assertThat(again.status()).as(again.reason()).isEqualTo(RotationStatus.SUCCEEDED);
        assertThat(wiring.findingStore().open(SCOPE)).extracting(stored -> stored.finding().code())
                .doesNotContain(io.certfleet.core.finding.FindingCode.ROTATION_FAILED);
        assertThat(routing.drainAlerts(routes.alertQueueUrl())).singleElement().satisfies(alert -> {
            assertThat(alert.subject()).isEqualTo("[certfleet critical] rotation of CN=shop.rotation.test rolled "
                    + "back");
            assertThat(alert.attribute("owner")).isEqualTo("shop-team");
        });
    }

    @Test
    void afterItsRetentionTheReplacedCertificateIsDeletedOnlyOnceNothingUsesIt() throws Exception {
        endpoint = EmulatedEndpoint.start(emulator.clients(), BindingType.ELBV2_LISTENER, listener, keys);
        Wiring wiring = wiring();
        Rotation done = run(rotation(wiring), rotation(wiring).planRotation().plan(request(oldArn, newArn))
                .rotationId());
        assertThat(done.status()).isEqualTo(RotationStatus.SUCCEEDED);
        Instant due = done.finishedAt().plus(Duration.ofDays(14)); // public-web's retainOldDays
        // Meanwhile someone serves the old certificate again, on another load balancer.
        String legacy = account.httpsLoadBalancer("legacy", Map.of(), 443, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
                oldArn, List.of());

        assertThat(retireAt(due.minus(Duration.ofDays(1)))).as("within the retention").isEmpty();
        assertThat(retireAt(due.plus(Duration.ofDays(1)))).singleElement().satisfies(retired -> {
            assertThat(retired.certificateArn()).isEqualTo(oldArn);
            assertThat(retired.outcome()).isEqualTo("kept: still served by ELBV2_LISTENER " + legacy);
        });

        String legacyBalancer = emulator.clients().elasticLoadBalancingV2().describeListeners(request -> request
                .listenerArns(legacy)).listeners().getFirst().loadBalancerArn();
        emulator.clients().elasticLoadBalancingV2().deleteListener(request -> request.listenerArn(legacy));
        emulator.clients().elasticLoadBalancingV2().deleteLoadBalancer(request -> request
                .loadBalancerArn(legacyBalancer));
        assertThat(retireAt(due.plus(Duration.ofDays(2)))).extracting(
                io.certfleet.core.rotation.RetireReplacedCertificates.Retired::outcome).containsExactly("deleted");
        assertThat(emulator.clients().acm().listCertificates().certificateSummaryList())
                .extracting(software.amazon.awssdk.services.acm.model.CertificateSummary::certificateArn)
                .doesNotContain(oldArn).contains(newArn, payArn);
        assertThat(retireAt(due.plus(Duration.ofDays(3)))).extracting(
                io.certfleet.core.rotation.RetireReplacedCertificates.Retired::outcome)
                .containsExactly("already deleted");
        assertThat(retireAt(due.plus(Duration.ofDays(8)))).as("a week after, no more tries").isEmpty();
    }

    /** The daily retirement (its handler, on the sample scheduled event) at {@code when}, after a scan then. */
    private List<io.certfleet.core.rotation.RetireReplacedCertificates.Retired> retireAt(Instant when)
            throws Exception {
        Wiring later = new Wiring(emulator.clients(), Clock.fixed(when, java.time.ZoneOffset.UTC),
                CertfleetSettings.defaults().withTableName("rotation-it").withRateLimits(RateLimits.UNLIMITED)
                        .withAlerts(routes.alertOptions()));
        later.scanFleet().run(later.planScan().plan(new AccountSelection.Caller(), List.of(SCOPE.region())), 1);
        var output = new java.io.ByteArrayOutputStream();
        new io.certfleet.handlers.RotationRetireHandler(later).handleRequest(new java.io.ByteArrayInputStream(
                io.certfleet.testing.SampleEvents.read("rotation-retire-scheduled-event.json").getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)), output, new io.certfleet.local.LocalLambdaContext("test", line -> { }));
        JsonNode certificates = new com.fasterxml.jackson.databind.ObjectMapper().readTree(output.toByteArray())
                .path("certificates");
        List<io.certfleet.core.rotation.RetireReplacedCertificates.Retired> retired = new java.util.ArrayList<>();
        certificates.forEach(one -> retired.add(new io.certfleet.core.rotation.RetireReplacedCertificates.Retired(
                one.path("rotationId").asText(), one.path("certificateArn").asText(), one.path("outcome").asText())));
        return retired;
    }

    @Test
    void aSecondRotationOfTheSameCertificateIsRefusedWhileTheFirstHoldsTheLock() throws Exception {
        endpoint = EmulatedEndpoint.start(emulator.clients(), BindingType.ELBV2_LISTENER, listener, keys);
        RotationWiring rotation = rotation(wiring());
        Rotation first = rotation.planRotation().plan(request(oldArn, newArn));
        rotation.startRotation().start(first.rotationId());

        Rotation second = rotation.planRotation().plan(request(oldArn, newArn));
        Rotation refused = rotation.startRotation().start(second.rotationId());

        assertThat(refused.status()).isEqualTo(RotationStatus.REFUSED);
        assertThat(refused.reason()).isEqualTo("rotation " + first.rotationId() + " holds the lock on this "
                + "certificate");
        assertThat(rotation.startRotation().start(first.rotationId()).status()).as("its own retried start")
                .isEqualTo(RotationStatus.RUNNING);
    }

    @Test
    void threeRollbacksWithinAnHourOpenTheBreakerWhichHoldsTheNextRotationUntilReset() throws Exception {
        endpoint = EmulatedEndpoint.startStale(emulator.clients(), BindingType.ELBV2_LISTENER, listener, keys);
        Wiring wiring = wiring();
        RotationWiring rotation = rotation(wiring);
        routing.drain(routes.eventQueueUrl());
        routing.drain(routes.alertQueueUrl());

        for (int failure = 1; failure <= 3; failure++) {
            Rotation done = run(rotation, rotation.planRotation().plan(request(oldArn, newArn)).rotationId());
            assertThat(done.status()).isEqualTo(RotationStatus.ROLLED_BACK);
            assertThat(rotation.breaker().state().open()).as("after %d rollback(s)", failure).isEqualTo(failure == 3);
        }
        Rotation held = run(rotation, rotation.planRotation().plan(request(oldArn, newArn)).rotationId());

        assertThat(held.status()).isEqualTo(RotationStatus.REFUSED);
        assertThat(held.reason()).startsWith("the rotation circuit breaker is open since");
        assertThat(routing.drainEvents(routes.eventQueueUrl())).extracting(event -> event.path("detail-type")
                .asText()).containsOnlyOnce("CircuitOpened");
        assertThat(routing.drainAlerts(routes.alertQueueUrl())).extracting(LocalAlertRouting.ReceivedAlert::subject)
                .contains("[certfleet critical] rotation circuit breaker opened");

        assertThat(rotation.requestRollback().resetBreaker("oncall").accepted()).isTrue();
        assertThat(rotation.breaker().state().open()).isFalse();
        assertThat(routing.drainEvents(routes.eventQueueUrl())).singleElement().satisfies(event -> {
            assertThat(event.path("detail-type").asText()).isEqualTo("CircuitClosed");
            EventSchemas.assertValid(event);
        });
        assertThat(rotation.requestRollback().resetBreaker("oncall").accepted()).as("closed already").isFalse();
    }

    @Test
    void aRotationThatHasSwappedNothingWaitsWhileTheBreakerIsOpenAndGoesOnOnceItIsReset() throws Exception {
        endpoint = EmulatedEndpoint.start(emulator.clients(), BindingType.ELBV2_LISTENER, listener, keys);
        RotationWiring rotation = rotation(wiring());
        String id = rotation.planRotation().plan(request(oldArn, newArn)).rotationId();
        assertThat(rotation.startRotation().start(id).status()).isEqualTo(RotationStatus.RUNNING);
        for (String failed : List.of("failed-1", "failed-2", "failed-3")) {
            rotation.breaker().recordFailure(failed, Instant.now()); // other rotations roll back meanwhile
        }

        IssueReplacement.Outcome held = rotation.issueReplacement().issue(id);

        assertThat(held.pending()).isTrue();
        assertThat(held.waiting()).startsWith("the rotation circuit breaker is open since");
        assertThat(rotation.rotations().load(id).status()).isEqualTo(RotationStatus.WAITING_ISSUE);
        assertThat(rotation.switches().read(new io.certfleet.core.rotation.swap.SwapTarget(
                BindingType.ELBV2_LISTENER, SCOPE, listener, true, oldArn))).as("nothing swapped")
                .isEqualTo(new ServedState(oldArn, List.of(payArn)));

        assertThat(rotation.requestRollback().resetBreaker("oncall").accepted()).isTrue();
        IssueReplacement.Outcome issued = rotation.issueReplacement().issue(id);
        assertThat(issued.ready()).isTrue();
        assertThat(rotation.rotations().load(id).status()).isEqualTo(RotationStatus.RUNNING);
    }

    @Test
    void aSpikeOfFailedClientNegotiationsAfterTheSwapFailsTheCanaryThoughTheProbeSeesTheReplacement()
            throws Exception {
        endpoint = EmulatedEndpoint.start(emulator.clients(), BindingType.ELBV2_LISTENER, listener, keys);
        RotationWiring rotation = rotation(wiring());
        String id = rotation.planRotation().plan(request(oldArn, newArn)).rotationId();
        rotation.startRotation().start(id);
        rotation.issueReplacement().issue(id);
        RotationBinding canary = rotation.rotations().bindings(id).stream().filter(b -> b.wave() == 0)
                .findFirst().orElseThrow();
        rotation.swapBinding().swap(id, canary.index());
        Instant swappedAt = rotation.rotations().binding(id, canary.index()).swappedAt();
        // The load balancer's own metric (what real clients see): 2 failed negotiations the minute before the
        // swap, 40 right after it.
        LoadBalancerMetrics.negotiationErrors(emulator.clients(), listener, Map.of(swappedAt.minusSeconds(30), 2.0,
                swappedAt.plusSeconds(1), 40.0));

        while (!rotation.canaryCheck().check(id, canary.index()).done()) {
            Thread.sleep(10);
        }
        var verdict = rotation.canaryCheck().judge(id, canary.index());

        assertThat(rotation.rotations().binding(id, canary.index()).checks()).allSatisfy(check ->
                assertThat(check.servedSha256()).as("the probe saw the replacement")
                        .isEqualTo(rotation.rotations().load(id).replacementSha256()));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.causes()).containsExactly("client TLS negotiation errors rose from 2 to 40 (at least 3x "
                + "and 10 more)");
    }
}
