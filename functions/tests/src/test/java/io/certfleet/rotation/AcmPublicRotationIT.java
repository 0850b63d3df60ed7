package io.certfleet.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.AwsSettings;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.adapters.tls.AddressResolver;
import io.certfleet.core.fleet.AccountSelection;
import io.certfleet.core.policy.rotation.IssuerChoice;
import io.certfleet.core.probe.TrustMaterial;
import io.certfleet.core.rotation.IssueReplacement;
import io.certfleet.core.rotation.Rotation;
import io.certfleet.core.rotation.RotationRequest;
import io.certfleet.core.rotation.RotationStatus;
import io.certfleet.local.FleetSeeder;
import io.certfleet.local.LocalAlertRouting;
import io.certfleet.local.MotoServer;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.RotationWiring;
import io.certfleet.wiring.Wiring;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.Tag;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * acm-public replacements against a moto server of its own that holds ACM's public requests in PENDING_VALIDATION for
 * a few seconds (as real ACM does until it sees the DNS records): certfleet writes the validation records into the
 * account's hosted zone, or tells the owner which to create; the Issue step answers "pending" (the workflow waits and
 * asks again), asks about the same request each time, and gives up after 72 hours.
 */
class AcmPublicRotationIT {

    private static final Duration VALIDATION_WAIT = Duration.ofSeconds(4);
    private static final Instant NOW = Instant.now();

    private static MotoServer server;
    private static AwsClients clients;

    private final IssuedCertificate root = CertificateBuilder.certificate("Public Rotation IT Root")
            .certificateAuthority().validFor(NOW.minus(Duration.ofDays(1)), Duration.ofDays(3650)).build();
    private FleetSeeder.Account account;
    private LocalAlertRouting routing;
    private LocalAlertRouting.Routes routes;

    @BeforeAll
    static void startSlowValidatingMoto() {
        server = MotoServer.start(System.getenv().getOrDefault("CERTFLEET_PYTHON", "python3"),
                MotoServer.Concurrency.SERIAL, Duration.ofSeconds(60), VALIDATION_WAIT);
        clients = new AwsClients(AwsSettings.forEmulator(server.endpoint(), AwsEmulator.REGION));
    }

    @AfterAll
    static void stopMoto() {
        clients.close();
        server.close();
    }

    @BeforeEach
    void fleet() {
        MotoServer.reset(server.endpoint());
        account = new FleetSeeder(clients).in(AwsEmulator.ACCOUNT_ID, AwsEmulator.REGION);
        routing = new LocalAlertRouting(clients);
        routes = routing.ensure();
    }

