package io.certfleet.core.policy;

import io.certfleet.testing.InMemoryInventoryRepository;
import io.certfleet.adapters.policyfile.YamlPolicyFile;
import io.certfleet.adapters.x509.BouncyCastleCertificateParser;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.core.alerting.OwnerMessage;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.events.CertfleetEvent;
import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.probe.TlsVersion;
import io.certfleet.core.probe.fleet.BindingProbe;
import io.certfleet.core.probe.fleet.ProbeResults;
import io.certfleet.testing.InventoryFixtures;
import io.certfleet.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvaluatePolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-27T06:00:00Z");
    private static final ScanScope SCOPE = new ScanScope("111122223333", "eu-west-1");
    private static final String ARN = "arn:aws:acm:eu-west-1:111122223333:certificate/shop";
    private static final String LISTENER = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/shop/1/2";
    /** AWS's 2016 default: TLS 1.0-1.2 and CBC suites. */
    private static final SecurityPolicy LEGACY = new SecurityPolicy(SecurityPolicyService.ELBV2,
            "ELBSecurityPolicy-2016-08", EnumSet.of(TlsVersion.TLS_1_0, TlsVersion.TLS_1_1, TlsVersion.TLS_1_2),
            Optional.of(new LinkedHashSet<>(List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"))));
    private static final SecurityPolicy RESTRICTED = new SecurityPolicy(SecurityPolicyService.ELBV2,
            "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", EnumSet.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3),
            Optional.of(new LinkedHashSet<>(List.of("TLS_AES_128_GCM_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))));

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryInventoryRepository inventory = new InMemoryInventoryRepository();
    private final Map<BindingRecord.Key, BindingProbe> probes = new HashMap<>();
    private final InMemoryFindingStore store = new InMemoryFindingStore();
    private final List<CertfleetEvent> events = new ArrayList<>();
    private final List<OwnerMessage> told = new ArrayList<>();
    private boolean ownersUnreachable;
    private final EvaluatePolicy evaluate = evaluator(PolicySet.builtIn());

    private EvaluatePolicy evaluator(PolicySet policies) {
        return new EvaluatePolicy(inventory, new ProbeResults() {
        @Override
        public void record(List<BindingProbe> recorded) {
            recorded.forEach(probe -> probes.put(probe.binding(), probe));
        }

        @Override
        public Map<BindingRecord.Key, BindingProbe> latestOf(Set<String> certificateArns) {
            return Map.copyOf(probes);
        }

        @Override
        public Map<BindingRecord.Key, BindingProbe> latestOfBindings(
                java.util.Collection<BindingRecord.Key> bindings) {
            return Map.copyOf(probes);
        }
    }, (service, name, region) -> Optional.of(name.equals(LEGACY.name()) ? LEGACY : RESTRICTED)
            .filter(policy -> policy.name().equals(name)), policies, store, events::addAll,
            message -> {
                if (ownersUnreachable) {
                    throw new IllegalStateException("SNS unreachable");
                }
                told.add(message);
            }, clock);
    }

    @org.junit.jupiter.api.AfterEach
    void everyEventMatchesItsSchema() {
        events.forEach(io.certfleet.testing.EventSchemas::assertValid);
    }

    private BindingRecord listener(String sslPolicy) {
        inventory.recordSeen(InventoryFixtures.record(ARN).scope(SCOPE)
                .facts(InventoryFixtures.facts("shop.example.com", NOW.plus(Duration.ofDays(80)))).build());
        BindingRecord binding = InventoryFixtures.binding(LISTENER, ARN).scope(SCOPE).sslPolicy(sslPolicy).build();
        inventory.recordBindingSeen(binding);
        return binding;
    }

    private void probed(BindingRecord binding, List<TlsVersion> accepted, String suite, Finding... findings) {
        probes.put(binding.key(), new BindingProbe(binding.key(), clock.instant(), Optional.of("shop:443"),
                Optional.of("shop.example.com"), "public-web", List.of(findings), Optional.of(accepted.getLast()),
                Optional.of(suite), accepted, Optional.of("ab"), 10, Optional.empty(), Optional.empty()));
    }

    private static List<String> codes(List<PolicyFinding> findings, Side side) {
        return findings.stream().filter(finding -> finding.side() == side).map(finding -> finding.code().name())
                .toList();
    }

    @Test
    void aLegacyElbPolicyIsReportedOnTheConfigurationSide() {
        listener(LEGACY.name());

        PolicyRun run = evaluate.evaluate(SCOPE);

        assertThat(codes(run.opened(), Side.CONFIGURATION)).containsExactlyInAnyOrder(
                "SECURITY_POLICY_NOT_ALLOWED", "LEGACY_PROTOCOL_ENABLED", "WEAK_CIPHER_ENABLED");
        PolicyFinding legacy = run.opened().stream().filter(f -> f.code() == FindingCode.LEGACY_PROTOCOL_ENABLED)
                .findFirst().orElseThrow();
        assertThat(legacy.detail()).isEqualTo("ELBSecurityPolicy-2016-08 enables TLSv1, TLSv1.1 (minimum TLSv1.2)");
        assertThat(legacy.subject()).isEqualTo("ELBV2_LISTENER#" + LISTENER);
        assertThat(run.opened().stream().filter(f -> f.code() == FindingCode.WEAK_CIPHER_ENABLED).findFirst()
                .orElseThrow().detail()).isEqualTo("ELBSecurityPolicy-2016-08 enables TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
        assertThat(events).extracting(CertfleetEvent::detailType).containsOnly("PolicyViolation").hasSize(3);
    }

    @Test
    void aWireThatDisagreesWithItsConfigurationIsItsOwnFinding() {
        BindingRecord binding = listener(RESTRICTED.name());
        // the configuration says TLS 1.2-1.3, but something in front still takes TLS 1.0 and refuses 1.3
        probed(binding, List.of(TlsVersion.TLS_1_0, TlsVersion.TLS_1_2), "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
                new Finding(FindingCode.LEGACY_PROTOCOL_ENABLED, Severity.HIGH, "TLSv1 accepted"));

        PolicyRun run = evaluate.evaluate(SCOPE);

        assertThat(codes(run.opened(), Side.CONFIGURATION)).isEmpty();
        assertThat(codes(run.opened(), Side.WIRE)).containsExactly("LEGACY_PROTOCOL_ENABLED");
        assertThat(run.opened()).filteredOn(f -> f.side() == Side.CONFIGURATION_VS_WIRE).singleElement()
                .satisfies(mismatch -> {
                    assertThat(mismatch.code()).isEqualTo(FindingCode.CONFIG_WIRE_MISMATCH);
                    assertThat(mismatch.severity()).isEqualTo(Severity.HIGH);
                    assertThat(mismatch.detail()).isEqualTo("the wire accepts TLSv1, which "
                            + "ELBSecurityPolicy-TLS13-1-2-Res-2021-06 does not enable; "
                            + "ELBSecurityPolicy-TLS13-1-2-Res-2021-06 enables TLSv1.3, which the wire refuses; the "
                            + "wire negotiated TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, which "
                            + "ELBSecurityPolicy-TLS13-1-2-Res-2021-06 does not list");
                });
    }

    @Test
    void aFindingSeenAgainKeepsItsFirstSeenAndAFixedOneIsResolvedNotForgotten() {
        BindingRecord binding = listener(LEGACY.name());
        evaluate.evaluate(SCOPE);
        clock.advance(Duration.ofHours(6));
        PolicyRun again = evaluate.evaluate(SCOPE);
        assertThat(again.opened()).isEmpty();
        assertThat(again.stillOpen()).hasSize(3).allSatisfy(stored -> {
            assertThat(stored.firstSeen()).isEqualTo(NOW);
            assertThat(stored.lastSeen()).isEqualTo(NOW.plus(Duration.ofHours(6)));
        });

        inventory.recordBindingSeen(InventoryFixtures.binding(LISTENER, ARN).scope(SCOPE)
                .sslPolicy(RESTRICTED.name()).build()); // the owner moved the listener to the restricted policy
        clock.advance(Duration.ofHours(6));
        events.clear();
        PolicyRun fixed = evaluate.evaluate(SCOPE);

        assertThat(fixed.open()).isZero();
        assertThat(fixed.resolved()).hasSize(3);
        assertThat(store.resolvedAt).hasSize(3).containsValue(NOW.plus(Duration.ofHours(12)));
        assertThat(events).extracting(CertfleetEvent::detailType).containsOnly("PolicyViolationResolved");
        assertThat(events.getFirst().detail()).containsEntry("firstSeen", NOW.toString());
        assertThat(binding).isNotNull();
    }

    @Test
    void anEndpointNotProbedThisTimeKeepsItsWireFindingsAndANewHandshakeFailureIsAnnounced() {
        BindingRecord binding = listener(RESTRICTED.name());
        probed(binding, List.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3), "TLS_AES_128_GCM_SHA256",
                new Finding(FindingCode.INCOMPLETE_CHAIN, Severity.CRITICAL, "intermediate not served"));
        PolicyRun first = evaluate.evaluate(SCOPE);
        assertThat(events).extracting(CertfleetEvent::detailType).containsExactly("PolicyViolation",
                "HandshakeFailure");
        assertThat(events.getLast().detail()).containsEntry("codes", List.of("INCOMPLETE_CHAIN"))
                .containsEntry("severity", "critical");

        probes.clear(); // the probe step failed this time
        PolicyRun unprobed = evaluate.evaluate(SCOPE);

        assertThat(first.opened()).hasSize(1);
        assertThat(unprobed.resolved()).isEmpty();
        assertThat(unprobed.stillOpen()).singleElement().satisfies(stored ->
                assertThat(stored.finding().code()).isEqualTo(FindingCode.INCOMPLETE_CHAIN));
    }

    @Test
    void ownersAreToldOnceWhenAnEndpointStartsFailingHandshakesAndAgainNextTimeIfTheyCouldNotBe() {
        BindingRecord binding = listener(RESTRICTED.name());
        probed(binding, List.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3), "TLS_AES_128_GCM_SHA256",
                new Finding(FindingCode.INCOMPLETE_CHAIN, Severity.CRITICAL, "intermediate not served"),
                new Finding(FindingCode.HOSTNAME_MISMATCH, Severity.CRITICAL, "shop.example.com not covered"));
        ownersUnreachable = true;

        PolicyRun untold = evaluate.evaluate(SCOPE);
        ownersUnreachable = false;
        PolicyRun told1 = evaluate.evaluate(SCOPE);
        PolicyRun again = evaluate.evaluate(SCOPE);

        assertThat(untold.failures()).singleElement().asString().contains("not told").contains("SNS unreachable");
        assertThat(untold.opened()).isEmpty();
        assertThat(told1.opened()).extracting(f -> f.code().name()).contains("INCOMPLETE_CHAIN",
                "HOSTNAME_MISMATCH");
        assertThat(again.opened()).isEmpty();
        assertThat(told).singleElement().satisfies(message -> {
            assertThat(message.subject()).isEqualTo("[certfleet critical] TLS fails at listener/app/shop/1/2: "
                    + "INCOMPLETE_CHAIN, HOSTNAME_MISMATCH").hasSizeLessThanOrEqualTo(100);
            assertThat(message.attributes()).containsEntry("owner", "team").containsEntry("severity", "critical")
                    .containsEntry("code", "HANDSHAKE_FAILURE").containsEntry("certificateArn", ARN);
            assertThat(message.body()).contains("Where: ELBV2_LISTENER " + LISTENER)
                    .contains("- INCOMPLETE_CHAIN (critical): intermediate not served")
                    .contains("re-import the certificate with its chain");
        });
    }

    @Test
    void certificatesAreJudgedByKeyTypeSignatureAndLifetime() {
        inventory.recordSeen(InventoryFixtures.record(ARN).scope(SCOPE).environment("public-web")
                .facts(InventoryFixtures.facts("long.example.com", NOW.plus(Duration.ofDays(20)))).build());

        PolicyRun run = evaluate.evaluate(SCOPE);

        // the fixture certificates live 90 days: within public-web's 200; 20 days left: within its 30-day window
        assertThat(codes(run.opened(), Side.CONFIGURATION)).containsExactly("EXPIRING_SOON");
        assertThat(run.opened().getFirst().subject()).isEqualTo(PolicyFinding.CERTIFICATE);
    }

    @Test
    void aWeakKeyAndAWeakSignatureAreCertificateFindings() {
        IssuedCertificate ca = CertificateBuilder.certificate("Old CA").keyType(KeyType.RSA_2048)
                .certificateAuthority().validFor(NOW, Duration.ofDays(3650)).build();
        inventory.recordSeen(InventoryFixtures.record(ARN).scope(SCOPE).environment("public-web")
                .facts(parsed(CertificateBuilder.certificate("old.example.com").dnsNames("old.example.com")
                        .keyType(KeyType.RSA_1024).signatureAlgorithm("SHA1withRSA").issuedBy(ca)
                        .validFor(NOW, Duration.ofDays(90)).build())).build());

        PolicyRun run = evaluate.evaluate(SCOPE);

        assertThat(codes(run.opened(), Side.CONFIGURATION)).containsExactlyInAnyOrder("WEAK_KEY", "WEAK_SIGNATURE");
        assertThat(run.opened()).extracting(PolicyFinding::detail)
                .contains("RSA-1024 (at least 2048 bits)", "signed with SHA1withRSA");
    }

    @Test
    void aKeyTypeOrSignatureTheProfileDoesNotAllowIsAFinding() {
        PolicySet rsaOnly = YamlPolicyFile.parse("policy.yaml", """
                version: 1
                profiles:
                  rsa-only:
                    extends: public-web
                    keyTypes: [RSA]
                    signatureAlgorithms: [SHA384withRSA]
                environments:
                  payments: rsa-only
                """);
        // the fixture certificates have EC keys signed with ECDSA
        inventory.recordSeen(InventoryFixtures.record(ARN).scope(SCOPE).environment("payments")
                .facts(InventoryFixtures.facts("ec.example.com", NOW.plus(Duration.ofDays(80)))).build());

        PolicyRun run = evaluator(rsaOnly).evaluate(SCOPE);

        assertThat(codes(run.opened(), Side.CONFIGURATION)).containsExactlyInAnyOrder("KEY_TYPE_NOT_ALLOWED",
                "SIGNATURE_NOT_ALLOWED");
        assertThat(run.opened()).allSatisfy(finding -> assertThat(finding.profile()).isEqualTo("rsa-only"));
    }

    @Test
    void aSecurityPolicyNeitherTheServiceNorCertfleetKnowsIsAFinding() {
        listener("ELBSecurityPolicy-Made-Up-2099");

        PolicyRun run = evaluate.evaluate(SCOPE);

        assertThat(codes(run.opened(), Side.CONFIGURATION)).contains("UNKNOWN_SECURITY_POLICY",
                "SECURITY_POLICY_NOT_ALLOWED");
        assertThat(run.opened()).filteredOn(finding -> finding.code() == FindingCode.UNKNOWN_SECURITY_POLICY)
                .singleElement().satisfies(finding -> assertThat(finding.detail())
                        .isEqualTo("ELBSecurityPolicy-Made-Up-2099 is not a policy the service describes or "
                                + "certfleet knows"));
    }

    private static io.certfleet.core.certificate.CertificateFacts parsed(IssuedCertificate certificate) {
        try {
            return new BouncyCastleCertificateParser().parse(certificate.certificatePem(), certificate.chainPem());
        } catch (io.certfleet.core.certificate.MalformedCertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aStableFindingIsWrittenWhenItOpensChangesOrOncePerDayNotAtEveryEvaluation() {
        listener(LEGACY.name());
        evaluate.evaluate(SCOPE);
        assertThat(store.written).hasSize(3);

        clock.advance(Duration.ofHours(6));
        evaluate.evaluate(SCOPE);
        assertThat(store.written).as("unchanged, seen 6 hours ago").hasSize(3);

        clock.advance(Duration.ofHours(19));
        evaluate.evaluate(SCOPE);
        assertThat(store.written).as("a day since lastSeen was written").hasSize(6);
    }

    @Test
    void aCertificateThatCannotBeParsedIsAFindingNotASilence() {
        inventory.recordSeen(InventoryFixtures.record(ARN).scope(SCOPE)
                .malformed("certificate body: not a PEM CERTIFICATE block").build());

        PolicyRun run = evaluate.evaluate(SCOPE);

        assertThat(run.opened()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.MALFORMED_CERTIFICATE);
            assertThat(finding.severity()).isEqualTo(Severity.HIGH);
            assertThat(finding.detail()).isEqualTo("certificate body: not a PEM CERTIFICATE block");
        });
        assertThat(run.certificates()).isZero();
    }

    /** A finding store behind the port for unit tests (the DynamoDB one is tested against moto). */
    static final class InMemoryFindingStore implements FindingStore {
        final Map<String, StoredFinding> open = new HashMap<>();
        final Map<String, Instant> resolvedAt = new HashMap<>();
        final List<PolicyFinding> written = new ArrayList<>();

        @Override
        public List<StoredFinding> open(ScanScope scope) {
            return open.values().stream().filter(stored -> stored.finding().scope().equals(scope)).toList();
        }

        @Override
        public void seen(List<PolicyFinding> findings, Instant at) {
            written.addAll(findings);
            findings.forEach(finding -> open.merge(finding.key(), new StoredFinding(finding, at, at),
                    (before, now) -> new StoredFinding(finding, before.firstSeen(), at)));
        }

        @Override
        public List<FindingHistory> history() {
            return open.values().stream().map(stored -> new FindingHistory(stored.finding(), stored.firstSeen(),
                    stored.lastSeen(), Optional.empty())).toList();
        }

        @Override
        public void resolved(List<StoredFinding> findings, Instant at) {
            findings.forEach(stored -> {
                open.remove(stored.finding().key());
                resolvedAt.put(stored.finding().key(), at);
            });
        }
    }
}
