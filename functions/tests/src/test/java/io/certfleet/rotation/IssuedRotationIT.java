package io.certfleet.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.adapters.tls.AddressResolver;
import io.certfleet.adapters.tls.ConnectTo;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.fleet.AccountSelection;
import io.certfleet.core.policy.rotation.IssuerChoice;
import io.certfleet.core.policy.rotation.WaveSize;
import io.certfleet.core.probe.TrustMaterial;
import io.certfleet.core.rotation.BindingResult;
import io.certfleet.core.rotation.IssueReplacement;
import io.certfleet.core.rotation.Rotation;
import io.certfleet.core.rotation.RotationBinding;
import io.certfleet.core.rotation.RotationRequest;
import io.certfleet.core.rotation.RotationStatus;
import io.certfleet.core.rotation.swap.ServedState;
import io.certfleet.core.rotation.swap.SwapTarget;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.local.FleetSeeder;
import io.certfleet.local.LocalAlertRouting;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import io.certfleet.local.tls.EmulatedEndpoint;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.RotationWiring;
import io.certfleet.wiring.Wiring;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.model.Tag;

/**
 * Rotations whose replacement certfleet issues itself from an AWS Private CA (acm-private): a key made in the
 * function, the CSR signed by the CA on the emulator, the one certificate imported into every account-region that
 * served the old one, rolled out and proven on the wire by stand-ins that serve whatever each listener holds.
 */
@ExtendWith(AwsEmulatorExtension.class)
class IssuedRotationIT {

    private static final Instant NOW = Instant.now();
    private static final Region OTHER_REGION = Region.EU_WEST_1;