    private IssuedCertificate leaf(String... names) {
        return CertificateBuilder.certificate(names[0]).dnsNames(names).issuedBy(root)
                .validity(NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofDays(20))).build();
    }

    private String serve(IssuedCertificate certificate) {
        String arn = account.importCertificate(certificate, Map.of("owner", "web-team"));
        account.httpsLoadBalancer("lb-" + Math.abs(arn.hashCode() % 10000), Map.of(), 443,
                "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", arn, List.of());
        return arn;
    }

    private Wiring wiring(Clock clock) {
        Wiring wiring = new Wiring(clients, clock, CertfleetSettings.defaults().withTableName("public-rotation-it")
                .withRateLimits(RateLimits.UNLIMITED).withAlerts(routes.alertOptions()));
        wiring.inventoryTable().ensureExists();
        return wiring;
    }

    /** certfleet after a scan of the account-region. */
    private Wiring scanned(Clock clock) {
        Wiring wiring = wiring(clock);
        wiring.scanFleet().run(wiring.planScan().plan(new AccountSelection.Caller(), List.of("us-east-1")), 1);
        return wiring;
    }

    /** An acm-public rotation of the certificate, planned and started (its lock taken); alerts so far drained. */
    private String startedPublicRotation(RotationWiring rotation, String oldArn) {
        routing.drain(routes.alertQueueUrl());
        String id = rotation.planRotation().plan(publicRequest(oldArn)).rotationId();
        rotation.startRotation().start(id);
        return id;
    }

    private RotationWiring rotation(Wiring wiring) {
        return wiring.rotation(new TrustMaterial(List.of(root.certificate()), List.of()), AddressResolver.DNS);
    }

    private static RotationRequest publicRequest(String arn) {
        return new RotationRequest(arn, null, IssuerChoice.ACM_PUBLIC, null, Duration.ZERO, 1, "alice",
                List.of("expires in 20 days"), null);
    }

    @Test
    void whereTheAccountsHostedZoneCoversTheNamesCertfleetWritesTheValidationRecordsAndAsksAcmAgain()
            throws Exception {
        String zone = clients.route53().createHostedZone(request -> request.name("public.test")
                .callerReference("it-" + System.nanoTime())).hostedZone().id();
        String oldArn = serve(leaf("shop.public.test", "www.public.test"));
        RotationWiring rotation = rotation(scanned(Clock.systemUTC()));
        String id = startedPublicRotation(rotation, oldArn);

        IssueReplacement.Outcome first = rotation.issueReplacement().issue(id);

        assertThat(first.pending()).as(first.toString()).isTrue();
        assertThat(first.waiting()).startsWith("ACM validates").contains("through the records certfleet wrote");
        Rotation waiting = rotation.rotations().load(id);
        assertThat(waiting.status()).isEqualTo(RotationStatus.WAITING_ISSUE);
        assertThat(waiting.replacementArn()).isEqualTo(first.replacementArn());
        CertificateDetail requested = clients.acm().describeCertificate(request -> request.certificateArn(
                first.replacementArn())).certificate();
        assertThat(requested.domainName()).isEqualTo("shop.public.test");
        assertThat(requested.subjectAlternativeNames()).containsExactlyInAnyOrder("shop.public.test",
                "www.public.test");
        assertThat(clients.acm().listTagsForCertificate(request -> request.certificateArn(first.replacementArn()))
                .tags().stream().collect(Collectors.toMap(Tag::key, Tag::value)))
                .containsEntry("owner", "web-team").containsEntry(IssueReplacement.REPLACES_TAG, oldArn)
                .containsEntry(IssueReplacement.ROTATION_TAG, id);
        List<String> expected = requested.domainValidationOptions().stream()
                .map(validation -> validation.resourceRecord().name() + " CNAME "
                        + validation.resourceRecord().value()).toList();
        assertThat(expected).hasSize(2);
        assertThat(cnames(zone)).as("ACM's validation records, in the account's zone")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(routing.drainAlerts(routes.alertQueueUrl())).as("nothing for the owner to do").isEmpty();

        IssueReplacement.Outcome again = rotation.issueReplacement().issue(id);
        assertThat(again.pending()).isTrue();
        assertThat(again.replacementArn()).as("the same request, asked about again").isEqualTo(
                first.replacementArn());
        assertThat(cnames(zone)).as("an UPSERT: the same records").containsExactlyInAnyOrderElementsOf(expected);

        Thread.sleep(VALIDATION_WAIT.plusSeconds(1).toMillis()); // ACM (moto) validates
        IssueReplacement.Outcome issued = rotation.issueReplacement().issue(id);

        assertThat(issued.pending()).isFalse();
        // moto's ACM signs its "public" certificates with their own key under an issuer named Amazon, chained to an
        // "Amazon Root CA 1" this test does not trust (and valid 365 days, over public-web's 200): the preflight
        // refuses to swap it in, as it would any replacement that clients would not accept.
        assertThat(issued.ready()).isFalse();
        assertThat(issued.replacementArn()).isEqualTo(first.replacementArn());
        assertThat(String.join("; ", issued.problems())).contains("chain-complete")
                .contains("Amazon Root CA 1");
        assertThat(clients.acm().listCertificates().certificateSummaryList().stream()
                .filter(summary -> summary.domainName().equals("shop.public.test")))
                .as("the old certificate and one request").hasSize(2);
    }

    @Test
    void withoutAHostedZoneTheOwnerIsToldOnceWhichRecordsToCreateAndTheWaitIsBounded() {
        String oldArn = serve(leaf("api.elsewhere.test"));
        RotationWiring rotation = rotation(scanned(Clock.systemUTC()));
        String id = startedPublicRotation(rotation, oldArn);

        IssueReplacement.Outcome first = rotation.issueReplacement().issue(id);
        rotation.issueReplacement().issue(id);

        assertThat(first.pending()).isTrue();
        assertThat(first.waiting()).startsWith("ACM waits for DNS records the owner has to create");
        var record = clients.acm().describeCertificate(request -> request.certificateArn(first.replacementArn()))
                .certificate().domainValidationOptions().getFirst().resourceRecord();
        assertThat(routing.drainAlerts(routes.alertQueueUrl())).as("told once").singleElement().satisfies(alert -> {
            assertThat(alert.subject()).isEqualTo("[certfleet] create DNS records to validate the replacement of "
                    + "CN=api.elsewhere.test");
            assertThat(alert.message()).contains(record.name() + " CNAME " + record.value());
            assertThat(alert.attribute("owner")).isEqualTo("web-team");
        });

        // The next day's rotation of the same certificate asks about that request, it does not make another.
        String next = rotation.planRotation().plan(publicRequest(oldArn)).rotationId();
        assertThat(rotation.issueReplacement().issue(next).replacementArn()).isEqualTo(first.replacementArn());
        assertThat(clients.acm().listCertificates().certificateSummaryList().stream()
                .filter(summary -> summary.domainName().equals("api.elsewhere.test"))).hasSize(2);

        // Three days on, ACM still waits: the rotation ends (RotationFailed), saying what was missing.
        RotationWiring later = rotation(wiring(Clock.offset(Clock.systemUTC(), Duration.ofHours(73))));
        IssueReplacement.Outcome expired = later.issueReplacement().issue(id);

        assertThat(expired.pending()).isFalse();
        assertThat(expired.ready()).isFalse();
        assertThat(String.join("; ", expired.problems())).contains("did not validate").contains("72 hours")
                .contains(record.name());
    }

    private List<String> cnames(String zone) {
        return clients.route53().listResourceRecordSets(request -> request.hostedZoneId(zone))
                .resourceRecordSets().stream().filter(set -> set.typeAsString().equals("CNAME"))
                .map(AcmPublicRotationIT::describe).toList();
    }

    private static String describe(ResourceRecordSet set) {
        return set.name() + " CNAME " + set.resourceRecords().getFirst().value();
    }
}
