package io.certfleet.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.adapters.tls.AddressResolver;
import io.certfleet.adapters.tls.ConnectTo;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.drill.DrillFault;
import io.certfleet.core.drill.DrillSpec;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.fleet.AccountSelection;
import io.certfleet.core.probe.TrustMaterial;
import io.certfleet.core.rotation.BindingResult;
import io.certfleet.core.rotation.Rotation;
import io.certfleet.core.rotation.RotationRequest;
import io.certfleet.core.rotation.RotationStatus;
import io.certfleet.local.FleetSeeder;
import io.certfleet.local.LocalAlertRouting;
import io.certfleet.local.LocalRotation;
import io.certfleet.local.drill.DrillRunner;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import io.certfleet.local.tls.EmulatedEndpoint;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.testing.CliProcess;
import io.certfleet.testing.EventSchemas;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;

/**
 * Drills against the emulator: a staging load balancer whose listener is served on the wire by a stand-in (it
 * serves whatever certificate the emulated listener holds), a broken certificate per fault rotated in through the
 * rotation workflow's definition in the local Step Functions runner, and everything a drill promises checked from
 * outside: the listener as before, the broken certificate gone, the owner's alert and the events on their queues.
 */
@ExtendWith(AwsEmulatorExtension.class)
class DrillIT {

    private static final String TABLE = "drill-it";
    private static final String HOST = "shop.drill.test";
    private static final Instant NOW = Instant.now();

    private final AwsEmulator emulator;
    private final IssuedCertificate root = CertificateBuilder.certificate("Drill IT Root").keyType(KeyType.EC_P256)
            .certificateAuthority().validFor(NOW.minus(Duration.ofDays(1)), Duration.ofDays(3650)).build();
    private final IssuedCertificate issuing = CertificateBuilder.certificate("Drill IT Issuing CA")
            .keyType(KeyType.EC_P256).certificateAuthority().issuedBy(root)
            .validFor(NOW.minus(Duration.ofDays(1)), Duration.ofDays(1000)).build();
    private final EmulatedEndpoint.Keys keys = new EmulatedEndpoint.Keys();
    private EmulatedEndpoint endpoint;

    DrillIT(AwsEmulator emulator) {
        this.emulator = emulator;
    }

    @AfterEach
    void stop() throws Exception {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    /** The staging fleet: one listener serving {@code served}, scanned into the inventory. */
    private record Fleet(Wiring wiring, FleetSeeder.Account account, String listener, String servedArn,
                         LocalAlertRouting routing, LocalAlertRouting.Routes routes) {
    }

    private Fleet fleet(String environment, IssuedCertificate served) throws Exception {
        emulator.resetNow();
        LocalAlertRouting routing = new LocalAlertRouting(emulator.clients());
        LocalAlertRouting.Routes routes = routing.ensure();
        FleetSeeder.Account account = new FleetSeeder(emulator.clients()).in(AwsEmulator.ACCOUNT_ID,
                AwsEmulator.REGION);
        keys.add(served);
        String servedArn = account.importCertificate(served, Map.of("owner", "shop-team", "environment",
                environment));
        String listener = account.httpsLoadBalancer("shop", Map.of(), 443, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
                servedArn, List.of());
        endpoint = EmulatedEndpoint.start(account.clients(), BindingType.ELBV2_LISTENER, listener, keys);
        String dnsName = account.clients().elasticLoadBalancingV2().describeLoadBalancers().loadBalancers()
                .getFirst().dnsName();
        // certfleet's clients: the stand-in learns the key of every certificate they import
        AwsClients clients = emulator.clients().derive(emulator.clients().settings(),
                List.of(keys.learningImports()));
        Wiring wiring = new Wiring(clients, Clock.systemUTC(), CertfleetSettings.defaults().withTableName(TABLE)
                .withRateLimits(RateLimits.UNLIMITED).withAlerts(routes.alertOptions()))
                .withCanaryNetwork(new TrustMaterial(List.of(root.certificate()), List.of(issuing.certificate())),
                        ConnectTo.resolver(List.of(new ConnectTo(dnsName, 443, "127.0.0.1", endpoint.port())),
                                AddressResolver.DNS));
        wiring.inventoryTable().ensureExists();
        wiring.scanFleet().run(wiring.planScan().plan(new AccountSelection.Caller(),
                List.of(AwsEmulator.REGION.id())), 1);
        routing.drain(routes.alertQueueUrl());
        routing.drain(routes.eventQueueUrl());
        return new Fleet(wiring, account, listener, servedArn, routing, routes);
    }

    private IssuedCertificate leaf(boolean withChain) {
        IssuedCertificate leaf = CertificateBuilder.certificate(HOST).dnsNames(HOST).keyType(KeyType.EC_P256)
                .issuedBy(issuing).validity(NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(80))).build();
        return withChain ? leaf : new IssuedCertificate(leaf.certificate(), leaf.keyPair(), List.of());
    }

    private static DrillRunner runner() {
        return new DrillRunner(new LocalRotation(Path.of("..", "..", "localstack").toAbsolutePath().normalize()));
    }