    private final AwsEmulator emulator;
    private final IssuedCertificate root = CertificateBuilder.certificate("Issued Rotation IT Root")
            .certificateAuthority().validFor(NOW.minus(Duration.ofDays(1)), Duration.ofDays(3650)).build();
    // A weak key (RSA 1024): the replacement's key is upgraded to what the profile asks (RSA 2048).
    private final IssuedCertificate old = CertificateBuilder.certificate("api.issued.test")
            .dnsNames("api.issued.test", "api-v2.issued.test").keyType(KeyType.RSA_1024).issuedBy(root)
            .validity(NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofDays(5))).build();
    private final EmulatedEndpoint.Keys keys = new EmulatedEndpoint.Keys().add(old);
    private final List<EmulatedEndpoint> endpoints = new ArrayList<>();
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path directory;

    IssuedRotationIT(AwsEmulator emulator) {
        this.emulator = emulator;
    }

    @AfterEach
    void stop() throws Exception {
        for (EmulatedEndpoint endpoint : endpoints) {
            endpoint.close();
        }
    }

    @Test
    void aPrivateCaIssuesOneReplacementWithAnUpgradedKeyImportedInEveryRegionAndRolledOut() throws Exception {
        emulator.resetNow();
        // certfleet's clients: every certificate they import can be served by the stand-ins (they learn its key).
        AwsClients clients = emulator.clients().derive(emulator.clients().settings(),
                List.of(keys.learningImports()));
        FleetSeeder seeder = new FleetSeeder(emulator.clients());
        FleetSeeder.Account home = seeder.in(AwsEmulator.ACCOUNT_ID, AwsEmulator.REGION);
        FleetSeeder.Account other = seeder.in(AwsEmulator.ACCOUNT_ID, OTHER_REGION);
        FleetSeeder.PrivateCa ca = home.privateCertificateAuthority("Issued Rotation IT Private CA");
        Map<String, String> ownerTags = Map.of("owner", "api-team", "cost-center", "42");
        String homeArn = home.importCertificate(old, ownerTags);
        String otherArn = other.importCertificate(old, ownerTags);
        String homeListener = home.httpsLoadBalancer("api", Map.of(), 443, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
                homeArn, List.of());
        String otherListener = other.httpsLoadBalancer("api-eu", Map.of(), 443,
                "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", otherArn, List.of());
        List<ConnectTo> connectTo = new ArrayList<>();
        for (FleetSeeder.Account account : List.of(home, other)) {
            String listener = account == home ? homeListener : otherListener;
            EmulatedEndpoint endpoint = EmulatedEndpoint.start(account.clients(), BindingType.ELBV2_LISTENER,
                    listener, keys);
            endpoints.add(endpoint);
            String dnsName = account.clients().elasticLoadBalancingV2().describeLoadBalancers().loadBalancers()
                    .getFirst().dnsName();
            connectTo.add(new ConnectTo(dnsName, 443, "127.0.0.1", endpoint.port()));
        }
        Wiring wiring = wiring(clients, AwsEmulator.REGION.id(), OTHER_REGION.id());
        RotationWiring rotation = wiring.rotation(new TrustMaterial(List.of(root.certificate(),
                pem(ca.certificatePem())), List.of()), ConnectTo.resolver(connectTo, AddressResolver.DNS));

        Rotation planned = rotation.planRotation().plan(new RotationRequest(homeArn, null,
                IssuerChoice.parse("acm-private:" + ca.arn()), List.of(new WaveSize(1, false),
                new WaveSize(100, true)), Duration.ZERO, 2, "alice", List.of("WEAK_KEY"), null));
        Rotation done = RotationIT.run(rotation, planned.rotationId());

        assertThat(done.status()).as(done.reason()).isEqualTo(RotationStatus.SUCCEEDED);
        assertThat(done.certificateArns()).containsExactlyInAnyOrder(homeArn, otherArn);
        List<RotationBinding> bindings = rotation.rotations().bindings(planned.rotationId());
        assertThat(bindings).hasSize(2).allSatisfy(binding -> {
            assertThat(binding.result()).isEqualTo(BindingResult.SWAPPED);
            assertThat(binding.checks()).isNotEmpty().allSatisfy(check -> assertThat(check.servedSha256())
                    .as("the probe saw the issued certificate").isEqualTo(done.replacementSha256()));
        });
        for (RotationBinding binding : bindings) {
            String replacement = binding.replacementArn();
            ScanScope scope = binding.target().scope();
            AwsClients there = scope.region().equals(AwsEmulator.REGION.id()) ? home.clients() : other.clients();
            assertThat(there.elasticLoadBalancingV2().describeListeners(request -> request.listenerArns(
                    binding.target().resourceId())).listeners().getFirst().certificates().getFirst()
                    .certificateArn()).isEqualTo(replacement);
            var detail = there.acm().describeCertificate(request -> request.certificateArn(replacement))
                    .certificate();
            assertThat(detail.keyAlgorithmAsString()).as("upgraded from RSA 1024").isEqualTo("RSA_2048");
            assertThat(detail.subjectAlternativeNames()).containsExactlyInAnyOrder("api.issued.test",
                    "api-v2.issued.test");
            assertThat(detail.issuer()).contains("Issued Rotation IT Private CA");
            Map<String, String> tags = there.acm().listTagsForCertificate(request -> request
                    .certificateArn(replacement)).tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
            assertThat(tags).containsEntry("owner", "api-team").containsEntry("cost-center", "42")
                    .containsEntry(IssueReplacement.REPLACES_TAG, scope.region().equals(AwsEmulator.REGION.id())
                            ? homeArn : otherArn)
                    .containsEntry(IssueReplacement.ROTATION_TAG, planned.rotationId());
            String body = there.acm().getCertificate(request -> request.certificateArn(replacement)).certificate();
            assertThat(pem(body).getSubjectX500Principal().getName()).isEqualTo("CN=api.issued.test");
        }
        assertThat(bindings.stream().map(RotationBinding::replacementArn).distinct()).as("one ARN per region")
                .hasSize(2);

        // The step again (a retried Lambda): nothing new is issued or imported.
        int certificates = home.clients().acm().listCertificates(request -> request.includes(filters -> filters
                .keyTypes(software.amazon.awssdk.services.acm.model.KeyAlgorithm.knownValues())))
                .certificateSummaryList().size();
        assertThat(rotation.issueReplacement().issue(planned.rotationId()).ready()).isTrue();
        assertThat(home.clients().acm().listCertificates(request -> request.includes(filters -> filters
                .keyTypes(software.amazon.awssdk.services.acm.model.KeyAlgorithm.knownValues())))
                .certificateSummaryList()).hasSize(certificates);
        assertThat(rotation.switches().read(new SwapTarget(BindingType.ELBV2_LISTENER,
                new ScanScope(AwsEmulator.ACCOUNT_ID, OTHER_REGION.id()), otherListener, true, otherArn)).certificate())
                .isEqualTo(bindings.stream().filter(b -> b.target().resourceId().equals(otherListener)).findFirst()
                        .orElseThrow().replacementArn());
    }

    @Test
    void anIamServerCertificateOnAClassicListenerMovesToAcmAndTheIamOneIsLeftToItsOwner() throws Exception {
        emulator.resetNow();
        AwsClients clients = emulator.clients().derive(emulator.clients().settings(),
                List.of(keys.learningImports()));
        FleetSeeder.Account home = new FleetSeeder(emulator.clients()).in(AwsEmulator.ACCOUNT_ID,
                AwsEmulator.REGION);
        FleetSeeder.PrivateCa ca = home.privateCertificateAuthority("Issued Rotation IT Private CA");
        String iamArn = home.uploadServerCertificate("api-legacy", old, Map.of("owner", "api-team"));
        home.classicLoadBalancer("legacy", Map.of(), 443, iamArn);
        EmulatedEndpoint endpoint = EmulatedEndpoint.start(home.clients(), BindingType.ELB_LISTENER,
                "loadbalancer/legacy:443", keys);
        endpoints.add(endpoint);
        String dnsName = home.clients().elasticLoadBalancing().describeLoadBalancers().loadBalancerDescriptions()
                .getFirst().dnsName();
        Wiring wiring = wiring(clients, AwsEmulator.REGION.id());
        RotationWiring rotation = wiring.rotation(new TrustMaterial(List.of(root.certificate(),
                pem(ca.certificatePem())), List.of()), ConnectTo.resolver(List.of(new ConnectTo(dnsName, 443,
                "127.0.0.1", endpoint.port())), AddressResolver.DNS));

        Rotation done = RotationIT.run(rotation, rotation.planRotation().plan(new RotationRequest(iamArn, null,
                IssuerChoice.parse("acm-private:" + ca.arn()), null, Duration.ZERO, 1, "alice", List.of(), null))
                .rotationId());

        assertThat(done.status()).as(done.reason()).isEqualTo(RotationStatus.SUCCEEDED);
        String served = home.clients().elasticLoadBalancing().describeLoadBalancers(request -> request
                        .loadBalancerNames("legacy")).loadBalancerDescriptions().getFirst().listenerDescriptions()
                .getFirst().listener().sslCertificateId();
        assertThat(served).as("now an ACM certificate in the listener's region")
                .startsWith("arn:aws:acm:us-east-1:" + AwsEmulator.ACCOUNT_ID + ":certificate/")
                .isEqualTo(done.replacementArn());
        // (moto's UploadServerCertificate keeps no tags, so there is no owner tag to carry over here.)
        assertThat(home.clients().acm().listTagsForCertificate(request -> request.certificateArn(served)).tags())
                .extracting(tag -> tag.key() + "=" + tag.value())
                .contains(IssueReplacement.REPLACES_TAG + "=" + iamArn);
        assertThat(home.clients().iam().getServerCertificate(request -> request.serverCertificateName("api-legacy"))
                .serverCertificate().serverCertificateMetadata().arn()).isEqualTo(iamArn);
    }

    @Test
    void aPrivateCaThatIsNotThereFailsTheIssueStepNamingItNothingSwapped() throws Exception {
        emulator.resetNow();
        FleetSeeder.Account home = new FleetSeeder(emulator.clients()).in(AwsEmulator.ACCOUNT_ID,
                AwsEmulator.REGION);
        String arn = home.importCertificate(old, Map.of("owner", "api-team"));
        String listener = home.httpsLoadBalancer("api", Map.of(), 443, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
                arn, List.of());
        Wiring wiring = wiring(emulator.clients(), AwsEmulator.REGION.id());
        RotationWiring rotation = wiring.rotation(new TrustMaterial(List.of(root.certificate()), List.of()),
                AddressResolver.DNS);
        String missingCa = "arn:aws:acm-pca:us-east-1:" + AwsEmulator.ACCOUNT_ID
                + ":certificate-authority/00000000-0000-0000-0000-000000000000";

        Rotation planned = rotation.planRotation().plan(new RotationRequest(arn, null, IssuerChoice.parse(
                "acm-private:" + missingCa), null, Duration.ZERO, 1, "alice", List.of(), null));
        rotation.startRotation().start(planned.rotationId());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rotation.issueReplacement()
                        .issue(planned.rotationId()))
                .as("the workflow's catch turns it into RotationFailed").hasMessageContaining(missingCa);
        assertThat(home.clients().elasticLoadBalancingV2().describeListeners(request -> request.listenerArns(
                listener)).listeners().getFirst().certificates().getFirst().certificateArn()).isEqualTo(arn);
    }

    /** certfleet on these clients, its alerts and events routed, after a scan of the regions. */
    private Wiring wiring(AwsClients clients, String... regions) throws java.io.IOException {
        LocalAlertRouting.Routes routes = new LocalAlertRouting(clients).ensure();
        // moto's private CA signs for 365 days whatever is asked: a profile that allows it (public-web: 200).
        java.nio.file.Path policy = java.nio.file.Files.writeString(directory.resolve("policy.yaml"), """
                version: 1
                default: api
                profiles:
                  api: {extends: public-web, maxValidityDays: 398}
                """);
        Wiring wiring = new Wiring(clients, Clock.systemUTC(), CertfleetSettings.defaults()
                .withTableName("issued-rotation-it").withRateLimits(RateLimits.UNLIMITED)
                .withAlerts(routes.alertOptions()).withProbe(new io.certfleet.wiring.ProbeOptions(
                        Duration.ofSeconds(5), 8, false, java.util.Optional.of(policy.toString()))));
        wiring.inventoryTable().ensureExists();
        wiring.scanFleet().run(wiring.planScan().plan(new AccountSelection.Caller(), List.of(regions)), 2);
        return wiring;
    }

    private static X509Certificate pem(String text) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
    }
}
