package io.certfleet.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.certificate.X509Facts;
import io.certfleet.core.compliance.PageRotations;
import io.certfleet.core.certificate.CertificateSource;
import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.policy.PolicySet;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.policy.rotation.IssuerChoice;
import io.certfleet.core.policy.rotation.NegotiationSpike;
import io.certfleet.core.policy.rotation.RotationMode;
import io.certfleet.core.probe.CheckResult;
import io.certfleet.core.probe.DiagnoseEndpoint;
import io.certfleet.core.probe.EndpointObservation;
import io.certfleet.core.probe.IssuerLookup;
import io.certfleet.core.probe.NetworkFailure;
import io.certfleet.core.probe.ObservationBuilder;
import io.certfleet.core.probe.ProbeSettings;
import io.certfleet.core.probe.ProbeTarget;
import io.certfleet.core.probe.TlsProber;
import io.certfleet.core.probe.TlsVersion;
import io.certfleet.core.probe.TrustMaterial;
import io.certfleet.core.probe.VersionSupport;
import io.certfleet.core.rotation.Rotation;
import io.certfleet.core.rotation.RotationStatus;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import io.certfleet.testing.InMemoryInventoryRepository;
import io.certfleet.testing.InMemoryRotationStore;
import io.certfleet.testing.InventoryFixtures;
import io.certfleet.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The conformance report's use case with a fake prober behind the core port and the inventory and rotations in
 * memory: which profile judges the endpoint and why, the certificate profile row, suites judged under the chosen
 * profile, the chain's roles, and the inventory's standing (automation, history, how the certificate arrived).
 */
class AssessConformanceTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final IssuedCertificate ROOT = CertificateBuilder.certificate("Conformance Root")
            .certificateAuthority().validFor(NOW.minus(Duration.ofDays(10)), Duration.ofDays(3650)).build();
    private static final IssuedCertificate INTERMEDIATE = CertificateBuilder.certificate("Conformance Intermediate")
            .certificateAuthority().issuedBy(ROOT).validFor(NOW.minus(Duration.ofDays(10)), Duration.ofDays(900))
            .build();
    private static final IssuedCertificate SHOP = CertificateBuilder.certificate("shop.conf.test")
            .dnsNames("shop.conf.test").issuedBy(INTERMEDIATE).validFor(NOW.minus(Duration.ofDays(1)),
                    Duration.ofDays(90)).build();
    private static final String CBC = "TLS_RSA_WITH_AES_128_CBC_SHA";
    private static final String GCM = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryInventoryRepository inventory = new InMemoryInventoryRepository();
    private final InMemoryRotationStore rotations = new InMemoryRotationStore();
    private final List<ProbeSettings> settingsSeen = new ArrayList<>();

    private TlsProber serving(EndpointObservation observation) {
        return (target, settings) -> {
            settingsSeen.add(settings);
            return observation;
        };
    }

    private AssessConformance assess(TlsProber prober, PolicySet policies, boolean withInventory) {
        DiagnoseEndpoint diagnose = new DiagnoseEndpoint(new TrustMaterial(List.of(ROOT.certificate()),
                List.of(INTERMEDIATE.certificate())), IssuerLookup.NONE, clock);
        return new AssessConformance(prober, diagnose, policies, withInventory ? Optional.of(
                new InventoryStandings(inventory, new PageRotations(rotations), policies)) : Optional.empty(), clock);
    }

    private static AssessConformance.Request request(Optional<String> profile) {
        return new AssessConformance.Request(ProbeTarget.parse("shop.conf.test:443", Optional.empty()), profile,
                Optional.empty(), Duration.ofSeconds(2));
    }

    private static ObservationBuilder shop() {
        return ObservationBuilder.endpoint("shop.conf.test:443")
                .servingExactly(SHOP.certificate(), INTERMEDIATE.certificate())
                .version(TlsVersion.TLS_1_2, VersionSupport.enumerated(List.of(GCM, CBC),
                        TlsPolicy.PUBLIC_WEB.allowedCipherSuites()));
    }

    @Test
    void anEndpointOutsideTheInventoryIsJudgedUnderTheDefaultProfileWithEverySuiteEnumerated() throws Exception {
        ConformanceReport report = assess(serving(shop().build()), PolicySet.builtIn(), true)
                .assess(request(Optional.empty()));

        assertThat(settingsSeen).singleElement().satisfies(settings -> {
            assertThat(settings.enumerateSuites()).isTrue();
            assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        });
        assertThat(report.profile().name()).isEqualTo("public-web");
        assertThat(report.profileSource()).isEqualTo("the default profile (the served certificate is not in the "
                + "inventory)");
        assertThat(report.inventory()).isEmpty();
        String served = X509Facts.sha256(SHOP.certificate());
        assertThat(report.inventoryNote()).hasValueSatisfying(note -> assertThat(note)
                .contains(served).contains("in no present inventory location"));
        assertThat(row(report, "cipher").findings()).extracting(Finding::code)
                .containsExactly(FindingCode.WEAK_CIPHER_ENABLED);
        assertThat(report.versions().get(TlsVersion.TLS_1_2).acceptedSuites()).containsExactly(GCM, CBC);
        assertThat(report.conforms()).isFalse();
        assertThat(report.findings()).extracting(Finding::code).containsExactly(FindingCode.WEAK_CIPHER_ENABLED);
    }

    @Test
    void aNamedProfileJudgesTheSameAnswersUnderItsOwnSuites() {
        TlsPolicy lenient = TlsPolicy.PUBLIC_WEB.toBuilder().name("legacy-partner")
                .allowedCipherSuites(java.util.Set.of(GCM, CBC, "TLS_AES_128_GCM_SHA256")).build();
        PolicySet policies = new PolicySet(1, "public-web", profiles(TlsPolicy.PUBLIC_WEB, lenient));

        ConformanceReport report = assess(serving(shop().build()), policies, false)
                .assess(request(Optional.of("legacy-partner")));

        assertThat(report.profile().name()).isEqualTo("legacy-partner");
        assertThat(report.profileSource()).isEqualTo("named with --policy");
        assertThat(row(report, "cipher").outcome()).isEqualTo(CheckResult.Outcome.PASS);
        assertThat(report.versions().get(TlsVersion.TLS_1_2).outsideCiphers()).isEmpty();
        assertThat(report.inventoryNote()).contains("no inventory table was given: rotation history not looked up");
        assertThat(report.conforms()).isTrue();
    }

    @Test
    void anUnknownProfileIsRefusedBeforeAnythingIsProbed() {
        assertThatThrownBy(() -> assess(serving(shop().build()), PolicySet.builtIn(), false)
                .assess(request(Optional.of("nope"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no profile is named 'nope' (profiles: public-web, internal-api, partner, iot)");
        assertThat(settingsSeen).isEmpty();
    }

    @Test
    void theCertificateProfileRowJudgesKeyTypeSignatureAndLifetime() {
        IssuedCertificate longLived = CertificateBuilder.certificate("long.conf.test").dnsNames("shop.conf.test")
                .keyType(KeyType.RSA_2048).signatureAlgorithm("SHA384withECDSA").issuedBy(INTERMEDIATE)
                .validFor(NOW.minus(Duration.ofDays(1)), Duration.ofDays(400)).build();
        TlsPolicy ecOnly = TlsPolicy.PUBLIC_WEB.toBuilder().name("ec-only").allowedKeyTypes(java.util.Set.of("EC"))
                .allowedSignatureAlgorithms(java.util.Set.of("SHA256withECDSA")).build();

        ConformanceReport report = assess(serving(ObservationBuilder.endpoint("shop.conf.test:443")
                .servingExactly(longLived.certificate(), INTERMEDIATE.certificate()).build()),
                new PolicySet(1, "ec-only", profiles(ecOnly)), false).assess(request(Optional.empty()));

        CheckResult profile = row(report, AssessConformance.CERTIFICATE_PROFILE);
        assertThat(profile.outcome()).isEqualTo(CheckResult.Outcome.FAIL);
        assertThat(profile.findings()).extracting(Finding::code).containsExactlyInAnyOrder(
                FindingCode.KEY_TYPE_NOT_ALLOWED, FindingCode.SIGNATURE_NOT_ALLOWED, FindingCode.VALIDITY_TOO_LONG);
        assertThat(profile.evidence()).startsWith("key RSA-2048", "signed with SHA384WITHECDSA");
        assertThat(profile.evidence().get(2)).startsWith("valid for 400 days");
        assertThat(profile.requirement()).isEqualTo("the leaf's key type is EC, its signature algorithm one of "
                + "SHA256withECDSA, and its lifetime at most 200 days");
        assertThat(report.findings()).extracting(Finding::code).contains(FindingCode.VALIDITY_TOO_LONG);
    }

    @Test
    void theChainShowsEachCertificatesPartInThePath() {
        IssuedCertificate stranger = CertificateBuilder.certificate("Stranger").certificateAuthority().build();
        ConformanceReport missing = assess(serving(ObservationBuilder.endpoint("shop.conf.test:443")
                .servingExactly(SHOP.certificate(), stranger.certificate()).build()), PolicySet.builtIn(), false)
                .assess(request(Optional.empty()));

        assertThat(missing.chain()).extracting(link -> link.position() + " " + link.role() + " "
                + link.facts().subject()).containsExactly("0 LEAF CN=shop.conf.test",
                "1 UNRELATED CN=Stranger", "-1 NOT_SERVED_INTERMEDIATE CN=Conformance Intermediate",
                "-1 TRUST_ANCHOR CN=Conformance Root");
        assertThat(row(missing, "trust").findings()).extracting(Finding::code)
                .containsExactly(FindingCode.INCOMPLETE_CHAIN);

        ConformanceReport withRoot = assess(serving(ObservationBuilder.endpoint("shop.conf.test:443")
                .serving(SHOP).build()), PolicySet.builtIn(), false).assess(request(Optional.empty()));
        assertThat(withRoot.chain()).extracting(ChainLink::role).containsExactly(ChainLink.Role.LEAF,
                ChainLink.Role.INTERMEDIATE, ChainLink.Role.ROOT);
    }

    @Test
    void anUnreachableEndpointDoesNotConformAndNoRowPasses() {
        ConformanceReport report = assess(serving(EndpointObservation.failed(ProbeTarget.parse("shop.conf.test:443",
                Optional.empty()), new NetworkFailure(FindingCode.CONNECTION_REFUSED, "refused"), 1)),
                PolicySet.builtIn(), true).assess(request(Optional.empty()));

        assertThat(report.conforms()).isFalse();
        assertThat(report.findings()).extracting(Finding::code).containsExactly(FindingCode.CONNECTION_REFUSED);
        assertThat(report.checks()).allSatisfy(row -> assertThat(row.outcome())
                .isEqualTo(CheckResult.Outcome.NOT_APPLICABLE));
        assertThat(report.chain()).isEmpty();
        assertThat(report.inventoryNote()).contains("no certificate was served: nothing to look up in the inventory");
    }

    @Test
    void anInventoryCertificateIsJudgedUnderItsEnvironmentsProfileWithItsRotationHistory() throws Exception {
        CertificateFacts facts = X509Facts.of(SHOP.certificate(), List.of());
        String arn = "arn:aws:acm:eu-west-1:111122223333:certificate/shop";
        inventory.recordSeen(InventoryFixtures.record(arn).facts(facts).environment("partner")
                .version("IMPORTED|2026-11-26T00:00:00Z").build());
        inventory.recordBindingSeen(InventoryFixtures.binding("listener/app/shop/1/2", arn).build());
        inventory.recordSeen(InventoryFixtures.record("arn:aws:acm:eu-west-1:111122223333:certificate/other")
                .build());
        rotations.create(rotation("r-old", "aa".repeat(32), List.of("arn:aws:acm:eu-west-1:1:certificate/old"),
                RotationStatus.SUCCEEDED, facts.sha256(), NOW.minus(Duration.ofDays(60))), List.of());
        rotations.create(rotation("r-failed", "aa".repeat(32), List.of("arn:aws:acm:eu-west-1:1:certificate/old"),
                RotationStatus.ROLLED_BACK, facts.sha256(), NOW.minus(Duration.ofDays(61))), List.of());
        rotations.create(rotation("r-this", facts.sha256(), List.of(arn), RotationStatus.FAILED, null,
                NOW.minus(Duration.ofDays(1))), List.of());

        ConformanceReport report = assess(serving(shop().build()), PolicySet.builtIn(), true)
                .assess(request(Optional.empty()));

        assertThat(report.profile().name()).isEqualTo("partner");
        assertThat(report.profileSource()).isEqualTo("the inventory's: environment 'partner' maps to profile "
                + "'partner'");
        InventoryStanding standing = report.inventory().orElseThrow();
        assertThat(standing.certificateId()).isEqualTo(facts.sha256());
        assertThat(standing.locations()).extracting(record -> record.location().arn()).containsExactly(arn);
        assertThat(standing.bindings()).extracting(binding -> binding.resourceId())
                .containsExactly("listener/app/shop/1/2");
        assertThat(standing.automation()).isEqualTo(Automation.OWNER_PROVIDES_REPLACEMENT);
        assertThat(standing.automation().automated()).isFalse();
        assertThat(standing.explanation()).contains("profile partner").contains("45 days before expiry")
                .contains("issued and imported by a person");
        assertThat(standing.rotations()).extracting(Rotation::rotationId).containsExactly("r-this");
        assertThat(standing.arrivedBy()).map(Rotation::rotationId).contains("r-old");
        assertThat(report.inventoryNote()).isEmpty();
    }

    @Test
    void automationFollowsTheStoreAndTheProfilesRotationRules() throws Exception {
        CertificateFacts facts = X509Facts.of(SHOP.certificate(), List.of());
        String arn = "arn:aws:acm:eu-west-1:111122223333:certificate/shop";
        inventory.recordSeen(InventoryFixtures.record(arn).facts(facts).environment("prod")
                .version("AMAZON_ISSUED|2026-11-26T00:00:00Z").build());
        InventoryStandings standings = new InventoryStandings(inventory, new PageRotations(rotations),
                PolicySet.builtIn());

        InventoryStanding acm = standings.of(facts.sha256()).orElseThrow();
        assertThat(acm.automation()).isEqualTo(Automation.ACM_RENEWAL);
        assertThat(acm.automation().automated()).isTrue();
        assertThat(acm.profile()).isEqualTo("public-web");

        assertThat(InventoryStandings.automation(false, TlsPolicy.PUBLIC_WEB.rotation()))
                .isEqualTo(Automation.CERTFLEET_ROTATES);
        assertThat(InventoryStandings.automation(false, TlsPolicy.PUBLIC_WEB.rotation().toBuilder()
                .mode(RotationMode.APPROVE).build())).isEqualTo(Automation.CERTFLEET_ROTATES_AFTER_APPROVAL);
        assertThat(InventoryStandings.automation(false, TlsPolicy.PUBLIC_WEB.rotation().toBuilder()
                .mode(RotationMode.OFF).build())).isEqualTo(Automation.MANUAL);
        assertThat(InventoryStandings.automation(false, TlsPolicy.INTERNAL_API.rotation()))
                .isEqualTo(Automation.OWNER_PROVIDES_REPLACEMENT);
        assertThat(Automation.MANUAL.automated()).isFalse();
        assertThat(standings.of("ff".repeat(32))).isEmpty();
        assertThat(inventory.allRecords()).extracting(InventoryRecord::location)
                .allSatisfy(location -> assertThat(location.source()).isEqualTo(CertificateSource.ACM));
    }

    private static Rotation rotation(String id, String sha256, List<String> arns, RotationStatus status,
                                     String replacementSha256, Instant startedAt) {
        return new Rotation(id, sha256, "CN=x", "team", "prod", arns, "public-web", RotationMode.AUTO,
                IssuerChoice.ACM_PUBLIC, Duration.ofMinutes(5), 3, NegotiationSpike.DEFAULT, List.of(), 1, status,
                List.of("expires soon"), "schedule", null, replacementSha256, null, false, null, null, List.of(),
                status == RotationStatus.SUCCEEDED ? null : "it went " + status, startedAt, startedAt,
                startedAt.plus(Duration.ofMinutes(20)));
    }

    private static Map<String, TlsPolicy> profiles(TlsPolicy... policies) {
        Map<String, TlsPolicy> map = new LinkedHashMap<>();
        for (TlsPolicy policy : policies) {
            map.put(policy.name(), policy);
        }
        return map;
    }

    private static CheckResult row(ConformanceReport report, String name) {
        return report.checks().stream().filter(check -> check.name().equals(name)).findFirst().orElseThrow();
    }
}