    @ParameterizedTest
    @EnumSource(DrillFault.class)
    void theCanaryCatchesEachFaultTheRollbackRestoresTheBindingAndTheOwnerAndTheBusHearOfIt(DrillFault fault)
            throws Exception {
        Fleet fleet = fleet("staging", leaf(true));

        DrillRunner.Report report = runner().run(fleet.wiring(), DrillRunner.Options.of(fault,
                new DrillSpec.Binding(BindingType.ELBV2_LISTENER, fleet.listener())).withIssuer(issuing)
                .withExpiresAfter(Duration.ofSeconds(6)), broken -> { });

        assertThat(report.problems()).as("every promise of the drill holds").isEmpty();
        assertThat(report.outcome().detected()).isTrue();
        assertThat(report.outcome().causes()).as("caught by the planted fault's own finding")
                .anyMatch(cause -> fault.expected().stream().anyMatch(code -> cause.startsWith(code.name())));
        assertThat(report.rotation().status()).isEqualTo(RotationStatus.ROLLED_BACK);
        assertThat(report.binding().result()).isEqualTo(BindingResult.ROLLED_BACK);
        assertThat(report.binding().checks()).as("the canary saw the broken certificate on the wire")
                .anyMatch(check -> report.brokenSha256().equals(check.servedSha256()));
        assertThat(report.outcome().timeToDetect()).hasValueSatisfying(took -> assertThat(took.isNegative()).isFalse());
        assertThat(report.outcome().timeToRecover()).hasValueSatisfying(took -> assertThat(took.isNegative()).isFalse());
        assertThat(report.outcome().preflight()).as("the preflight would have refused it too").isNotEmpty();

        // From outside: the listener serves what it served, the broken certificate is gone.
        assertThat(fleet.account().clients().elasticLoadBalancingV2().describeListeners(request -> request
                .listenerArns(fleet.listener())).listeners().getFirst().certificates().getFirst().certificateArn())
                .isEqualTo(fleet.servedArn());
        assertThat(report.before()).isEqualTo(report.after());
        assertThatThrownBy(() -> fleet.account().clients().acm().describeCertificate(request -> request
                .certificateArn(report.brokenArn()))).isInstanceOf(ResourceNotFoundException.class);

        // The owner's alert reached the topic's subscriber, labelled a drill; the events reached the bus's rule.
        List<LocalAlertRouting.ReceivedAlert> alerts = fleet.routing().drainAlerts(fleet.routes().alertQueueUrl());
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.subject()).isEqualTo("[certfleet drill: " + fault.cliName() + "] rotation of " + HOST
                    + " rolled back");
            assertThat(alert.attribute("owner")).isEqualTo("shop-team");
            assertThat(alert.attribute("drill")).isEqualTo(fault.cliName());
            assertThat(alert.message()).contains("This is a drill");
        });
        List<JsonNode> events = fleet.routing().drainEvents(fleet.routes().eventQueueUrl());
        events.forEach(EventSchemas::assertValid);
        assertThat(events).extracting(event -> event.path("detail-type").asText())
                .containsExactly("RotationStarted", "RotationRolledBack");
        assertThat(events).allSatisfy(event -> assertThat(event.path("detail").path("drill").path("fault").asText())
                .isEqualTo(fault.cliName()));

        // An expected rollback: no failure counted towards the breaker, no ROTATION_FAILED finding.
        assertThat(fleet.wiring().rotation().breaker().state().failures()).isEmpty();
        assertThat(fleet.wiring().findingStore().open(new ScanScope(AwsEmulator.ACCOUNT_ID,
                AwsEmulator.REGION.id()))).noneMatch(stored -> stored.finding().code() == FindingCode.ROTATION_FAILED);
    }

    @Test
    void aCanaryThatCannotSeeTheFaultIsTheDrillsFindingAndTheBindingIsPutBackAllTheSame() throws Exception {
        // The endpoint already serves an incomplete chain, and its last probe said so: the canary fails only on
        // what is new since the swap, so it cannot tell this drill's fault.
        Fleet fleet = fleet("staging", leaf(false));
        fleet.wiring().probeScope(new TrustMaterial(List.of(root.certificate()), List.of(issuing.certificate())),
                        ConnectTo.resolver(List.of(new ConnectTo(fleet.account().clients().elasticLoadBalancingV2()
                                .describeLoadBalancers().loadBalancers().getFirst().dnsName(), 443, "127.0.0.1",
                                endpoint.port())), AddressResolver.DNS))
                .probe(new ScanScope(AwsEmulator.ACCOUNT_ID, AwsEmulator.REGION.id()), false);

        DrillRunner.Report report = runner().run(fleet.wiring(), DrillRunner.Options.of(DrillFault.INCOMPLETE_CHAIN,
                new DrillSpec.Binding(BindingType.ELBV2_LISTENER, fleet.listener())).withIssuer(issuing), broken -> { });

        assertThat(report.outcome().detected()).isFalse();
        assertThat(report.problems()).singleElement().asString()
                .startsWith("the canary did not catch a certificate that imported without its intermediate");
        assertThat(report.rotation().status()).as("a drill never keeps its certificate")
                .isEqualTo(RotationStatus.ROLLED_BACK);
        assertThat(report.rotation().reason()).contains("drill: the canary passed a certificate that");
        assertThat(report.outcome().restoredOnWire()).isTrue();
        assertThat(report.after()).isEqualTo(report.before());
        assertThat(report.cleanup().result()).isEqualTo(io.certfleet.core.rotation.CertificateRetirer.Result.DELETED);
    }

    @Test
    void aBindingOutsideTheDrillableEnvironmentsIsRefusedBeforeAnythingIsMadeOrChanged() throws Exception {
        Fleet fleet = fleet("prod", leaf(true));
        int certificates = certificates(fleet);

        assertThatThrownBy(() -> runner().run(fleet.wiring(), DrillRunner.Options.of(DrillFault.EXPIRED,
                new DrillSpec.Binding(BindingType.ELBV2_LISTENER, fleet.listener())), broken -> {
                    throw new AssertionError("nothing may be made");
                })).isInstanceOf(DrillRunner.DrillRefused.class)
                .hasMessageContaining("CERTFLEET_DRILLABLE_ENVIRONMENTS: staging")
                .hasMessageContaining("environment is 'prod'");
        assertThat(certificates(fleet)).isEqualTo(certificates);

        // The workflow refuses it by itself too (a RotationRequested event asking for a drill).
        Rotation refused = fleet.wiring().rotation().planRotation().plan(RotationRequest.of(fleet.servedArn(), "eve")
                .withDrill(DrillSpec.of(DrillFault.WRONG_HOST, new DrillSpec.Binding(BindingType.ELBV2_LISTENER,
                        fleet.listener()))));
        assertThat(refused.status()).isEqualTo(RotationStatus.REFUSED);
        assertThat(refused.reason()).contains("drillable environment");
    }

    @Test
    void theCommandRefusesAProductionBindingWithExitThreeAndOneJsonErrorAndChangesNothing() throws Exception {
        Fleet fleet = fleet("prod", leaf(true));
        int certificates = certificates(fleet);

        CliProcess.Result result = CliProcess.run(Map.of("AWS_ENDPOINT_URL", emulator.endpoint().toString(),
                "AWS_REGION", AwsEmulator.REGION.id()), "drill", "--table", TABLE, "--binding",
                "ELBV2_LISTENER:" + fleet.listener(), "--fault", "weak-key", "--json");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(3);
        JsonNode error = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.out()).path("error");
        assertThat(error.path("exitCode").asInt()).isEqualTo(3);
        assertThat(error.path("message").asText()).contains("drill refused: ELBV2_LISTENER:" + fleet.listener())
                .contains("environment is 'prod'");
        assertThat(result.err().lines()).singleElement().asString().contains("drill refused");
        assertThat(certificates(fleet)).isEqualTo(certificates);
        assertThat(fleet.account().clients().elasticLoadBalancingV2().describeListeners(request -> request
                .listenerArns(fleet.listener())).listeners().getFirst().certificates().getFirst().certificateArn())
                .isEqualTo(fleet.servedArn());
    }

    @Test
    void whileTheBreakerIsOpenTheWorkflowRefusesTheDrillAndItsCertificateIsDeletedAgain() throws Exception {
        Fleet fleet = fleet("staging", leaf(true));
        int certificates = certificates(fleet);
        for (int failure = 1; failure <= 3; failure++) {
            fleet.wiring().rotation().breaker().recordFailure("earlier-" + failure, Instant.now());
        }
        try {
            assertThatThrownBy(() -> runner().run(fleet.wiring(), DrillRunner.Options.of(DrillFault.WEAK_KEY,
                    new DrillSpec.Binding(BindingType.ELBV2_LISTENER, fleet.listener())).withIssuer(issuing),
                    broken -> { })).isInstanceOf(DrillRunner.DrillRefused.class)
                    .hasMessageContaining("breaker")
                    .hasMessageEndingWith("(the broken certificate was deleted again)");
            assertThat(certificates(fleet)).isEqualTo(certificates);
        } finally {
            fleet.wiring().rotation().breaker().reset("drill-it", Instant.now());
        }
    }

    @Test
    void anUnknownBindingIsRefusedWithWhereToLook() throws Exception {
        Fleet fleet = fleet("staging", leaf(true));

        assertThatThrownBy(() -> runner().run(fleet.wiring(), DrillRunner.Options.of(DrillFault.WRONG_HOST,
                DrillSpec.Binding.parse("cloudfront:E0NOSUCH")), broken -> { }))
                .isInstanceOf(DrillRunner.DrillRefused.class)
                .hasMessage("no binding CLOUDFRONT:E0NOSUCH in the inventory (certfleet inventory list shows them; "
                        + "scan first if it is new)");
    }

    private static int certificates(Fleet fleet) {
        return fleet.account().clients().acm().listCertificates(request -> request.includes(filters -> filters
                .keyTypes(software.amazon.awssdk.services.acm.model.KeyAlgorithm.knownValues())))
                .certificateSummaryList().size();
    }
}
